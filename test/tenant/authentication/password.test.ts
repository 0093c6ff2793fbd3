import { decodeJwt } from 'jose';
import { ORIGIN } from '../helpers.ts';
import { API, authorizeUrl, browser, browserLogin, deployFlow, follow, loginTenant, PASSWORD, tokenCall, type LoginTenant } from './helpers.ts';

// The password grants, connections, organizations and logout.
jest.setTimeout(60_000);

const REALM = 'http://auth0.com/oauth/grant-type/password-realm';
const DB = 'Username-Password-Authentication';

const realm = (t: LoginTenant, extra: Record<string, string> = {}) =>
  tokenCall(t, { grant_type: REALM, client_id: t.backendId, client_secret: t.backendSecret, username: t.email, password: PASSWORD, realm: DB, scope: 'openid', ...extra });

describe('password grants', () => {
  let t: LoginTenant;
  beforeAll(async () => {
    t = await loginTenant();
  });

  test('password-realm: JSON or form, credentials in the body or HTTP Basic; the username in any case', async () => {
    const json = await t.call('POST', '/oauth/token', JSON.stringify({ grant_type: REALM, client_id: t.backendId, client_secret: t.backendSecret, username: t.email.toUpperCase(), password: PASSWORD, realm: DB, scope: 'openid email' }), { token: null });
    expect(json.status).toBe(200);
    expect(decodeJwt(String(json.body.id_token))).toMatchObject({ sub: t.userId, email: t.email, aud: t.backendId });
    const basic = Buffer.from(`${t.backendId}:${t.backendSecret}`).toString('base64');
    const viaBasic = await tokenCall(t, { grant_type: REALM, username: t.email, password: PASSWORD, realm: DB });
    expect(viaBasic).toMatchObject({ status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } }); // no client authentication at all
    const withBasic = await t.call('POST', '/oauth/token', new URLSearchParams({ grant_type: REALM, username: t.email, password: PASSWORD, realm: DB, audience: API, scope: 'read:reports' }).toString(), {
      token: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    });
    expect(withBasic.status).toBe(200);
    expect(decodeJwt(String(withBasic.body.access_token))).toMatchObject({ aud: API, gty: 'password', scope: 'read:reports', azp: t.backendId });
  });

  test('wrong credentials, unknown user, blocked user, bad client secret: Auth0\'s answers', async () => {
    expect(await realm(t, { password: 'Wrong-pass-1' })).toMatchObject({ status: 403, body: { error: 'invalid_grant', error_description: 'Wrong email or password.' } });
    expect(await realm(t, { username: 'nobody@example.com' })).toMatchObject({ status: 403, body: { error: 'invalid_grant', error_description: 'Wrong email or password.' } });
    expect(await realm(t, { client_secret: 'nope' })).toMatchObject({ status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } });
    expect(await realm(t, { realm: 'Nope' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await realm(t, { audience: 'https://nope.example.com' })).toMatchObject({ status: 403, body: { error: 'access_denied', error_description: 'Service not found: https://nope.example.com' } });
    await t.call('PATCH', `/api/v2/users/${encodeURIComponent(t.userId)}`, { blocked: true });
    expect(await realm(t)).toMatchObject({ status: 401, body: { error: 'unauthorized', error_description: 'user is blocked' } });
    await t.call('PATCH', `/api/v2/users/${encodeURIComponent(t.userId)}`, { blocked: false });
    expect((await realm(t)).status).toBe(200);
  });

  test('a client without the grant, or a connection not enabled for the client, is refused', async () => {
    expect(await tokenCall(t, { grant_type: REALM, client_id: t.spaId, username: t.email, password: PASSWORD, realm: DB })).toMatchObject({
      status: 403,
      body: { error: 'unauthorized_client', error_description: `Grant type '${REALM}' not allowed for the client.` },
    });
    await t.tenant.store.write(() => (d) => {
      const db = d.connections.find((c) => c.name === DB);
      if (db) db.enabled_clients = [t.spaId];
    });
    expect(await realm(t)).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: expect.stringContaining('not enabled') } });
    await t.tenant.store.write(() => (d) => {
      const db = d.connections.find((c) => c.name === DB);
      if (db) db.enabled_clients = [];
      d.tenantSettings = { flags: { enable_client_connections: false } };
    });
    expect((await realm(t)).status).toBe(400); // nothing enabled it, and new clients get no connections
    await t.tenant.store.write(() => (d) => {
      d.tenantSettings = {};
    });
  });

  test('the plain password grant uses the tenant\'s default directory, and needs one', async () => {
    const plain = { grant_type: 'password', client_id: t.backendId, client_secret: t.backendSecret, username: t.email, password: PASSWORD, scope: 'openid' };
    expect(await tokenCall(t, plain)).toMatchObject({ status: 500, body: { error: 'server_error', error_description: 'Authorization server not configured with default connection.' } });
    await t.tenant.store.write(() => (d) => {
      d.tenantSettings = { default_directory: DB };
    });
    const ok = await tokenCall(t, plain);
    expect(ok.status).toBe(200);
    expect(String(ok.body.access_token).split('.')).toHaveLength(1); // opaque: no audience asked for
  });

  test('a scope with extra spaces (\'openid \' + nothing, two spaces between values) is taken, as Auth0 takes it', async () => {
    const res = await realm(t, { scope: ' openid  profile ', audience: API });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('openid profile');
    expect(decodeJwt(String(res.body.id_token))['name']).toBe('Ada Lovelace');
    const b = browser(t);
    const back = await browserLogin(t, b, { clientId: t.spaId, email: t.email, scope: 'openid  profile ' });
    expect(new URL(back.headers.get('location') as string).searchParams.get('code')).toBeTruthy();
  });

  test('request bodies are bounded like every other route', async () => {
    const res = await t.call('POST', '/oauth/token', `grant_type=password&username=${'a'.repeat(2 * 1024 * 1024)}`, { token: null, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(413);
  });

  test('/oauth/revoke refuses a body too large or not JSON in the OAuth shape, as /oauth/token does', async () => {
    const form = { token: null, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const json = { token: null, headers: { 'content-type': 'application/json' } };
    expect(await t.call('POST', '/oauth/revoke', `token=${'a'.repeat(2 * 1024 * 1024)}`, form)).toMatchObject({ status: 413, body: { error: 'invalid_request' } });
    expect(await t.call('POST', '/oauth/revoke', `{"token":"x","client_id":"${t.backendId}"`, json)).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'Invalid request payload JSON format' } });
    expect(await t.call('POST', '/oauth/token', `{"grant_type":"password"`, json)).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'Invalid request payload JSON format' } });
  });
});

