import { decodeJwt } from 'jose';
import { loginStats } from '../../../src/tenant/login/stats.ts';
import { ORIGIN } from '../helpers.ts';
import { API, authorizeUrl, browser, browserLogin, CALLBACK, deployFlow, follow, loginTenant, PASSWORD, pkce, tokenCall, type LoginTenant } from './helpers.ts';

// The deployed post-login Actions at every login, /continue and refresh.
jest.setTimeout(60_000);

const REALM = 'http://auth0.com/oauth/grant-type/password-realm';

const passwordLogin = (t: LoginTenant, extra: Record<string, string> = {}) =>
  tokenCall(t, { grant_type: REALM, client_id: t.backendId, client_secret: t.backendSecret, username: t.email, password: PASSWORD, realm: 'Username-Password-Authentication', scope: 'openid profile', audience: API, ...extra });

const location = (res: Response) => new URL(res.headers.get('location') as string, ORIGIN);
/** The user as the Management API shows it, once the logins' counts are saved (they are, within 500 ms). */
const user = async (t: LoginTenant) => {
  await loginStats(t.tenant.store).flush();
  return (await t.call('GET', `/api/v2/users/${encodeURIComponent(t.userId)}`)).body;
};

describe('post-login Actions at login', () => {
  test('deny: access_denied with the reason, in the redirect and at /oauth/token; metadata set before is saved', async () => {
    const t = await loginTenant();
    await deployFlow(t, [
      { name: 'mark', code: `exports.onExecutePostLogin = async (event, api) => { api.user.setAppMetadata('last_attempt', event.transaction.protocol); };` },
      { name: 'gate', code: `exports.onExecutePostLogin = async (event, api) => { api.access.deny('Your tenant is suspended.'); };` },
      { name: 'never', code: `exports.onExecutePostLogin = async (event, api) => { api.user.setAppMetadata('never', true); };` },
    ]);
    const back = await browserLogin(t, browser(t), { clientId: t.spaId, email: t.email });
    expect(Object.fromEntries(location(back).searchParams)).toMatchObject({ error: 'access_denied', error_description: 'Your tenant is suspended.', state: 'app-state' });
    expect((await user(t)).app_metadata).toEqual({ tenant_id: 't-42', last_attempt: 'oidc-basic-profile' });

    expect(await passwordLogin(t)).toMatchObject({ status: 403, body: { error: 'access_denied', error_description: 'Your tenant is suspended.' } });
    expect((await user(t)).app_metadata).toEqual({ tenant_id: 't-42', last_attempt: 'oauth2-password' });
    expect((await user(t)).logins_count).toBeUndefined(); // a denied login is not counted
  });

  test('a throwing Action fails the login with its message and writes nothing', async () => {
    const t = await loginTenant();
    await deployFlow(t, [{ name: 'boom', code: `exports.onExecutePostLogin = async (event, api) => { api.user.setAppMetadata('x', 1); throw new Error('CRM unreachable'); };` }]);
    const back = await browserLogin(t, browser(t), { clientId: t.spaId, email: t.email });
    expect(location(back).searchParams.get('error')).toBe('access_denied');
    expect(location(back).searchParams.get('error_description')).toContain('CRM unreachable');
    expect((await passwordLogin(t)).body).toMatchObject({ error: 'access_denied', error_description: expect.stringContaining('CRM unreachable') });
    expect((await user(t)).app_metadata).toEqual({ tenant_id: 't-42' });
  });

  test('metadata updates are saved to the user and logins are counted', async () => {
    const t = await loginTenant();
    await deployFlow(t, [{ name: 'meta', code: `exports.onExecutePostLogin = async (event, api) => { api.user.setUserMetadata('seen', event.stats.logins_count); api.user.setAppMetadata('tenant_id', null); };` }]);
    expect((await passwordLogin(t)).status).toBe(200);
    expect((await passwordLogin(t)).status).toBe(200);
    const u = await user(t);
    expect(u.user_metadata).toEqual({ seen: 2 });
    expect(u.app_metadata).toEqual({});
    expect(u.logins_count).toBe(2);
  });

  test('an Action changed and redeployed is seen at the next login; a draft is not', async () => {
    const t = await loginTenant();
    const claim = (v: string) => ({ name: 'versioned', code: `exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim('https://claims.example.com/v', '${v}'); };` });
    await deployFlow(t, [claim('one')]);
    expect(decodeJwt(String((await passwordLogin(t)).body.access_token))['https://claims.example.com/v']).toBe('one');
    const id = String(((await t.call('GET', '/api/v2/actions/actions')).body.actions as unknown as Array<{ id: string }>)[0]?.id);
    await t.call('PATCH', `/api/v2/actions/actions/${id}`, { code: claim('draft').code });
    expect(decodeJwt(String((await passwordLogin(t)).body.access_token))['https://claims.example.com/v']).toBe('one');
    await deployFlow(t, [claim('two')]);
    expect(decodeJwt(String((await passwordLogin(t)).body.access_token))['https://claims.example.com/v']).toBe('two');
  });

  test('scopes added and removed by Actions change the token\'s scope', async () => {
    const t = await loginTenant();
    await deployFlow(t, [{ name: 'scopes', code: `exports.onExecutePostLogin = async (event, api) => { api.accessToken.removeScope('profile'); api.accessToken.addScope('write:reports'); };` }]);
    const res = await passwordLogin(t, { scope: 'openid profile read:reports' });
    expect(res.body.scope).toBe('openid read:reports write:reports');
    expect(decodeJwt(String(res.body.access_token))['scope']).toBe('openid read:reports write:reports');
  });
});

