import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActionEngine, type EngineAction } from '../../src/engine/index.ts';
import { makeCredentialsExchangeEvent, makeEvent } from '../../src/harness/index.ts';
import { parseHttpFixtures } from '../../src/http-stubs/fixtures.ts';

// The credentials-exchange trigger through the Action engine: the same isolation, time budget, memory
// limit and containment as a login; a hostile Action fails its own exchange, never the host.
const BUDGET = 600;
const engine = new ActionEngine({ timeoutMs: BUDGET, graceMs: 200, memoryMb: 64 });
afterAll(() => engine.close());

const NS = 'https://claims.example.com/';
let n = 0;
const named = (code: string, extra: Partial<EngineAction> = {}): EngineAction => ({ name: `m2m-${++n}`, code, ...extra });
const exchange = (body: string, extra: Partial<EngineAction> = {}) => named(`exports.onExecuteCredentialsExchange = async (event, api) => { ${body} };`, extra);
const healthy = exchange(`api.accessToken.setCustomClaim("${NS}ok", true);`);

describe('credentials-exchange Actions in the engine', () => {
  test('claims, secrets and the event reach the Action; the result is the harness result', async () => {
    const a = exchange(`api.accessToken.setCustomClaim("${NS}tenant_id", event.client.metadata.tenant_id).accessToken.setCustomClaim("${NS}key", event.secrets.KEY.length);`, { secrets: { KEY: 'abcd' } });
    const r = await engine.executeCredentialsExchange([healthy, a], makeCredentialsExchangeEvent({ client: { metadata: { tenant_id: 't-42' } } }));
    expect(r).toMatchObject({ outcome: 'success', accessToken: { claims: { [`${NS}ok`]: true, [`${NS}tenant_id`]: 't-42', [`${NS}key`]: 4 }, scope: ['read:reports'] } });
    expect(r.actions).toEqual([{ name: healthy.name, ran: true }, { name: a.name, ran: true }]);
  });

  test('deny, target scopes within the grant, the clock and HTTP stubs work as in the harness', async () => {
    const deny = await engine.executeCredentialsExchange([exchange('api.access.deny("invalid_request", "no tenant");'), healthy], makeCredentialsExchangeEvent());
    expect(deny).toMatchObject({ outcome: 'denied', denied: { code: 'invalid_request', reason: 'no tenant' }, actions: [{ ran: true }, { ran: false }] });
    const scopes = await engine.executeCredentialsExchange([exchange('api.transaction.addTargetScope("write:reports"); api.transaction.addTargetScope("admin");')], makeCredentialsExchangeEvent(), {
      grantScopes: ['read:reports', 'write:reports'],
    });
    expect(scopes.accessToken.scope).toEqual(['read:reports', 'write:reports']);
    const clock = await engine.executeCredentialsExchange([exchange(`api.accessToken.setCustomClaim("${NS}now", new Date().toISOString().slice(0, 10));`)], makeCredentialsExchangeEvent(), { now: Date.parse('2030-02-03T04:05:06Z') });
    expect(clock.accessToken.claims[`${NS}now`]).toBe('2030-02-03');
    const http = parseHttpFixtures([{ url: 'https://plans.example.com/t-1', response: { body: { plan: 'gold' } } }]);
    const fetched = await engine.executeCredentialsExchange([exchange(`const r = await fetch("https://plans.example.com/t-1"); api.accessToken.setCustomClaim("${NS}plan", (await r.json()).plan);`)], makeCredentialsExchangeEvent(), { http });
    expect(fetched.accessToken.claims[`${NS}plan`]).toBe('gold');
    expect(fetched.http?.map((c) => c.status)).toEqual([200]);
    await expect(engine.executeCredentialsExchange([exchange('await fetch("https://plans.example.com/other");')], makeCredentialsExchangeEvent(), { http })).rejects.toMatchObject({ code: 'ERR_HTTP_UNSTUBBED' });
  });

  test("the load check follows the Action's trigger and names the other trigger's handler", async () => {
    expect(await engine.load(healthy, 'credentials-exchange')).toBeNull();
    expect(await engine.load(healthy)).toEqual({ code: 'ERR_ACTION_NO_HANDLER', message: expect.stringMatching(/"onExecutePostLogin".*It exports "onExecuteCredentialsExchange": it is a credentials-exchange Action.*--trigger credentials-exchange/) });
    const login = named('exports.onExecutePostLogin = async () => {};');
    expect(await engine.load(login, 'credentials-exchange')).toEqual({ code: 'ERR_ACTION_NO_HANDLER', message: expect.stringMatching(/"onExecuteCredentialsExchange".*it is a post-login Action/) });
    expect(await engine.load(named('exports.onExecuteCredentialsExchange = function () {};'), 'credentials-exchange')).toEqual(expect.objectContaining({ code: 'ERR_ACTION_NOT_ASYNC' }));
    // An Action bound to the wrong trigger fails the execution, as a bound Action that cannot load does.
    const wrong = await engine.executeCredentialsExchange([login], makeCredentialsExchangeEvent());
    expect(wrong).toMatchObject({ outcome: 'error', error: { action: login.name, message: expect.stringMatching(/onExecuteCredentialsExchange/) } });
  });

  test('module scope runs once per execution environment, whichever trigger uses the module', async () => {
    const both = named(`let loads = 0; loads++;
      exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("${NS}loads", loads); };
      exports.onExecuteCredentialsExchange = async (e, api) => { api.accessToken.setCustomClaim("${NS}loads", loads); };`);
    expect((await engine.execute([both], makeEvent())).idToken.claims[`${NS}loads`]).toBe(1);
    expect((await engine.executeCredentialsExchange([both], makeCredentialsExchangeEvent())).accessToken.claims[`${NS}loads`]).toBe(1);
  });
});

