import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { ORIGIN } from '../helpers.ts';
import { API, authorizeUrl, browser, browserLogin, CALLBACK, deployFlow, follow, loginTenant, pkce, tokenCall, type LoginTenant } from './helpers.ts';

jest.setTimeout(60_000);

const ISSUER = `${ORIGIN}/`;
const CLAIMS = `exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim('https://claims.example.com/roles', event.authorization.roles);
  if (event.resource_server) api.accessToken.setCustomClaim('https://claims.example.com/tenant_id', event.user.app_metadata.tenant_id);
  api.idToken.setCustomClaim('https://claims.example.com/login', { protocol: event.transaction.protocol, count: event.stats.logins_count, client: event.client.name });
  api.idToken.setCustomClaim('iss', 'https://evil.example.com/');
};`;

async function keys(t: LoginTenant) {
  const res = await t.call('GET', '/.well-known/jwks.json', undefined, { token: null });
  return createLocalJWKSet(res.body as unknown as JSONWebKeySet);
}

async function codeLogin(t: LoginTenant, options: { scope: string; audience?: string }) {
  const b = browser(t);
  const { verifier, challenge } = pkce();
  const back = await browserLogin(t, b, { clientId: t.spaId, challenge, email: t.email, nonce: 'nonce-123', state: 'xyz', ...options });
  expect(back.status).toBe(303);
  const location = new URL(back.headers.get('location') as string);
  expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
  expect(location.searchParams.get('state')).toBe('xyz');
  const code = location.searchParams.get('code') as string;
  const tokens = await tokenCall(t, { grant_type: 'authorization_code', client_id: t.spaId, code, redirect_uri: CALLBACK, code_verifier: verifier });
  return { b, code, verifier, tokens };
}