describe('executions', () => {
  test('the token response names its execution; the record says what ran and what the policy dropped', async () => {
    const t = await loginTenant();
    await deployFlow(t, [{ name: 'drops', code: `exports.onExecutePostLogin = async (event, api) => { console.log('hi'); api.accessToken.setCustomClaim('permissions', ['x']); api.accessToken.setCustomClaim('https://claims.example.com/ok', 1); };` }]);
    const res = await passwordLogin(t);
    const id = res.headers.get('x-claimkit-execution');
    expect(id).toMatch(/^ex_/);
    const record = await t.call('GET', `/api/v2/actions/executions/${id}`);
    expect(record.body).toMatchObject({ id, trigger_id: 'post-login', status: 'final', results: [{ action_name: 'drops', error: null }] });
    expect(record.body.claimkit).toMatchObject({ outcome: 'success', accessToken: { 'https://claims.example.com/ok': 1 }, logs: [{ action: 'drops', level: 'log', message: 'hi' }] });
    expect(record.body.claimkit?.dropped).toEqual([expect.objectContaining({ token: 'access', claim: 'permissions' })]);
    expect((await t.call('GET', '/api/v2/actions/executions/ex_nope')).status).toBe(404);
    expect((await t.call('GET', `/api/v2/actions/executions/${id}`, undefined, { token: await t.token(['read:users']) })).status).toBe(403);
  });
});

describe('the event Actions receive', () => {
  test('is built from the real user, client, connection, API, transaction and request', async () => {
    const t = await loginTenant({ user: { given_name: 'Ada', user_metadata: { theme: 'dark' } } });
    await deployFlow(t, [{ name: 'echo', code: `exports.onExecutePostLogin = async (event, api) => {
      api.idToken.setCustomClaim('https://claims.example.com/event', {
        user: event.user, roles: event.authorization.roles, client: event.client, connection: event.connection,
        resource_server: event.resource_server, transaction: event.transaction, request: event.request,
        stats: event.stats, tenant: event.tenant, session: event.session, organization: event.organization === undefined,
      });
    };` }]);
    const b = browser(t);
    const back = await browserLogin(t, b, { clientId: t.spaId, email: t.email, scope: 'openid profile read:reports', audience: API, extra: { ui_locales: 'fr-CA', login_hint: t.email } });
    const code = location(back).searchParams.get('code') as string;
    const tokens = await tokenCall(t, { grant_type: 'authorization_code', client_id: t.spaId, code, redirect_uri: CALLBACK });
    const event = decodeJwt(String(tokens.body.id_token))['https://claims.example.com/event'] as Record<string, Record<string, unknown>>;
    const connection = t.tenant.store.data.connections[0];
    expect(event['user']).toMatchObject({
      user_id: t.userId,
      email: t.email,
      given_name: 'Ada',
      app_metadata: { tenant_id: 't-42' },
      user_metadata: { theme: 'dark' },
      identities: [{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: t.userId.split('|')[1], isSocial: false }],
    });
    expect(event['user']).not.toHaveProperty('password_hash');
    expect(event['roles']).toEqual(['reports-admin']);
    expect(event['client']).toEqual({ client_id: t.spaId, name: 'SPA', metadata: {} });
    expect(event['connection']).toEqual({ id: connection?.id, name: 'Username-Password-Authentication', strategy: 'auth0', metadata: {} });
    expect(event['resource_server']).toEqual({ identifier: API });
    expect(event['transaction']).toMatchObject({ protocol: 'oidc-basic-profile', requested_scopes: ['openid', 'profile', 'read:reports'], redirect_uri: CALLBACK, state: 'app-state', response_type: ['code'], ui_locales: ['fr-CA'], login_hint: t.email, metadata: {} });
    expect(event['request']).toMatchObject({ method: 'GET', ip: '127.0.0.1', hostname: '127.0.0.1', user_agent: 'claimkit-test', query: { client_id: t.spaId, audience: API, scope: 'openid profile read:reports' } });
    expect(event['request']?.['query']).not.toHaveProperty('claimkit_requested_scope');
    expect(event['stats']).toEqual({ logins_count: 1 });
    expect(event['tenant']).toEqual({ id: 'local' });
    expect(event['session']).toEqual({ id: expect.any(String) });
    expect(event['organization']).toBe(true);
  });
});