describe('hostile credentials-exchange Actions fail their own exchange, never the host', () => {
  async function expectFailed(body: string, message: RegExp, code?: string): Promise<void> {
    const bad = code === undefined ? exchange(body) : named(code);
    const r = await engine.executeCredentialsExchange([healthy, bad], makeCredentialsExchangeEvent());
    expect(r.outcome).toBe('error');
    expect(r.error).toEqual({ action: bad.name, message: expect.stringMatching(message) });
    expect(r.actions).toEqual([{ name: healthy.name, ran: true }, { name: bad.name, ran: true }]);
    expect(r.accessToken).toEqual({ claims: {}, scope: [], scopes: { added: [], removed: [] } });
    // The same Actions still run: a fresh execution environment took over.
    expect((await engine.executeCredentialsExchange([healthy], makeCredentialsExchangeEvent())).outcome).toBe('success');
  }

  test('a synchronous loop is stopped after the time budget', () => expectFailed('while (true) {}', /Script execution time exceeded \(600 ms\)/));
  test('a handler that never settles fails at the budget', () => expectFailed('await new Promise(() => {});', /execution time exceeded/i));
  test('a stray error from a timer fails the exchange it came from', () => expectFailed('setTimeout(() => { null.x; }, 0); await new Promise((r) => setTimeout(r, 100));', /Uncaught error in the Action/));
  test('an unhandled rejection fails the exchange', () => expectFailed('Promise.reject(new Error("nope")); await new Promise((r) => setTimeout(r, 100));', /Unhandled promise rejection in the Action: nope/));
  test('process.exit fails the exchange even when caught', () => expectFailed('try { process.exit(3); } catch {}', /called process\.exit\(3\)/));
  test('unbounded memory ends in a clear memory error', () => expectFailed('const a = []; for (;;) a.push(new Array(1e5).fill(Math.random()));', /ran out of memory \(the engine allows 64 MB/));
  test('a loop at module scope fails the load check instead of hanging it', async () => {
    expect(await engine.load(named('while (true) {} exports.onExecuteCredentialsExchange = async () => {};'), 'credentials-exchange')).toEqual({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/module scope did not finish.*time exceeded/) });
  });

  test('a loop in a machine exchange does not hold up a login', async () => {
    const loop = engine.executeCredentialsExchange([exchange('while (true) {}')], makeCredentialsExchangeEvent());
    const login = await engine.execute([named('exports.onExecutePostLogin = async () => {};')], makeEvent());
    expect(login.outcome).toBe('success');
    expect((await loop).outcome).toBe('error');
  });

  test('the host is out of reach: no files, no environment, no child processes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimkit-m2m-host-'));
    const secret = path.join(dir, 'state.json');
    fs.writeFileSync(secret, '{"client_secret":"host-secret"}');
    try {
      const probe = (expr: string) => exchange(`let out; try { out = await (async () => (${expr}))(); } catch (err) { out = "denied:" + (err.code || err.message); } api.accessToken.setCustomClaim("${NS}p", typeof out === "string" ? out : JSON.stringify(out));`);
      const run = async (expr: string) => (await engine.executeCredentialsExchange([probe(expr)], makeCredentialsExchangeEvent())).accessToken.claims[`${NS}p`];
      expect(await run(`require("fs").readFileSync(${JSON.stringify(secret)}, "utf8")`)).toBe('denied:ERR_ACCESS_DENIED');
      expect(await run('Object.keys(process.env).length')).toBe('0');
      expect(await run('require("child_process").execSync("id").toString()')).toBe('denied:ERR_ACCESS_DENIED');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
