// `claimkit login` and `claimkit inspect` against a tenant named by AUTH0_DOMAIN (a tenant of the
// user's: here an in-process local tenant reached as a remote one, through NODE_EXTRA_CA_CERTS).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { hashPassword } from '../../src/tenant/auth/passwords.ts';
import { resolveSettings } from '../../src/tenant/defaults.ts';
import { runTenant, type RunningTenant } from '../../src/tenant/process/run.ts';
import { captureIo } from './helpers.ts';

jest.setTimeout(60_000);

const API = 'https://api.example.com';
const EMAIL = 'lin@example.com';
const PASSWORD = 'Cli-passw0rd!';
let running: RunningTenant;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-cli-tokens-'));
  running = await runTenant(resolveSettings({ stateDir: path.join(dir, 'state'), port: 0 }, {}, dir));
  const hash = await hashPassword(PASSWORD);
  await running.tenant.store.write(() => (d) => {
    d.resourceServers.push({ id: 'rs1', name: 'Reports', identifier: API, scopes: [{ value: 'read:reports' }] });
    d.clients.push({ client_id: 'cli-backend', client_secret: 'cli-backend-secret', name: 'Backend', grant_types: ['http://auth0.com/oauth/grant-type/password-realm'] });
    d.clients.push({ client_id: 'cli-spa', client_secret: 'x', name: 'SPA', grant_types: ['authorization_code'], callbacks: ['http://localhost:3000/callback'], token_endpoint_auth_method: 'none' });
    d.users.push({ user_id: 'auth0|0123456789abcdef01234567', connection: 'Username-Password-Authentication', email: EMAIL, password_hash: hash, roles: [], app_metadata: {}, user_metadata: {}, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' });
  });
  env = { AUTH0_DOMAIN: running.info.domain, AUTH0_CLIENT_ID: running.info.clientId, AUTH0_CLIENT_SECRET: running.info.clientSecret, NODE_EXTRA_CA_CERTS: running.info.caFile, CLAIMKIT_LOGIN_PASSWORD: PASSWORD };
});

afterAll(() => running.close());

const run = async (args: string[], extraEnv: Record<string, string> = {}) => {
  const io = captureIo({ cwd: dir, env: { ...env, ...extraEnv } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
};

describe('claimkit login on a tenant of yours (AUTH0_*)', () => {
  test('password-realm: both tokens decoded and verified; dropped claims are not reported by a real tenant', async () => {
    const r = await run(['login', '--user', EMAIL, '--client', 'Backend', '--audience', API, '--scope', 'openid read:reports', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as Record<string, { verdict?: { valid: boolean }; type?: string } | unknown>;
    expect(report).toMatchObject({ tenant: 'remote', flow: 'password-realm', client: 'Backend', audience: API, dropped: null });
    expect(report['idToken']).toMatchObject({ type: 'id_token', verdict: { valid: true } });
    expect(report['accessToken']).toMatchObject({ type: 'access_token', verdict: { valid: true }, audience: [API, `https://${running.info.domain}/userinfo`] });
    const human = await run(['login', '--user', EMAIL, '--client', 'Backend']);
    expect(human.out).toContain('(no audience: the access token is opaque)');
    expect(human.out).toContain('a real tenant does not report them');
  });

  test('a browser-only client, a wrong password and a missing user each say what to do, exit 1 or 2', async () => {
    expect(await run(['login', '--user', EMAIL, '--client', 'SPA'])).toMatchObject({ code: 1, err: expect.stringMatching(/does not have the password-realm grant/) });
    expect(await run(['login', '--user', EMAIL, '--client', 'Backend'], { CLAIMKIT_LOGIN_PASSWORD: 'Wrong-passw0rd' })).toMatchObject({ code: 1, err: expect.stringContaining('Wrong email or password.') });
    expect(await run(['login', '--client', 'Backend'])).toMatchObject({ code: 2, err: expect.stringContaining('--user EMAIL') });
    expect(await run(['login', '--user', EMAIL, '--client', 'Nope'])).toMatchObject({ code: 1, err: expect.stringContaining('No application named "Nope"') });
  });
});

describe('claimkit login on a tenant that is down', () => {
  test('a domain nothing listens on exits 1 with the origin to check, not 2 (bad usage)', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const r = await run(['login', '--user', EMAIL, '--client', 'Backend'], { AUTH0_DOMAIN: `127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`https://127.0.0.1:${port}`);
  });
});

describe('claimkit inspect', () => {
  test('an opaque token is checked at /userinfo; one it does not know is rejected', async () => {
    const login = JSON.parse((await run(['login', '--user', EMAIL, '--client', 'Backend', '--json'])).out) as { tokens: { access_token: string } };
    const ok = await run(['inspect', login.tokens.access_token, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ format: 'opaque', verdict: { valid: true }, userinfo: { sub: 'auth0|0123456789abcdef01234567' } });
    expect(await run(['inspect', 'nOtAtOkEn'])).toMatchObject({ code: 1, out: expect.stringContaining('✘ rejected') });
  });

  test('the token from standard input; usage errors exit 2', async () => {
    const login = JSON.parse((await run(['login', '--user', EMAIL, '--client', 'Backend', '--audience', API, '--json'])).out) as { tokens: { access_token: string } };
    const io = captureIo({ cwd: dir, env, readStdin: async () => `${login.tokens.access_token}\n` });
    expect(await main(['inspect', '-', '--audience', API], io)).toBe(0);
    expect(io.out()).toMatch(/Access token \(JWT, RS256, kid .+\) for the API https:\/\/api\.example\.com and \/userinfo\n {2}✔ valid/);
    expect((await run(['inspect'])).code).toBe(2);
    expect((await run(['inspect', 'a', '--domain', 'x.auth0.com', '--jwks', 'https://x/jwks'])).code).toBe(2);
    expect((await run(['inspect', 'a.b'])).out).toContain('✘ malformed');
  });

  test('a --jwks that is no http(s) URL, or a --domain or AUTH0_DOMAIN that is no host, is bad usage (exit 2), not an internal error', async () => {
    expect(await run(['inspect', 'a.b.c', '--jwks', 'notaurl'])).toMatchObject({ code: 2, err: expect.stringContaining('[ERR_USAGE]') });
    expect(await run(['inspect', 'opaque', '--domain', 'a b'])).toMatchObject({ code: 2, err: expect.stringContaining('[ERR_USAGE]') });
    expect(await run(['inspect', 'opaque'], { AUTH0_DOMAIN: 'a[b' })).toMatchObject({ code: 2, err: expect.stringContaining('[ERR_USAGE]') });
    expect(await run(['login', '--user', EMAIL], { AUTH0_DOMAIN: 'x y' })).toMatchObject({ code: 2, err: expect.stringContaining('[ERR_DEPLOY_TARGET]') });
  });
});