describe('refresh tokens', () => {
  test('a refresh re-runs the Actions (protocol oauth2-refresh-token), is not a login, and a denial refuses it', async () => {
    const t = await loginTenant();
    const flow = (deny: boolean) => [{ name: 'refresh', code: `exports.onExecutePostLogin = async (event, api) => {
      ${deny ? "if (event.transaction.protocol === 'oauth2-refresh-token') return api.access.deny('refresh blocked');" : ''}
      api.accessToken.setCustomClaim('https://claims.example.com/protocol', event.transaction.protocol);
      api.accessToken.setCustomClaim('https://claims.example.com/rt', event.refresh_token ? event.refresh_token.client_id : null);
    };` }];
    await deployFlow(t, flow(false));
    const login = await passwordLogin(t, { scope: 'openid offline_access' });
    expect(login.body.refresh_token).toEqual(expect.any(String));
    expect(decodeJwt(String(login.body.access_token))).toMatchObject({ 'https://claims.example.com/protocol': 'oauth2-password', gty: 'password' });
    const refreshed = await tokenCall(t, { grant_type: 'refresh_token', client_id: t.backendId, client_secret: t.backendSecret, refresh_token: String(login.body.refresh_token) });
    expect(refreshed.status).toBe(200);
    const claims = decodeJwt(String(refreshed.body.access_token));
    expect(claims).toMatchObject({ 'https://claims.example.com/protocol': 'oauth2-refresh-token', 'https://claims.example.com/rt': t.backendId, aud: [API, `${ORIGIN}/userinfo`] });
    expect(claims['gty']).toBeUndefined();
    expect(decodeJwt(String(refreshed.body.id_token)).sub).toBe(t.userId);
    expect((await user(t)).logins_count).toBe(1);

    await deployFlow(t, flow(true));
    const refused = await tokenCall(t, { grant_type: 'refresh_token', client_id: t.backendId, client_secret: t.backendSecret, refresh_token: String(login.body.refresh_token) });
    expect(refused).toMatchObject({ status: 403, body: { error: 'access_denied', error_description: 'refresh blocked' } });
  });

  test('only with offline_access, on an API that allows offline access; revoked ones stop working', async () => {
    const t = await loginTenant();
    expect((await passwordLogin(t)).body.refresh_token).toBeUndefined();
    const login = await passwordLogin(t, { scope: 'openid offline_access' });
    const rt = String(login.body.refresh_token);
    // Another client cannot revoke it: the public SPA changes nothing, the token still works.
    const foreign = await t.call('POST', '/oauth/revoke', JSON.stringify({ client_id: t.spaId, token: rt }), { token: null, headers: { 'content-type': 'application/json' } });
    expect(foreign.status).toBe(200);
    expect((await tokenCall(t, { grant_type: 'refresh_token', client_id: t.backendId, client_secret: t.backendSecret, refresh_token: rt })).status).toBe(200);
    const revoke = await t.call('POST', '/oauth/revoke', JSON.stringify({ client_id: t.backendId, client_secret: t.backendSecret, token: rt }), { token: null, headers: { 'content-type': 'application/json' } });
    expect(revoke.status).toBe(200);
    expect(await tokenCall(t, { grant_type: 'refresh_token', client_id: t.backendId, client_secret: t.backendSecret, refresh_token: rt })).toMatchObject({
      status: 403,
      body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' },
    });
    const api = ((await t.call('GET', '/api/v2/resource-servers')).body as unknown as Array<{ id: string; identifier: string }>).find((r) => r.identifier === API);
    await t.call('PATCH', `/api/v2/resource-servers/${api?.id}`, { allow_offline_access: false });
    const noOffline = await passwordLogin(t, { scope: 'openid offline_access' });
    expect(noOffline.body.refresh_token).toBeUndefined();
    expect(noOffline.body.scope).toBe('openid');
  });

  test('a blocked user can neither refresh nor sign in again from the session; unblocked, both work', async () => {
    const t = await loginTenant();
    const rt = String((await passwordLogin(t, { scope: 'openid offline_access' })).body.refresh_token);
    const b = browser(t);
    await browserLogin(t, b, { clientId: t.spaId, email: t.email });
    const block = (blocked: boolean) => t.call('PATCH', `/api/v2/users/${encodeURIComponent(t.userId)}`, { blocked });
    const refresh = () => tokenCall(t, { grant_type: 'refresh_token', client_id: t.backendId, client_secret: t.backendSecret, refresh_token: rt });
    const silent = async () => Object.fromEntries(location(await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, prompt: 'none' })))).searchParams);

    await block(true);
    expect(await refresh()).toMatchObject({ status: 403, body: { error: 'invalid_grant', error_description: 'user is blocked' } });
    expect(await silent()).toMatchObject({ error: 'unauthorized', error_description: 'user is blocked', state: 'app-state' });
    await block(false);
    expect((await refresh()).status).toBe(200);
    expect((await silent()).code).toBeTruthy();
  });
});

