import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { tenantCommand } from '../../src/cli/commands/tenant.ts';
import type { CliIo } from '../../src/cli/io.ts';

jest.setTimeout(60_000);

function io(cwd: string): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
    cwd,
    env: { PATH: process.env['PATH'] },
    isTTY: false,
  };
  return captured;
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ck-cli-'));
});
afterAll(async () => {
  await tenantCommand(['stop'], io(dir));
  await fs.rm(dir, { recursive: true, force: true });
});

test('bad usage exits 2 with the usage text; bad settings name the setting', async () => {
  const a = io(dir);
  expect(await tenantCommand(['launch'], a)).toBe(2);
  expect(a.err).toContain('Unknown command "launch"');
  const b = io(dir);
  expect(await tenantCommand(['start', '--port', 'eighty'], b)).toBe(2);
  expect(b.err).toContain('"port"');
  const c = io(dir);
  expect(await tenantCommand(['start', '--faults', 'GET=500'], c)).toBe(2);
  expect(c.err).toContain('Fault rule "GET=500" is invalid');
});

test('start in the background, status --json, an idle socket survives a blocked client, stop', async () => {
  const status0 = io(dir);
  expect(await tenantCommand(['status'], status0)).toBe(1);

  const started = io(dir);
  expect(await tenantCommand(['start', '--port', '0'], started)).toBe(0);
  expect(started.out).toMatch(/domain +127\.0\.0\.1:\d+/);
  expect(started.out).toContain('NODE_EXTRA_CA_CERTS');

  const status = io(dir);
  expect(await tenantCommand(['status', '--json'], status)).toBe(0);
  const info = JSON.parse(status.out) as Record<string, unknown>;
  expect(Object.keys(info).sort()).toEqual(['caFile', 'clientId', 'clientSecret', 'domain', 'pid']);
  expect(info['caFile']).toBe(path.join(dir, '.claimkit/tenant/ca.pem'));

  // The keep-alive pitfall (auth0-facts §4): a client whose event loop is blocked past Node's default
  // 5 s keep-alive must still be able to reuse its socket.
  const agent = new Agent({ connect: { ca: await fs.readFile(String(info['caFile']), 'utf8') }, keepAliveTimeout: 120_000 });
  const url = `https://${String(info['domain'])}/.well-known/jwks.json`;
  expect((await (await undiciFetch(url, { dispatcher: agent })).json()) as unknown).toHaveProperty('keys');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 6_000);
  expect((await undiciFetch(url, { dispatcher: agent })).status).toBe(200);
  await agent.close();

  const again = io(dir);
  expect(await tenantCommand(['start'], again)).toBe(0);
  expect(again.out).toContain('already running');

  const stopped = io(dir);
  expect(await tenantCommand(['stop'], stopped)).toBe(0);
  expect(stopped.out).toContain(`pid ${String(info['pid'])}`);
  expect(await tenantCommand(['status'], io(dir))).toBe(1);
  await expect(fs.access(path.join(dir, '.claimkit/tenant/tenant.pid'))).rejects.toThrow();
});

test('reset empties the data but keeps the client credentials', async () => {
  const before = JSON.parse(await fs.readFile(path.join(dir, '.claimkit/tenant/state.json'), 'utf8')) as { bootstrapClientId: string; roles: unknown[]; clients: Array<{ client_id: string; global?: boolean }> };
  const data = { ...before, roles: [{ id: 'rol_x', name: 'x', permissions: [] }] };
  await fs.writeFile(path.join(dir, '.claimkit/tenant/state.json'), JSON.stringify(data));
  expect(await tenantCommand(['reset'], io(dir))).toBe(0);
  const after = JSON.parse(await fs.readFile(path.join(dir, '.claimkit/tenant/state.json'), 'utf8')) as typeof before;
  expect(after.roles).toEqual([]);
  expect(after.bootstrapClientId).toBe(before.bootstrapClientId);
  // A new global client: a deploy's record of passed-through sections (kept per global client) sends them all again.
  const globalId = (d: typeof before) => d.clients.find((c) => c.global === true)?.client_id;
  expect(globalId(after)).toEqual(expect.any(String));
  expect(globalId(after)).not.toBe(globalId(before));
});

test('reset of a truncated state.json does not claim to have kept client credentials it could not read', async () => {
  const state = path.join(dir, 'truncated-state');
  await fs.mkdir(state);
  await fs.writeFile(path.join(state, 'state.json'), '{"format":1,"clients":[{"client_id":"abc');
  const r = io(dir);
  expect(await tenantCommand(['reset', '--state', state], r)).toBe(0);
  expect(r.out).not.toContain('client credentials kept');
  expect(r.out).toContain('new credentials');
  const kept = io(dir);
  expect(await tenantCommand(['reset', '--state', state], kept)).toBe(0);
  expect(kept.out).toContain('client credentials kept');
});

test('two starts at once on one state folder start one tenant, which both report', async () => {
  const state = path.join(dir, 'raced-state');
  const [a, b] = [io(dir), io(dir)];
  const codes = await Promise.all([tenantCommand(['start', '--port', '0', '--state', state, '--json'], a), tenantCommand(['start', '--port', '0', '--state', state, '--json'], b)]);
  const pids: number[] = [];
  try {
    expect(codes).toEqual([0, 0]);
    for (const r of [a, b]) pids.push((JSON.parse(r.out) as { pid: number }).pid);
    expect(pids[0]).toBe(pids[1]);
  } finally {
    for (const pid of new Set(pids)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already stopped
      }
    }
    await tenantCommand(['stop', '--state', state], io(dir));
  }
});