describe('authorization code with PKCE', () => {
  let t: LoginTenant;
  beforeAll(async () => {
    t = await loginTenant();
    await deployFlow(t, [{ name: 'claims', code: CLAIMS }]);
  });

  test('discovery names the tenant and Auth0\'s paths', async () => {
    const { body } = await t.call('GET', '/.well-known/openid-configuration', undefined, { token: null });
    expect(body).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ORIGIN}/authorize`,
      token_endpoint: `${ORIGIN}/oauth/token`,
      userinfo_endpoint: `${ORIGIN}/userinfo`,
      revocation_endpoint: `${ORIGIN}/oauth/revoke`,
      jwks_uri: `${ORIGIN}/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(body.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'password', 'http://auth0.com/oauth/grant-type/password-realm']));
  });

  test('both tokens are signed RS256 with the JWKS key and shaped as Auth0 shapes them', async () => {
    const { tokens } = await codeLogin(t, { scope: 'openid profile email read:reports write:reports', audience: API });
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 86400, scope: 'openid profile email read:reports' });
    expect(tokens.body.refresh_token).toBeUndefined(); // no offline_access asked
    const jwks = await keys(t);
    for (const token of [tokens.body.id_token, tokens.body.access_token]) expect(decodeProtectedHeader(String(token))).toEqual({ alg: 'RS256', typ: 'JWT', kid: t.tenant.key.kid });

    const id = (await jwtVerify(String(tokens.body.id_token), jwks, { issuer: ISSUER, audience: t.spaId })).payload;
    expect(id).toMatchObject({ sub: t.userId, nonce: 'nonce-123', name: 'Ada Lovelace', email: t.email, email_verified: false, 'https://claims.example.com/roles': ['reports-admin'] });
    expect(id['https://claims.example.com/login']).toEqual({ protocol: 'oidc-basic-profile', count: 1, client: 'SPA' });
    expect(typeof id['sid']).toBe('string');
    expect(id.sub).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(id.iss).toBe(ISSUER); // the Action's `iss` was dropped, as Auth0 drops restricted claims
    expect((id.exp as number) - (id.iat as number)).toBe(36000);

    const access = (await jwtVerify(String(tokens.body.access_token), jwks, { issuer: ISSUER, audience: API })).payload;
    // RBAC: write:reports was asked for but the user's role grants only read:reports.
    expect(access).toEqual({
      'https://claims.example.com/tenant_id': 't-42',
      iss: ISSUER,
      sub: t.userId,
      aud: [API, `${ISSUER}userinfo`],
      iat: expect.any(Number),
      exp: (access.iat as number) + 86400,
      scope: 'openid profile email read:reports',
      azp: t.spaId,
      permissions: ['read:reports'],
    });
  });

  test('without openid the access token is for the API alone; a code works once', async () => {
    const { tokens, code, verifier } = await codeLogin(t, { scope: 'read:reports', audience: API });
    expect(tokens.status).toBe(200);
    expect(tokens.body.id_token).toBeUndefined();
    const access = (await jwtVerify(String(tokens.body.access_token), await keys(t), { issuer: ISSUER, audience: API })).payload;
    expect(access.aud).toBe(API);
    const again = await tokenCall(t, { grant_type: 'authorization_code', client_id: t.spaId, code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(again).toMatchObject({ status: 403, body: { error: 'invalid_grant', error_description: 'Invalid authorization code' } });
  });

  test('no audience: an opaque access token that only /userinfo takes', async () => {
    const { tokens } = await codeLogin(t, { scope: 'openid profile' });
    const opaque = String(tokens.body.access_token);
    expect(opaque.split('.')).toHaveLength(1);
    const info = await t.call('GET', '/userinfo', undefined, { token: opaque });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ sub: t.userId, name: 'Ada Lovelace', 'https://claims.example.com/roles': ['reports-admin'] });
    expect(info.body.email).toBeUndefined(); // no email scope
    expect((await t.call('GET', '/api/v2/users', undefined, { token: opaque })).status).toBe(401);
    expect((await t.call('GET', '/userinfo', undefined, { token: `${opaque}x` })).status).toBe(401);
  });

  test('a JWT access token with the /userinfo audience works at /userinfo; one without openid does not', async () => {
    const withOpenid = await codeLogin(t, { scope: 'openid email read:reports', audience: API });
    expect((await t.call('GET', '/userinfo', undefined, { token: String(withOpenid.tokens.body.access_token) })).body).toMatchObject({ sub: t.userId, email: t.email });
    const apiOnly = await codeLogin(t, { scope: 'read:reports', audience: API });
    expect((await t.call('GET', '/userinfo', undefined, { token: String(apiOnly.tokens.body.access_token) })).status).toBe(401);
  });

  test('PKCE, redirect_uri and an unknown audience fail with Auth0\'s errors', async () => {
    const b = browser(t);
    const { challenge } = pkce();
    const back = await browserLogin(t, b, { clientId: t.spaId, challenge, email: t.email, scope: 'openid' });
    const code = new URL(back.headers.get('location') as string).searchParams.get('code') as string;
    const wrong = await tokenCall(t, { grant_type: 'authorization_code', client_id: t.spaId, code, redirect_uri: CALLBACK, code_verifier: pkce().verifier });
    expect(wrong).toMatchObject({ status: 403, body: { error: 'invalid_grant', error_description: 'Failed to verify code verifier' } });

    const unknown = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, audience: 'https://nope.example.com' })));
    const error = new URL(unknown.headers.get('location') as string);
    expect(Object.fromEntries(error.searchParams)).toMatchObject({ error: 'access_denied', error_description: 'Service not found: https://nope.example.com', state: 'app-state' });

    const badRedirect = await b.request('GET', authorizeUrl({ clientId: t.spaId }).replace(encodeURIComponent(CALLBACK), encodeURIComponent('https://attacker.example.com/cb')));
    expect(badRedirect.status).toBe(400); // never redirected to an unregistered URL
    expect(await badRedirect.text()).toContain('redirect_uri');
  });

  test('a wrong password shows the form again; the user\'s session then serves prompt=none', async () => {
    const b = browser(t);
    const wrong = await browserLogin(t, b, { clientId: t.spaId, email: t.email, password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong email or password.');

    const silentWithout = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, prompt: 'none' })));
    expect(new URL(silentWithout.headers.get('location') as string).searchParams.get('error')).toBe('login_required');

    await browserLogin(t, b, { clientId: t.spaId, email: t.email });
    const silent = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, prompt: 'none' })));
    expect(new URL(silent.headers.get('location') as string).searchParams.get('code')).toBeTruthy();
  });

  test('silent authentication as auth0-spa-js does it: prompt=none with response_mode=web_message answers by postMessage', async () => {
    const b = browser(t);
    const silent = (extra: Record<string, string>) => b.request('GET', authorizeUrl({ clientId: t.spaId, prompt: 'none', extra: { response_mode: 'web_message', ...extra } }));
    const without = await follow(b, await silent({}));
    expect(without.headers.get('location')).toBeNull();
    const refused = await without.text();
    expect(refused).toContain("type: 'authorization_response'");
    expect(refused).toContain('"error":"login_required"');

    await browserLogin(t, b, { clientId: t.spaId, email: t.email });
    const answer = await follow(b, await silent({ state: 'silent-1' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-frame-options')).toBeNull(); // it runs in the application's iframe
    const page = await answer.text();
    const response = JSON.parse(/var data = (\{.*\});/.exec(page)?.[1] ?? '{}') as { response?: Record<string, string>; redirect_uri?: string };
    expect(response.redirect_uri).toBe(CALLBACK);
    expect(response.response).toMatchObject({ code: expect.any(String), state: 'silent-1' });
  });

  test('browsers of the tenant\'s applications may call it across origins; other origins get no CORS headers', async () => {
    const pre = await t.handler(new Request(`${ORIGIN}/oauth/token`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } }));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const foreign = await t.handler(new Request(`${ORIGIN}/oauth/token`, { method: 'OPTIONS', headers: { origin: 'https://attacker.example.com' } }));
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const jwksRes = await t.handler(new Request(`${ORIGIN}/.well-known/jwks.json`, { headers: { origin: 'http://localhost:3000' } }));
    expect(jwksRes.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect((await t.handler(new Request(`${ORIGIN}/userinfo`, { headers: { origin: 'https://attacker.example.com' } }))).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the login form escapes what it shows and refuses an unknown state', async () => {
    const b = browser(t);
    const missing = await b.request('GET', '/u/login?state=nope');
    expect(missing.status).toBe(400);
    await t.call('PATCH', `/api/v2/clients/${t.spaId}`, { name: '<script>alert(1)</script>' });
    const form = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId })));
    const page = await form.text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&#60;script&#62;');
    await t.call('PATCH', `/api/v2/clients/${t.spaId}`, { name: 'SPA' });
  });
});
