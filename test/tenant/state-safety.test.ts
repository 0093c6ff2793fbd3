import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fetch as undiciFetch } from 'undici';
import { tenantCommand } from '../../src/cli/commands/tenant.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { initialData } from '../../src/tenant/store/seed.ts';
import { spawnForeground, waitForExit, type ChildTenant } from './process-helpers.ts';
import { postLoginAction } from './helpers.ts';

// The tenant as a process: its files and log on a state folder made by someone else, a poisoned
// request followed by normal writes and a restart, and a body over the limit on the wire.

jest.setTimeout(90_000);

let dir: string;
const children: ChildTenant[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ck-safety-'));
});

afterAll(async () => {
  for (const c of children) {
    c.child.kill('SIGKILL');
    await waitForExit(c.child);
    await c.agent.close().catch(() => undefined);
  }
  await fs.rm(dir, { recursive: true, force: true });
});

function io(cwd: string): CliIo & { out: string; err: string } {
  const captured = { out: '', err: '', stdout: (t: string) => void (captured.out += t), stderr: (t: string) => void (captured.err += t), cwd, env: { PATH: process.env['PATH'] }, isTTY: false };
  return captured;
}

const USER = { password: 'Passw0rd!x', connection: 'Username-Password-Authentication' };

test('on an existing 0755 state folder every file ends 0600, the folder 0700, and tenant.log holds no secret', async () => {
  const state = path.join(dir, 'shared-state');
  await fs.mkdir(state);
  await fs.chmod(state, 0o755);
  await fs.writeFile(path.join(state, 'tenant.log'), 'an earlier run\n', { mode: 0o644 });
  await fs.writeFile(path.join(state, 'state.json'), JSON.stringify(initialData()), { mode: 0o644 });
  await fs.chmod(path.join(state, 'tenant.log'), 0o644);
  await fs.chmod(path.join(state, 'state.json'), 0o644);

  const started = io(dir);
  expect(await tenantCommand(['start', '--port', '0', '--state', state, '--json'], started)).toBe(0);
  const info = JSON.parse(started.out) as { domain: string; caFile: string; clientId: string; clientSecret: string };
  try {
    const { Agent } = await import('undici');
    const agent = new Agent({ connect: { ca: await fs.readFile(info.caFile, 'utf8') } });
    const origin = `https://${info.domain}`;
    const tokenRes = await undiciFetch(`${origin}/oauth/token`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: info.clientId, client_secret: info.clientSecret, audience: `${origin}/api/v2/` }),
    });
    const token = String(((await tokenRes.json()) as { access_token: string }).access_token);
    const call = (p: string, body: unknown) =>
      undiciFetch(`${origin}${p}`, { method: 'POST', dispatcher: agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await call('/api/v2/actions/actions', { ...postLoginAction('with-secret'), secrets: [{ name: 'API_KEY', value: 'an-action-secret-value' }] })).status).toBe(201);
    expect((await call('/api/v2/users', { ...USER, email: 'ada@example.com' })).status).toBe(201);
    await agent.close();
  } finally {
    expect(await tenantCommand(['stop', '--state', state], io(dir))).toBe(0);
  }

  expect((await fs.stat(state)).mode & 0o777).toBe(0o700);
  const names = await fs.readdir(state);
  expect(names).toEqual(expect.arrayContaining(['tenant.log', 'state.json', 'signing-key.json', 'ca.pem', 'ca-key.pem', 'server.pem', 'server-key.pem', 'tenant.json']));
  for (const name of names) expect({ name, mode: (await fs.stat(path.join(state, name))).mode & 0o777 }).toEqual({ name, mode: 0o600 });
  const log = await fs.readFile(path.join(state, 'tenant.log'), 'utf8');
  expect(log).toContain('an earlier run');
  expect(log).toContain('[redacted]'); // the start-up banner was written, without the secret
  expect(log).not.toContain(info.clientSecret);
  expect(log).not.toContain('an-action-secret-value');
  expect(log).not.toContain('Passw0rd!x');
});

