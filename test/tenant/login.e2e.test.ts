// End-to-end: real tokens from the local tenant, with real clients. One deploy (the real
// auth0-deploy-cli, through `claimkit deploy`) is shared by every test here; users are created with the
// real `auth0` SDK; logins go through openid-client (code + PKCE, driving the login form) and
// @auth0/auth0-auth-js (password-realm); tokens are verified with jose against the JWKS.
import fs from 'node:fs';
import path from 'node:path';
import { AuthClient, TokenByPasswordError } from '@auth0/auth0-auth-js';
import { ManagementClient } from 'auth0';
import { createRemoteJWKSet, customFetch as joseFetch, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import * as oidc from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { main } from '../../src/cli/main.ts';
import { deploy, type DeploySummary } from '../../src/deploy/deploy.ts';
import { installTransport, type Transport } from '../../src/deploy/http.ts';
import { captureIo } from '../cli/helpers.ts';
import { copyProject, type DeployProject } from '../deploy/project.ts';

jest.setTimeout(300_000);

const API = 'https://api.example.com';
const NS = 'https://claims.example.com/';
const REALM = 'Username-Password-Authentication';
const BACKEND = `
  - name: E2E Backend
    app_type: regular_web
    grant_types:
      - password
      - http://auth0.com/oauth/grant-type/password-realm
      - refresh_token
    callbacks: []
    oidc_conformant: true
`;

let p: DeployProject;
let first: DeploySummary;
let domain: string;
let issuer: string;
let agent: Agent;
let transport: Transport;
let mgmt: ManagementClient;
let backend: { id: string; secret: string };
let spaId: string;

/** fetch that trusts the local tenant's CA (and only adds it: verification stays on). */
const tenantFetch = ((url: string | URL | Request, init?: RequestInit) => undiciFetch(url as string, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
const jwks = () => createRemoteJWKSet(new URL(`${issuer}.well-known/jwks.json`), { [joseFetch]: tenantFetch });
const run = (): Promise<DeploySummary> => deploy({ tenantFile: path.join(p.dir, 'tenant.yaml'), env: p.env, dryRun: false, allowDelete: false, log: () => {} });
const custom = (claims: Record<string, unknown>) => Object.fromEntries(Object.entries(claims).filter(([k]) => k.startsWith(NS)));

async function createUser(email: string, appMetadata: Record<string, unknown>, roles: string[]): Promise<string> {
  const user = await mgmt.users.create({ connection: REALM, email, password: 'E2e-Passw0rd!', app_metadata: appMetadata });
  const all = (await mgmt.roles.list({ per_page: 100 })).data;
  const ids = all.filter((r) => roles.includes(String(r.name))).map((r) => String(r.id));
  if (ids.length) await mgmt.users.roles.assign(String(user.user_id), { roles: ids });
  return String(user.user_id);
}

beforeAll(async () => {
  p = copyProject();
  const file = path.join(p.dir, 'tenant.yaml');
  const yaml = fs.readFileSync(file, 'utf8').replace('    token_dialect: access_token_authz\n', '    token_dialect: access_token_authz\n    allow_offline_access: true\n').replace('\nclientGrants:\n', `${BACKEND}\nclientGrants:\n`);
  fs.writeFileSync(file, yaml);
  first = await run();
  if (!first.ok) throw new Error(`deploy failed: ${JSON.stringify(first.error)}`);
  const info = JSON.parse(fs.readFileSync(path.join(p.stateDir, 'tenant.json'), 'utf8')) as { domain: string; caFile: string; clientId: string; clientSecret: string };
  domain = info.domain;
  issuer = `https://${domain}/`;
  const ca = fs.readFileSync(info.caFile, 'utf8');
  agent = new Agent({ connect: { ca } });
  transport = installTransport(domain, ca); // for the SDK, which uses the global fetch
  mgmt = new ManagementClient({ domain, clientId: info.clientId, clientSecret: info.clientSecret });
  const clients = (await mgmt.clients.list({ per_page: 100 })).data;
  const b = clients.find((c) => c.name === 'E2E Backend');
  backend = { id: String(b?.client_id), secret: String(b?.client_secret) };
  spaId = String(clients.find((c) => c.name === 'Claims Demo SPA')?.client_id);
});

afterAll(async () => {
  await transport?.restore();
  await agent?.close();
  await p?.stop();
});

/** A browser for openid-client's authorization URL: follows the tenant's redirects, fills the login form. */
async function browse(start: URL, email: string, password: string): Promise<URL> {
  const jar = new Map<string, string>();
  const get = async (url: URL, init: RequestInit = {}) => {
    const res = await undiciFetch(url, { ...(init as object), redirect: 'manual', dispatcher: agent, headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = (pair ?? '').indexOf('=');
      jar.set((pair as string).slice(0, eq), (pair as string).slice(eq + 1));
    }
    return res;
  };
  let res = await get(start);
  for (let i = 0; i < 10; i++) {
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, start);
      if (next.origin !== start.origin) return next;
      res = await get(next);
      continue;
    }
    const state = /name="state" value="([^"]+)"/.exec(await res.text())?.[1] as string;
    res = await get(new URL(`/u/login?state=${state}`, start), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ state, username: email, password }).toString() });
  }
  throw new Error('the login did not come back');
}