describe('redirects and /continue', () => {
  const CONSENT = `exports.onExecutePostLogin = async (event, api) => {
    api.idToken.setCustomClaim('https://claims.example.com/before', true);
    api.redirect.sendUserTo('https://consent.example.com/ask', { query: { user: event.user.user_id } });
  };
  exports.onContinuePostLogin = async (event, api) => {
    if (event.request.query.answer !== 'yes') return api.access.deny('No consent given.');
    api.idToken.setCustomClaim('https://claims.example.com/consent', event.request.query.answer);
  };`;

  test('the user is sent to the Action\'s URL with a state; /continue with it resumes and issues the code', async () => {
    const t = await loginTenant();
    await deployFlow(t, [{ name: 'consent', code: CONSENT }, { name: 'after', code: `exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('https://claims.example.com/after', true); };` }]);
    const b = browser(t);
    const { verifier, challenge } = pkce();
    const away = await browserLogin(t, b, { clientId: t.spaId, email: t.email, challenge });
    const target = location(away);
    expect(`${target.origin}${target.pathname}`).toBe('https://consent.example.com/ask');
    expect(target.searchParams.get('user')).toBe(t.userId);
    const state = target.searchParams.get('state') as string;
    expect(state).toBeTruthy();

    expect((await b.request('GET', '/continue?state=forged&answer=yes')).status).toBe(400);
    const back = await follow(b, await b.request('GET', `/continue?state=${state}&answer=yes`));
    const code = location(back).searchParams.get('code') as string;
    expect(code).toBeTruthy();
    const tokens = await tokenCall(t, { grant_type: 'authorization_code', client_id: t.spaId, code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(decodeJwt(String(tokens.body.id_token))).toMatchObject({ 'https://claims.example.com/before': true, 'https://claims.example.com/consent': 'yes', 'https://claims.example.com/after': true });
    expect((await b.request('GET', `/continue?state=${state}&answer=yes`)).status).toBe(400); // used once
  });

  test('onContinuePostLogin may deny; prompt=none and password grants cannot redirect', async () => {
    const t = await loginTenant();
    await deployFlow(t, [{ name: 'consent', code: CONSENT }]);
    const b = browser(t);
    const state = location(await browserLogin(t, b, { clientId: t.spaId, email: t.email })).searchParams.get('state') as string;
    const denied = await follow(b, await b.request('GET', `/continue?state=${state}&answer=no`));
    expect(Object.fromEntries(location(denied).searchParams)).toMatchObject({ error: 'access_denied', error_description: 'No consent given.', state: 'app-state' });

    const silent = await follow(b, await b.request('GET', authorizeUrl({ clientId: t.spaId, prompt: 'none' })));
    expect(location(silent).searchParams.get('error')).toBe('interaction_required');
    expect((await passwordLogin(t)).body).toMatchObject({ error: 'access_denied', error_description: expect.stringContaining('sendUserTo') });
  });

  test('a JSON body at /continue nested too deep or with a prototype key is refused with 400; the login can still resume', async () => {
    const t = await loginTenant();
    await deployFlow(t, [{ name: 'consent', code: CONSENT }]);
    const b = browser(t);
    const state = location(await browserLogin(t, b, { clientId: t.spaId, email: t.email })).searchParams.get('state') as string;
    const post = (body: string) => t.handler(new Request(`${ORIGIN}/continue?state=${state}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ') }, body }));
    for (const body of [`{"answer":${'['.repeat(5000)}${']'.repeat(5000)}}`, '{"answer":"yes","__proto__":{"polluted":true}}']) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('text/html');
      expect(await refused.text()).toContain('invalid_request');
    }
    const back = await follow(b, await b.request('GET', `/continue?state=${state}&answer=yes`));
    expect(location(back).searchParams.get('code')).toBeTruthy();
  });
});