test('a poisoned request, then normal writes, then a restart: nothing acknowledged lost, nothing refused kept', async () => {
  const state = path.join(dir, 'poison');
  const first = await spawnForeground(state, ['--build-delay', '0']);
  children.push(first);
  const token = await first.token();
  const deep = `${'{"a":'.repeat(7999)}{}${'}'.repeat(7999)}`;
  const poisonBody = JSON.stringify({ ...USER, email: 'poison@example.com', app_metadata: '@' }).replace('"@"', deep);
  expect(poisonBody.length).toBeGreaterThan(40_000);
  const poisoned = await fetchRaw(first, '/api/v2/users', token, poisonBody);
  expect(poisoned).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request', errorCode: 'invalid_body' } });

  const acknowledged = { roles: [] as string[], users: [] as string[] };
  await Promise.all([
    ...Array.from({ length: 20 }, async (_, i) => {
      const res = await first.api('POST', '/api/v2/roles', token, { name: `role-${i}` });
      expect(res.status).toBe(200);
      acknowledged.roles.push(`role-${i}`);
    }),
    ...Array.from({ length: 5 }, async (_, i) => {
      const res = await first.api('POST', '/api/v2/users', token, { ...USER, email: `user-${i}@example.com`, app_metadata: { plan: 'pro' } });
      expect(res.status).toBe(201);
      acknowledged.users.push(`user-${i}@example.com`);
    }),
  ]);

  first.child.kill('SIGTERM');
  await waitForExit(first.child);
  const second = await spawnForeground(state);
  children.push(second);
  const token2 = await second.token();
  const roles = (await second.api('GET', '/api/v2/roles?per_page=100', token2)).body as Array<{ name: string }>;
  const users = (await second.api('GET', '/api/v2/users?per_page=100', token2)).body as Array<{ email: string }>;
  expect(roles.map((r) => r.name).sort()).toEqual(acknowledged.roles.sort());
  expect(users.map((u) => u.email).sort()).toEqual(acknowledged.users.sort());
  expect((await second.api('POST', '/api/v2/roles', token2, { name: 'after-restart' })).status).toBe(200);
});

test('a body over the limit on the wire is a clean 413, and the tenant keeps answering', async () => {
  const t = await spawnForeground(path.join(dir, 'big'));
  children.push(t);
  const token = await t.token();
  const big = JSON.stringify({ name: 'big', description: 'x'.repeat(2 * 1024 * 1024) });
  const res = await fetchRaw(t, '/api/v2/roles', token, big);
  expect(res).toMatchObject({ status: 413, body: { statusCode: 413, error: 'Request Entity Too Large' } });
  // Sent in chunks, with no content-length: the limit is found while reading.
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 40) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const chunked = await undiciFetch(`https://${t.info.domain}/api/v2/roles`, {
    method: 'POST',
    dispatcher: t.agent,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  });
  expect(chunked.status).toBe(413);
  expect(await chunked.json()).toMatchObject({ statusCode: 413 });
  expect((await t.api('POST', '/api/v2/roles', token, { name: 'small' })).status).toBe(200);
});

async function fetchRaw(t: ChildTenant, pathname: string, token: string, body: string): Promise<{ status: number; body: unknown }> {
  const res = await undiciFetch(`https://${t.info.domain}${pathname}`, {
    method: 'POST',
    dispatcher: t.agent,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

test('a state "folder" that is a file: start and reset say so and exit 1, and the file is left as it was', async () => {
  const file = path.join(dir, 'not-a-folder');
  await fs.writeFile(file, 'mine\n');
  for (const command of ['start', 'reset']) {
    const r = io(dir);
    expect(await tenantCommand([command, '--port', '0', '--state', file], r)).toBe(1);
    expect(r.err).toContain(file);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  }
  await expect(tenantCommand(['start', '--port', '0', '--state', path.join(file, 'sub')], io(dir))).resolves.toBe(1);
  expect(await fs.readFile(file, 'utf8')).toBe('mine\n');
});
