import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActionEngine, type EngineAction } from '../../src/engine/index.ts';
import { makeEvent } from '../../src/harness/index.ts';

// Actions written to break their host. Each must end in a failed execution attributed to the Action,
// within the time budget, with the host alive and the engine still serving.
const BUDGET = 600;
const engine = new ActionEngine({ timeoutMs: BUDGET, graceMs: 200, memoryMb: 64 });
afterAll(() => engine.close());

let n = 0;
const named = (code: string, extra: Partial<EngineAction> = {}): EngineAction => ({ name: `hostile-${++n}`, code, ...extra });
const healthy = named('exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/ok", true); };');

async function expectFailed(code: string, message: RegExp): Promise<void> {
  const bad = named(code);
  const r = await engine.execute([healthy, bad], makeEvent({ user: { app_metadata: { before: 1 } } }));
  expect(r.outcome).toBe('error');
  expect(r.error).toEqual({ action: bad.name, message: expect.stringMatching(message) });
  expect(r.actions).toEqual([{ name: healthy.name, ran: true }, { name: bad.name, ran: true }]);
  expect(r.idToken.claims).toEqual({});
  expect(r.user.app_metadata).toEqual({ before: 1 }); // a failed login writes nothing back
  // The same Actions still run: a fresh execution environment took over.
  const again = await engine.execute([healthy], makeEvent());
  expect(again.outcome).toBe('success');
}

describe('hostile Actions fail their own execution, never the host', () => {
  test('a synchronous loop in the handler is stopped after the time budget', async () => {
    await expectFailed('exports.onExecutePostLogin = async () => { while (true) {} };', /Script execution time exceeded \(600 ms\)/);
  });

  test('a synchronous loop after an await is stopped too', async () => {
    await expectFailed('exports.onExecutePostLogin = async () => { await new Promise((r) => setTimeout(r, 10)); for (;;) {} };', /Script execution time exceeded/);
  });

  test('a handler that never settles fails at the budget', async () => {
    await expectFailed('exports.onExecutePostLogin = () => new Promise(() => {}).then(() => 1); exports.onExecutePostLogin = async () => { await new Promise(() => {}); };', /execution time exceeded/i);
  });

  test('a loop at module scope fails the load check instead of hanging it', async () => {
    const failure = await engine.load(named('while (true) {} exports.onExecutePostLogin = async () => {};'));
    expect(failure).toEqual({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/module scope did not finish.*time exceeded/) });
  });

  test('a stray error from a timer fails the execution it came from', async () => {
    await expectFailed('exports.onExecutePostLogin = async () => { setTimeout(() => { null.x; }, 0); await new Promise((r) => setTimeout(r, 100)); };', /Uncaught error in the Action: Cannot read properties of null/);
  });

  test('an unhandled rejection fails the execution', async () => {
    await expectFailed('exports.onExecutePostLogin = async () => { Promise.reject(new Error("nope")); await new Promise((r) => setTimeout(r, 100)); };', /Unhandled promise rejection in the Action: nope/);
  });

  test('process.exit fails the execution (even when the Action catches what it throws)', async () => {
    await expectFailed('exports.onExecutePostLogin = async () => { try { process.exit(0); } catch {} };', /called process\.exit\(0\)/);
  });

  test('unbounded memory ends in a clear memory error, not an abort', async () => {
    await expectFailed('exports.onExecutePostLogin = async () => { const a = []; for (;;) a.push(new Array(1e5).fill(Math.random())); };', /ran out of memory \(the engine allows 64 MB/);
  });

  test('unbounded recursion is an ordinary error', async () => {
    await expectFailed('const f = () => f(); exports.onExecutePostLogin = async () => { f(); };', /Maximum call stack size exceeded/);
  });

  test('a value JSON cannot carry fails its own execution at once, attributed to its Action, not the logins beside it', async () => {
    // A cycle given to the api (caught by the Action) or a BigInt in metadata: Auth0 cannot serialise them either.
    const bad = named(`exports.onExecutePostLogin = async (e, api) => {
      if (e.user.app_metadata.kind === 'cycle') { const o = {}; o.self = o; try { api.idToken.setCustomClaim('https://x.example.com/c', o); } catch {} }
      if (e.user.app_metadata.kind === 'bigint') api.user.setAppMetadata('n', 10n);
    };`);
    const [cycle, bigint, fine] = await Promise.all(
      ['cycle', 'bigint', 'none'].map((kind) => engine.execute([bad, healthy], makeEvent({ user: { app_metadata: { kind } } }))),
    );
    for (const r of [cycle, bigint]) {
      expect(r?.outcome).toBe('error');
      expect(r?.error).toEqual({ action: bad.name, message: expect.stringMatching(/not JSON/) });
      expect(r?.user.app_metadata).toEqual({ kind: expect.any(String) });
    }
    expect(fine?.outcome).toBe('success');
    expect(fine?.idToken.claims).toEqual({ 'https://x.example.com/ok': true });
  });

  test('a loop in one set of Actions does not hold up another', async () => {
    const loop = engine.execute([named('exports.onExecutePostLogin = async () => { while (true) {} };')], makeEvent());
    const other = await engine.execute([healthy], makeEvent());
    expect(other.outcome).toBe('success');
    expect((await loop).outcome).toBe('error');
  });
});