test('the deploy ended with the demo user logged in and the configured claims in the real tokens', () => {
  expect(first.steps.map((s) => [s.name, s.status])).toEqual([['target', 'ok'], ['build', 'ok'], ['plan', 'ok'], ['apply', 'ok'], ['verify', 'ok'], ['login', 'ok']]);
  const login = first.login;
  expect(login).toMatchObject({ user: { email: 'demo@example.com', status: 'created', roles: ['reports-admin'], app_metadata: { tenant_id: 'demo' } }, client: 'Claims Demo SPA', flow: 'authorization_code', audience: API });
  expect(login?.idToken?.verdict.valid).toBe(true);
  expect(login?.idToken?.custom).toEqual({ [`${NS}roles`]: ['reports-admin'], [`${NS}is_admin`]: true });
  expect(login?.accessToken.custom).toEqual({ [`${NS}roles`]: ['reports-admin'], [`${NS}tenant_id`]: 'demo', [`${NS}is_admin`]: true, [`${NS}plan`]: 'free' });
  expect(login?.dropped).toEqual([]);
});

test('openid-client: code + PKCE through the login form; both tokens verify with jose and carry exactly what claims.yaml promises', async () => {
  const email = 'grace@example.com';
  const userId = await createUser(email, { tenant_id: 't-42' }, ['reports-admin']);
  expect((await mgmt.users.listUsersByEmail({ email }))[0]?.user_id).toBe(userId);
  await mgmt.users.update(userId, { app_metadata: { plan: 'team' } }); // merged into tenant_id, as Auth0 does

  const config = await oidc.discovery(new URL(issuer), spaId, undefined, oidc.None(), { [oidc.customFetch]: tenantFetch });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: 'http://localhost:3000/callback',
    scope: 'openid profile email read:reports',
    audience: API,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const callback = await browse(url, email, 'E2e-Passw0rd!');
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  expect(tokens.claims()?.sub).toBe(userId);

  const id = (await jwtVerify(String(tokens.id_token), jwks(), { issuer, audience: spaId })).payload;
  const access = (await jwtVerify(tokens.access_token, jwks(), { issuer, audience: API })).payload;
  // claims.yaml: roles on both tokens, tenant_id on the reports API's access tokens, is_admin on both;
  // add-api-claims: the plan for the reports API.
  expect(custom(id)).toEqual({ [`${NS}roles`]: ['reports-admin'], [`${NS}is_admin`]: true });
  expect(custom(access)).toEqual({ [`${NS}roles`]: ['reports-admin'], [`${NS}tenant_id`]: 't-42', [`${NS}is_admin`]: true, [`${NS}plan`]: 'team' });
  expect(access).toMatchObject({ aud: [API, `${issuer}userinfo`], azp: spaId, scope: 'openid profile email read:reports', permissions: ['read:reports', 'write:reports'] });
  expect(await oidc.fetchUserInfo(config, tokens.access_token, userId)).toMatchObject({ sub: userId, email, [`${NS}roles`]: ['reports-admin'] });
});

test('auth0-auth-js: password-realm, an opaque token at /userinfo, a denied login, and a refresh that re-runs the Actions', async () => {
  const auth = new AuthClient({ domain, clientId: backend.id, clientSecret: backend.secret, customFetch: tenantFetch });
  const email = 'ada@example.com';
  const userId = await createUser(email, { tenant_id: 't-7' }, []);

  // The SDK sends grant_type=password with the realm, which the client's `password` grant allows.
  const opaque = await auth.getTokenByPassword({ username: email, password: 'E2e-Passw0rd!', realm: REALM, scope: 'openid profile' });
  expect(opaque.accessToken.split('.')).toHaveLength(1);
  expect(await auth.getUserInfo({ accessToken: opaque.accessToken })).toMatchObject({ sub: userId, [`${NS}roles`]: [], [`${NS}is_admin`]: false });

  const tokens = await auth.getTokenByPassword({ username: email, password: 'E2e-Passw0rd!', realm: REALM, audience: API, scope: 'openid offline_access read:reports' });
  const access = (await jwtVerify(tokens.accessToken, jwks(), { issuer, audience: API })).payload;
  expect(custom(access)).toMatchObject({ [`${NS}tenant_id`]: 't-7', [`${NS}plan`]: 'free' });
  expect(access).toMatchObject({ gty: 'password', scope: 'openid offline_access', permissions: [] }); // no role: RBAC grants no read:reports
  expect(tokens.refreshToken).toEqual(expect.any(String));

  await mgmt.users.update(userId, { app_metadata: { tenant_id: 't-8', plan: 'enterprise' } });
  const refreshed = await auth.getTokenByRefreshToken({ refreshToken: String(tokens.refreshToken) });
  expect(custom((await jwtVerify(refreshed.accessToken, jwks(), { issuer, audience: API })).payload)).toMatchObject({ [`${NS}tenant_id`]: 't-8', [`${NS}plan`]: 'enterprise' });

  await createUser('nobody@example.com', {}, []);
  const denied = auth.getTokenByPassword({ username: 'nobody@example.com', password: 'E2e-Passw0rd!', realm: REALM, audience: API, scope: 'openid' });
  await expect(denied).rejects.toBeInstanceOf(TokenByPasswordError);
  await expect(denied).rejects.toMatchObject({ cause: { error: 'access_denied', error_description: expect.stringContaining('No tenant is assigned to this user') } });
});

