import path from 'node:path';
import { ActionEngine, type EngineAction } from '../../src/engine/index.ts';
import { makeEvent } from '../../src/harness/index.ts';

const ROOT = path.resolve(__dirname, '../..');
const engine = new ActionEngine({ timeoutMs: 2000 });
afterAll(() => engine.close());

let n = 0;
const action = (code: string, extra: Partial<EngineAction> = {}): EngineAction => ({ name: `a${++n}`, code, resolveFrom: ROOT, ...extra });
const claims = async (code: string, extra: Partial<EngineAction> = {}) => (await engine.execute([action(code, extra)], makeEvent())).idToken.claims;

test('more Actions at once than the engine keeps processes for: each one loads and runs (a build of many Actions)', async () => {
  const small = new ActionEngine({ timeoutMs: 2000, maxProcesses: 2, processesPerFlow: 1 });
  try {
    const many = Array.from({ length: 8 }, (_, i) => action(`exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/i", ${i}); };`));
    expect(await Promise.all(many.map((a) => small.load(a)))).toEqual(many.map(() => null));
    const results = await Promise.all(many.map((a) => small.execute([a], makeEvent())));
    expect(results.map((r) => r.idToken.claims['https://x.example.com/i'])).toEqual(many.map((_, i) => i));
  } finally {
    await small.close();
  }
});