describe('Action code cannot reach the host', () => {
  const secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimkit-host-'));
  const secretFile = path.join(secretDir, 'tenant.json');
  fs.writeFileSync(secretFile, JSON.stringify({ clientSecret: 'host-secret-value' }));
  process.env['CLAIMKIT_TEST_HOST_SECRET'] = 'host-env-value';
  afterAll(() => {
    fs.rmSync(secretDir, { recursive: true, force: true });
    delete process.env['CLAIMKIT_TEST_HOST_SECRET'];
  });

  const probe = (expr: string) =>
    named(`exports.onExecutePostLogin = async (e, api) => { let out; try { out = await (async () => (${expr}))(); } catch (err) { out = "denied:" + (err.code || err.message); } api.idToken.setCustomClaim("https://x.example.com/p", typeof out === "string" ? out : JSON.stringify(out)); };`);
  const run = async (expr: string) => (await engine.execute([probe(expr)], makeEvent())).idToken.claims['https://x.example.com/p'];

  test('the real process object has an empty environment', async () => {
    expect(await run('Buffer.constructor.constructor("return process")().env')).toBe('{}');
    expect(await run('Object.keys(process.env).length')).toBe('0');
  });

  test('files: the host state, the project and the system are unreadable', async () => {
    expect(await run(`require("fs").readFileSync(${JSON.stringify(secretFile)}, "utf8")`)).toBe('denied:ERR_ACCESS_DENIED');
    expect(await run(`require("fs").readFileSync(${JSON.stringify(path.resolve(__dirname, '../../package.json'))}, "utf8")`)).toBe('denied:ERR_ACCESS_DENIED');
    expect(await run('require("fs").readFileSync("/proc/self/environ", "utf8")')).toBe('denied:ERR_ACCESS_DENIED');
    expect(await run('require("fs").writeFileSync("/tmp/claimkit-escape", "x")')).toBe('denied:ERR_ACCESS_DENIED');
  });

  test('no child processes, no signals to the host, no native addons', async () => {
    expect(await run('require("child_process").execSync("id").toString()')).toBe('denied:ERR_ACCESS_DENIED');
    expect(await run('process.kill(process.ppid, "SIGKILL")')).toBe('denied:ERR_ACCESS_DENIED');
    expect(await run('process.dlopen({}, "/lib/x.node")')).toBe('denied:ERR_ACCESS_DENIED');
    expect(await run('process.binding("fs")')).toMatch(/^denied:/);
  });

  test('no threads of its own, which would outlive the time budget and the memory limit', async () => {
    expect(await run('new (require("worker_threads").Worker)("for (;;) {}", { eval: true }) && "started"')).toBe('denied:ERR_ACCESS_DENIED');
    expect(await run('new (require("node:worker_threads").Worker)("1", { eval: true }) && "started"')).toBe('denied:ERR_ACCESS_DENIED');
  });

  test('the secrets of other Actions are not visible', async () => {
    const a = named('exports.onExecutePostLogin = async (e, api) => { globalThis.seen = e.secrets; };', { secrets: { A_KEY: 'a-secret' } });
    await engine.execute([a], makeEvent());
    const b = probe('JSON.stringify(globalThis.seen || null) + JSON.stringify(Object.keys(globalThis))');
    const r = await engine.execute([b], makeEvent());
    expect(JSON.stringify(r)).not.toContain('a-secret');
  });
});