describe('organizations', () => {
  test('organization=… logs in through the organization: org_id in both tokens, the member\'s roles, event.organization', async () => {
    const t = await loginTenant({ spa: { organization_usage: 'allow' } });
    await deployFlow(t, [{ name: 'org', code: `exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('https://claims.example.com/org', event.organization ? event.organization.display_name : null); api.idToken.setCustomClaim('https://claims.example.com/roles', event.authorization.roles); };` }]);
    const data = t.tenant.store.data;
    const db = data.connections.find((c) => c.name === DB);
    const role = data.roles[0];
    await t.tenant.store.write(() => (d) => {
      d.organizations.push({ id: 'org_acme', name: 'acme', display_name: 'Acme Inc.', metadata: {}, members: [t.userId], member_roles: { [t.userId]: [] }, connections: [{ connection_id: db?.id ?? '', assign_membership_on_login: false }] });
      d.organizations.push({ id: 'org_other', name: 'other', display_name: 'Other', metadata: {}, members: [], member_roles: {}, connections: [{ connection_id: db?.id ?? '', assign_membership_on_login: false }] });
    });
    expect(role).toBeDefined();

    const b = browser(t);
    const back = await browserLogin(t, b, { clientId: t.spaId, email: t.email, organization: 'acme', scope: 'openid read:reports', audience: API });
    const code = new URL(back.headers.get('location') as string).searchParams.get('code') as string;
    const tokens = await tokenCall(t, { grant_type: 'authorization_code', client_id: t.spaId, code, redirect_uri: 'http://localhost:3000/callback' });
    const id = decodeJwt(String(tokens.body.id_token));
    expect(id).toMatchObject({ org_id: 'org_acme', 'https://claims.example.com/org': 'Acme Inc.', 'https://claims.example.com/roles': [] });
    // The tenant role does not apply inside the organization: no permission, so no read:reports.
    expect(decodeJwt(String(tokens.body.access_token))).toMatchObject({ org_id: 'org_acme', permissions: [], scope: 'openid' });

    const notMember = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, organization: 'other' })));
    expect(Object.fromEntries(new URL(notMember.headers.get('location') as string).searchParams)).toMatchObject({ error: 'access_denied' });
    const unknown = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, organization: 'nope' })));
    expect(new URL(unknown.headers.get('location') as string).searchParams.get('error')).toBe('invalid_request');
  });

  test('a client that does not use organizations refuses the parameter', async () => {
    const t = await loginTenant();
    const b = browser(t);
    const res = await browserLogin(t, b, { clientId: t.spaId, email: t.email, organization: 'acme' });
    expect(Object.fromEntries(new URL(res.headers.get('location') as string).searchParams)).toMatchObject({ error: 'invalid_request', error_description: 'parameter organization is not allowed for this client' });
  });
});