describe('the Action engine loads code as Auth0 does', () => {
  test('CommonJS: module.exports and exports both work, in binding order', async () => {
    const a = action('module.exports = { onExecutePostLogin: async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/a", 1); } };');
    const b = action('exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/b", 2); };');
    const r = await engine.execute([a, b], makeEvent());
    expect(r.idToken.claims).toEqual({ 'https://x.example.com/a': 1, 'https://x.example.com/b': 2 });
    expect(r.actions).toEqual([{ name: a.name, ran: true }, { name: b.name, ran: true }]);
  });

  test('module scope runs once and is reused across executions, as on a warm Auth0 instance', async () => {
    const a = action('let loads = 0; loads++; let runs = 0; exports.onExecutePostLogin = async (e, api) => { runs++; api.idToken.setCustomClaim("https://x.example.com/n", [loads, runs]); };');
    await engine.execute([a], makeEvent());
    const r = await engine.execute([a], makeEvent());
    expect(r.idToken.claims['https://x.example.com/n']).toEqual([1, 2]);
  });

  test('the Action, its event and its api share one realm: instanceof holds as on Auth0', async () => {
    const c = await claims('exports.onExecutePostLogin = async (e, api) => { let thrown; try { api.accessToken.setCustomClaim("scope", "x"); } catch (err) { thrown = err instanceof Error; } api.idToken.setCustomClaim("https://x.example.com/r", [e.authorization.roles instanceof Array, e.user.app_metadata instanceof Object, thrown]); };');
    expect(c['https://x.example.com/r']).toEqual([true, true, true]);
  });

  test('require finds Node built-ins, with or without the node: prefix', async () => {
    const c = await claims('const c = require("node:crypto"); const u = require("util"); exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/h", c.createHash("sha256").update("a").digest("hex").slice(0, 8) + u.format("%d", 1)); };');
    expect(c['https://x.example.com/h']).toBe('ca978112' + '1');
  });

  test('an undeclared npm package cannot be required, and the error says how to declare it', async () => {
    expect(await engine.load(action('require("yaml"); exports.onExecutePostLogin = async () => {};'))).toEqual(
      expect.objectContaining({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/Cannot find module 'yaml'.*Declare "yaml".*dependencies: \[\{ name, version \}\]/) }),
    );
  });

  test('a declared dependency can be required; a relative path cannot', async () => {
    const yaml = action('const y = require("yaml"); exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/y", y.parse("a: 1")); };', { dependencies: [{ name: 'yaml', version: '2.9.1' }] });
    expect(await engine.load(yaml)).toBeNull();
    expect((await engine.execute([yaml], makeEvent())).idToken.claims).toEqual({ 'https://x.example.com/y': { a: 1 } });
    expect(await engine.load(action('require("./helper"); exports.onExecutePostLogin = async () => {};'))).toEqual(expect.objectContaining({ message: expect.stringMatching(/one file per Action/) }));
  });

  test('a declared dependency that is not installed says so, without host paths', async () => {
    const failure = await engine.load(action('require("left-pad"); exports.onExecutePostLogin = async () => {};', { dependencies: [{ name: 'left-pad', version: '1.3.0' }] }));
    expect(failure?.message).toMatch(/"left-pad@1\.3\.0" is declared but not installed/);
    expect(failure?.message).not.toContain(ROOT);
  });

  test('a require inside the handler fails the login, not the load', async () => {
    const a = action('exports.onExecutePostLogin = async () => { require("lodash"); };');
    expect(await engine.load(a)).toBeNull();
    const r = await engine.execute([a], makeEvent());
    expect(r.outcome).toBe('error');
    expect(r.error).toEqual({ action: a.name, message: expect.stringMatching(/Cannot find module 'lodash'/) });
  });

  test('loader errors: syntax (with its line), throwing module scope, missing or non-async handler', async () => {
    expect(await engine.load(action('exports.onExecutePostLogin = async (e, api) => {\n  api.idToken.setCustomClaim("a", ;\n};'))).toEqual({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/does not compile/), line: expect.any(Number) });
    expect(await engine.load(action('throw new Error("boom"); exports.onExecutePostLogin = async () => {};'))).toEqual({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/throws while loading: boom/) });
    expect(await engine.load(action('exports.other = async () => {};'))).toEqual(expect.objectContaining({ code: 'ERR_ACTION_NO_HANDLER' }));
    expect(await engine.load(action('exports.onExecutePostLogin = function () {};'))).toEqual(expect.objectContaining({ code: 'ERR_ACTION_NOT_ASYNC' }));
    expect(await engine.load(action('exports.onExecutePostLogin = async () => {}; exports.onContinuePostLogin = () => {};'))).toEqual(expect.objectContaining({ code: 'ERR_ACTION_NOT_ASYNC' }));
  });

  test('exports that throw when read (a getter, a Proxy) fail the load at once, and the login that binds them', async () => {
    const getter = action('Object.defineProperty(exports, "onExecutePostLogin", { get() { throw null; }, enumerable: true });');
    const proxy = action('module.exports = new Proxy({}, { get() { throw new Proxy({}, { get() { throw 1; } }); } });');
    // Before, the loader's own check threw: nothing answered, and the engine stopped the load at its time budget.
    expect(await engine.load(getter)).toEqual({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/exports throw when read: null/) });
    expect(await engine.load(proxy)).toEqual({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/exports throw when read/) });
    const r = await engine.execute([action('exports.onExecutePostLogin = async () => {};'), getter], makeEvent());
    expect(r.outcome).toBe('error');
    expect(r.error).toEqual({ action: getter.name, message: expect.stringMatching(/exports throw when read/) });
  });

  test('a bound Action that cannot load fails the login, attributed to it', async () => {
    const ok = action('exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/a", 1); };');
    const broken = action('exports.nothing = 1;');
    const r = await engine.execute([ok, broken], makeEvent());
    expect(r.outcome).toBe('error');
    expect(r.error).toEqual({ action: broken.name, message: expect.stringMatching(/does not export an "onExecutePostLogin"/) });
  });

  test('redirects pause and continue inside one execution', async () => {
    const a = action('exports.onExecutePostLogin = async (e, api) => { api.redirect.sendUserTo("https://consent.example.com"); }; exports.onContinuePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/c", e.request.query.state !== undefined); };');
    const paused = await engine.execute([a], makeEvent());
    expect(paused.redirect?.url).toMatch(/^https:\/\/consent\.example\.com/);
    const resumed = await engine.execute([a], makeEvent(), { continueEvent: {} });
    expect(resumed.redirect).toBeNull();
    expect(resumed.idToken.claims).toEqual({ 'https://x.example.com/c': true });
  });

  test('the flow clock: `now` sets what the api sees as the time', async () => {
    const a = action('exports.onExecutePostLogin = async (e, api) => { api.cache.set("k", "v", { ttl: 1000 }); api.idToken.setCustomClaim("https://x.example.com/exp", api.cache.get("k").expires_at); };');
    const r = await engine.execute([a], makeEvent(), { now: Date.parse('2030-01-01T00:00:00Z') });
    expect(r.idToken.claims['https://x.example.com/exp']).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:01Z'));
    expect(r.idToken.claims['https://x.example.com/exp']).toBeLessThan(Date.parse('2030-01-01T00:01:00Z'));
  });

  test('the flow clock is the Action\'s Date too, per execution, even when executions overlap', async () => {
    const a = action('exports.onExecutePostLogin = async (e, api) => { await new Promise((r) => setTimeout(r, 20)); api.idToken.setCustomClaim("https://x.example.com/d", [new Date().toISOString().slice(0, 10), new Date(Date.now()).getUTCFullYear(), new Date(0).getTime(), new Date() instanceof Date, typeof Date()]); };');
    const [r2030, r2031, real] = await Promise.all([
      engine.execute([a], makeEvent(), { now: Date.parse('2030-06-01T12:00:00Z') }),
      engine.execute([a], makeEvent(), { now: Date.parse('2031-06-01T12:00:00Z') }),
      engine.execute([a], makeEvent()),
    ]);
    expect(r2030.idToken.claims['https://x.example.com/d']).toEqual(['2030-06-01', 2030, 0, true, 'string']);
    expect(r2031.idToken.claims['https://x.example.com/d']).toEqual(['2031-06-01', 2031, 0, true, 'string']);
    expect((real.idToken.claims['https://x.example.com/d'] as unknown[])[1]).toBe(new Date().getUTCFullYear());
  });

  test('objects made by the Action come out as plain data', async () => {
    const a = action('exports.onExecutePostLogin = async (e, api) => { api.user.setAppMetadata("prefs", { a: [1, { b: 2 }] }); api.idToken.setCustomClaim("https://x.example.com/o", { k: ["v"] }); };');
    const r = await engine.execute([a], makeEvent());
    expect(r.user.app_metadata).toStrictEqual({ prefs: { a: [1, { b: 2 }] } });
    expect(r.idToken.claims).toStrictEqual({ 'https://x.example.com/o': { k: ['v'] } });
  });
});