test('an Action changed and redeployed is seen at the next login (claimkit login)', async () => {
  const file = path.join(p.dir, 'actions/add-api-claims.ts');
  const source = fs.readFileSync(file, 'utf8');
  expect(source).toContain(": 'free');");
  fs.writeFileSync(file, source.replace(": 'free');", ": 'starter');")); // the plan for users without one
  const again = await run();
  expect(again.ok).toBe(true);
  expect(again.plan?.changes.filter((c) => c.change !== 'unchanged').map((c) => c.name)).toEqual(['add-api-claims']);
  expect(again.login?.user.status).toBe('kept');
  const io = captureIo({ cwd: p.dir, env: p.env });
  expect(await main(['login', '--json'], io)).toBe(0);
  const report = JSON.parse(io.out()) as { accessToken: { custom: Record<string, unknown>; verdict: { valid: boolean } }; client: string };
  expect(report.client).toBe('Claims Demo SPA');
  expect(report.accessToken.verdict.valid).toBe(true);
  expect(report.accessToken.custom[`${NS}plan`]).toBe('starter');
});

test('claimkit inspect: a good token passes; a tampered, an expired and a foreign one fail with a verdict and exit 1', async () => {
  const io = captureIo({ cwd: p.dir, env: p.env });
  expect(await main(['login', '--json', '--user', 'demo@example.com', '--password', readDemoPassword(), '--client', 'E2E Backend', '--audience', API, '--scope', 'openid'], io)).toBe(0);
  const { tokens } = JSON.parse(io.out()) as { tokens: { access_token: string; id_token: string } };
  const inspect = async (token: string, ...args: string[]) => {
    const out = captureIo({ cwd: p.dir, env: p.env });
    const code = await main(['inspect', token, '--domain', domain, '--json', ...args], out);
    return { code, result: JSON.parse(out.out()) as { type: string; verdict: { valid: boolean; reason?: string }; custom: Record<string, unknown>; flags: unknown[] } };
  };
  const good = await inspect(tokens.access_token, '--audience', API);
  expect(good).toMatchObject({ code: 0, result: { type: 'access_token', verdict: { valid: true } } });
  expect(Object.keys(good.result.custom)).toContain(`${NS}roles`);
  expect((await inspect(tokens.id_token)).result.type).toBe('id_token');

  const [h, body, sig] = tokens.access_token.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...payload, [`${NS}roles`]: ['super-admin'] })).toString('base64url');
  expect(await inspect(`${h}.${forged}.${sig}`)).toMatchObject({ code: 1, result: { verdict: { valid: false, reason: 'tampered' } } });

  const key = JSON.parse(fs.readFileSync(path.join(p.stateDir, 'signing-key.json'), 'utf8')) as JWK;
  const past = Math.floor(Date.now() / 1000) - 7200;
  const expired = await new SignJWT({ ...payload, iat: past, exp: past + 60 }).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: String(key.kid) }).sign(await importJWK(key, 'RS256'));
  expect(await inspect(expired)).toMatchObject({ code: 1, result: { verdict: { valid: false, reason: 'expired' } } });

  const { privateKey } = await generateKeyPair('RS256');
  const other = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'not-this-tenant' }).sign(privateKey);
  expect((await inspect(other)).result.verdict).toMatchObject({ valid: false, reason: 'foreign-key' });
  expect(await inspect(tokens.access_token, '--audience', 'https://other.example.com')).toMatchObject({ code: 1, result: { verdict: { reason: 'wrong-audience' } } });
});

function readDemoPassword(): string {
  return (JSON.parse(fs.readFileSync(path.join(p.stateDir, 'demo-user.json'), 'utf8')) as { password: string }).password;
}