describe('/authorize with a connection the form cannot use', () => {
  test('an unknown connection=, or no connection enabled for the client, goes back to the application as Auth0\'s invalid_request', async () => {
    const t = await loginTenant();
    const b = browser(t);
    const unknown = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, extra: { connection: 'No-Such-Connection' } })));
    expect(unknown.status).toBe(303);
    expect(Object.fromEntries(new URL(unknown.headers.get('location') as string).searchParams)).toMatchObject({ error: 'invalid_request', error_description: 'the connection was not found', state: 'app-state' });

    const db = ((await t.call('GET', '/api/v2/connections')).body as unknown as Array<{ id: string; name: string }>).find((c) => c.name === DB);
    await t.call('PATCH', `/api/v2/connections/${db?.id}`, { enabled_clients: [t.backendId] });
    const none = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId })));
    expect(Object.fromEntries(new URL(none.headers.get('location') as string).searchParams)).toMatchObject({ error: 'invalid_request', error_description: 'no connections enabled for the client', state: 'app-state' });
  });
});

describe('/v2/logout', () => {
  test('ends the session and returns to an allowed URL; other URLs are refused', async () => {
    const t = await loginTenant();
    const b = browser(t);
    await browserLogin(t, b, { clientId: t.spaId, email: t.email });
    const refused = await b.request('GET', `/v2/logout?client_id=${t.spaId}&returnTo=${encodeURIComponent('https://attacker.example.com')}`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Allowed Logout URLs');
    const out = await b.request('GET', `/v2/logout?client_id=${t.spaId}&returnTo=${encodeURIComponent('http://localhost:3000')}`);
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('http://localhost:3000');
    const silent = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, prompt: 'none' })));
    expect(new URL(silent.headers.get('location') as string, ORIGIN).searchParams.get('error')).toBe('login_required');
  });

  test('a native app\'s custom-scheme logout URL lets only that URL through, not another scheme or host with its path', async () => {
    const t = await loginTenant({ spa: { allowed_logout_urls: ['com.example.app://tenant/ios/callback'] } });
    const logout = (returnTo: string) => t.handler(new Request(`${ORIGIN}/v2/logout?client_id=${t.spaId}&returnTo=${encodeURIComponent(returnTo)}`));
    for (const foreign of ['evil://tenant/ios/callback', 'javascript://tenant/ios/callback', 'com.example.app://attacker/ios/callback']) {
      const refused = await logout(foreign);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('location')).toBeNull();
    }
    const out = await logout('com.example.app://tenant/ios/callback?from=logout');
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('com.example.app://tenant/ios/callback?from=logout');
  });

  test('a session cookie that is not valid URI encoding is no session, not a 500', async () => {
    const t = await loginTenant();
    const out = await t.handler(new Request(`${ORIGIN}/v2/logout?client_id=${t.spaId}&returnTo=${encodeURIComponent('http://localhost:3000')}`, { headers: { cookie: '_session=%E0%A4%A' } }));
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('http://localhost:3000');
  });
});
