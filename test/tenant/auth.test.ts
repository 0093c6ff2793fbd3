import { decodeJwt } from 'jose';
import { issueAccessToken } from '../../src/tenant/auth/tokens.ts';
import { generateSigningKey } from '../../src/tenant/auth/keys.ts';
import { AUDIENCE, ORIGIN, testTenant, type TestTenant } from './helpers.ts';

function bootstrap(t: TestTenant) {
  const client = t.tenant.store.data.clients[0];
  if (!client) throw new Error('no bootstrap client');
  return client;
}

async function token(t: TestTenant, body: string, contentType: string, headers: Record<string, string> = {}) {
  return t.call('POST', '/oauth/token', body, { token: null, headers: { 'content-type': contentType, ...headers } });
}

describe('/oauth/token (client credentials)', () => {
  test('form-encoded, as a0deploy sends it, issues an RS256 token for the Management API', async () => {
    const t = await testTenant();
    const c = bootstrap(t);
    const form = new URLSearchParams({ client_id: c.client_id, client_secret: c.client_secret, audience: AUDIENCE, grant_type: 'client_credentials' });
    const res = await token(t, form.toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    const claims = decodeJwt(String(res.body.access_token));
    expect(claims).toMatchObject({ iss: `${ORIGIN}/`, aud: AUDIENCE, sub: `${c.client_id}@clients`, gty: 'client-credentials' });
    expect(String(claims['scope'])).toContain('create:actions');
    const use = await t.call('GET', '/api/v2/actions/actions', undefined, { token: String(res.body.access_token) });
    expect(use.status).toBe(200);
  });

  test('JSON bodies and HTTP Basic client authentication work too; scope narrows the grant', async () => {
    const t = await testTenant();
    const c = bootstrap(t);
    const json = await token(t, JSON.stringify({ client_id: c.client_id, client_secret: c.client_secret, audience: AUDIENCE, grant_type: 'client_credentials', scope: 'read:actions nope' }), 'application/json');
    expect(json.status).toBe(200);
    expect(json.body.scope).toBe('read:actions');
    const basic = Buffer.from(`${c.client_id}:${c.client_secret}`).toString('base64');
    const viaBasic = await token(t, `grant_type=client_credentials&audience=${encodeURIComponent('https://localhost:4433/api/v2/')}`, 'application/x-www-form-urlencoded', { authorization: `Basic ${basic}` });
    expect(viaBasic.status).toBe(200);
  });

  test('HTTP Basic credentials that are not URI-encoded are refused as wrong ones, not a 500', async () => {
    const t = await testTenant();
    const c = bootstrap(t);
    const body = `grant_type=client_credentials&audience=${encodeURIComponent(AUDIENCE)}`;
    for (const pair of ['a%:b', `${c.client_id}:%zz`, `%E0%A4%A:${c.client_secret}`]) {
      const res = await token(t, body, 'application/x-www-form-urlencoded', { authorization: `Basic ${Buffer.from(pair).toString('base64')}` });
      expect(res).toMatchObject({ status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } });
    }
  });

  test('OAuth errors: bad secret 401, no audience 403, unknown audience 403, unsupported grant, missing grant', async () => {
    const t = await testTenant();
    const c = bootstrap(t);
    const form = (p: Record<string, string>) => token(t, new URLSearchParams(p).toString(), 'application/x-www-form-urlencoded');
    expect(await form({ grant_type: 'client_credentials', client_id: c.client_id, client_secret: 'wrong', audience: AUDIENCE })).toMatchObject({ status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } });
    expect((await form({ grant_type: 'client_credentials', client_id: c.client_id, client_secret: c.client_secret })).status).toBe(403);
    expect((await form({ grant_type: 'client_credentials', client_id: c.client_id, client_secret: c.client_secret, audience: 'https://nowhere' })).body).toMatchObject({ error: 'access_denied', error_description: 'Service not found: https://nowhere' });
    expect((await form({ grant_type: 'urn:example:not-a-grant', client_id: c.client_id })).body).toMatchObject({ error: 'unsupported_grant_type', error_description: 'Unsupported grant type: urn:example:not-a-grant' });
    // A grant the tenant has, but this client was not given (it has client_credentials only).
    expect(await form({ grant_type: 'password', client_id: c.client_id, client_secret: c.client_secret, username: 'a@example.com', password: 'x' })).toMatchObject({
      status: 403,
      body: { error: 'unauthorized_client', error_description: "Grant type 'password' not allowed for the client." },
    });
    expect((await form({ client_id: c.client_id })).body).toMatchObject({ error: 'invalid_request' });
  });
});

describe('/api/v2 bearer tokens and scopes', () => {
  test('missing, malformed, foreign, expired and wrong-audience tokens are 401', async () => {
    const t = await testTenant();
    expect(await t.call('GET', '/api/v2/roles', undefined, { token: null })).toMatchObject({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Missing authentication' } });
    expect((await t.call('GET', '/api/v2/roles', undefined, { token: 'not-a-jwt' })).status).toBe(401);
    const foreignKey = await generateSigningKey();
    const foreign = await issueAccessToken(foreignKey, { issuer: `${ORIGIN}/`, audience: AUDIENCE, clientId: 'x', scope: ['read:roles'], lifetimeSeconds: 60, now: t.clock.now });
    expect((await t.call('GET', '/api/v2/roles', undefined, { token: foreign })).status).toBe(401);
    const expiring = await t.token(['read:roles']);
    t.clock.now += 3_601_000;
    expect((await t.call('GET', '/api/v2/roles', undefined, { token: expiring })).body.message).toBe('Expired token received for JSON Web Token validation');
    const otherAudience = await issueAccessToken(t.tenant.key, { issuer: `${ORIGIN}/`, audience: 'https://api.example.com', clientId: 'x', scope: ['read:roles'], lifetimeSeconds: 60, now: t.clock.now });
    expect((await t.call('GET', '/api/v2/roles', undefined, { token: otherAudience })).body.message).toBe('Bad audience: https://api.example.com');
  });

  test('a token without the endpoint scope is 403 naming the scopes Auth0 expects', async () => {
    const t = await testTenant();
    const readOnly = await t.token(['read:actions']);
    expect((await t.call('GET', '/api/v2/actions/actions', undefined, { token: readOnly })).status).toBe(200);
    const res = await t.call('POST', '/api/v2/actions/actions', { name: 'x' }, { token: readOnly });
    expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: create:actions', errorCode: 'insufficient_scope' });
  });

  test('anything not implemented is 404 in the Management API shape, never 5xx', async () => {
    const t = await testTenant();
    for (const path of ['/api/v2/jobs/job_1', '/api/v2/anomaly/blocks/ips/10.0.0.1', '/api/v2', '/nothing-here', '/oauth/nothing']) {
      const res = await t.call('GET', path);
      expect(res).toMatchObject({ status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not Found' } });
    }
    expect((await t.call('PUT', '/api/v2/actions/actions')).status).toBe(404);
  });

  test('the signing key is published at /.well-known/jwks.json', async () => {
    const t = await testTenant();
    const res = await t.call('GET', '/.well-known/jwks.json', undefined, { token: null });
    expect(res.body.keys).toMatchObject([{ kty: 'RSA', alg: 'RS256', use: 'sig', kid: t.tenant.key.kid }]);
    expect(res.body.keys?.[0]).not.toHaveProperty('d');
  });
});
