import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { ids } from '../../src/tenant/store/ids.ts';
import { MANAGEMENT_AUDIENCE } from '../../src/tenant/store/model.ts';
import { AUDIENCE as MANAGEMENT_API, ORIGIN, testTenant, type TestTenant } from './helpers.ts';

// The client-credentials grant runs the credentials-exchange Actions bound on the tenant, each at its
// deployed version, in the Action engine; tokens are verified with jose against the tenant's JWKS.
const API = 'https://api.example.com';
const NS = 'https://claims.example.com/';

interface Worker {
  client_id: string;
  client_secret: string;
}

async function setUp(options: { metadata?: Record<string, string>; grantScopes?: string[] } = {}): Promise<{ t: TestTenant; worker: Worker }> {
  const t = await testTenant();
  expect((await t.call('POST', '/api/v2/resource-servers', { name: 'Reports', identifier: API, scopes: [{ value: 'read:reports' }, { value: 'write:reports' }, { value: 'admin' }] })).status).toBe(201);
  const created = await t.call('POST', '/api/v2/clients', { name: 'Claims Demo Worker', app_type: 'non_interactive', grant_types: ['client_credentials'], client_metadata: options.metadata ?? { tenant_id: 't-42' } });
  expect(created.status).toBe(201);
  const worker = { client_id: String(created.body.client_id), client_secret: String(created.body.client_secret) };
  // The tenant has no /client-grants endpoint yet: the grant is put into its data as a deploy would.
  await t.tenant.store.write(() => (d) => void d.grants.push({ id: `cgr_${ids.client().slice(0, 16)}`, client_id: worker.client_id, audience: API, scope: options.grantScopes ?? ['read:reports', 'write:reports'] }));
  return { t, worker };
}

/** Creates, builds and deploys a credentials-exchange Action; returns its id. */
async function deployExchange(t: TestTenant, name: string, code: string, secrets: Array<{ name: string; value: string }> = []): Promise<string> {
  const created = await t.call('POST', '/api/v2/actions/actions', { name, code, runtime: 'node22', secrets, supported_triggers: [{ id: 'credentials-exchange', version: 'v2' }] });
  expect(created.status).toBe(201);
  t.clock.now += 1000;
  expect((await t.call('GET', `/api/v2/actions/actions/${created.body.id}`)).body.status).toBe('built');
  expect((await t.call('POST', `/api/v2/actions/actions/${created.body.id}/deploy`)).status).toBe(200);
  return String(created.body.id);
}

async function bind(t: TestTenant, ...names: string[]): Promise<void> {
  const res = await t.call('PATCH', '/api/v2/actions/triggers/credentials-exchange/bindings', { bindings: names.map((value) => ({ ref: { type: 'action_name', value } })) });
  expect(res.status).toBe(200);
}

const exchange = (body: string) => `exports.onExecuteCredentialsExchange = async (event, api) => { ${body} };`;

async function token(t: TestTenant, who: Worker, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: who.client_id, client_secret: who.client_secret, audience: API, ...params });
  return t.call('POST', '/oauth/token', form.toString(), { token: null, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}

/** Verifies an access token against the tenant's JWKS, its issuer and the audience. */
async function verified(t: TestTenant, accessToken: unknown, audience = API): Promise<JWTPayload> {
  const jwks = (await t.call('GET', '/.well-known/jwks.json', undefined, { token: null })).body as unknown as JSONWebKeySet;
  const { payload } = await jwtVerify(String(accessToken), createLocalJWKSet(jwks), { issuer: `${ORIGIN}/`, audience, currentDate: new Date(t.clock.now) });
  return payload;
}

describe('client credentials with credentials-exchange Actions', () => {
  test("the token carries the Actions' claims, filtered by Auth0's rules, with gty, azp and the grant's scope", async () => {
    const { t, worker } = await setUp();
    await deployExchange(t, 'tenant-claims', exchange(`api.accessToken.setCustomClaim("${NS}tenant_id", event.client.metadata.tenant_id).accessToken.setCustomClaim("gty", "password").accessToken.setCustomClaim("${NS}key", event.secrets.KEY);`), [{ name: 'KEY', value: 'k-1' }]);
    await bind(t, 'tenant-claims');
    const res = await token(t, worker, { scope: 'read:reports' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'read:reports' });
    const claims = await verified(t, res.body.access_token);
    expect(claims).toMatchObject({ iss: `${ORIGIN}/`, aud: API, sub: `${worker.client_id}@clients`, azp: worker.client_id, gty: 'client-credentials', scope: 'read:reports', [`${NS}tenant_id`]: 't-42', [`${NS}key`]: 'k-1' });
  });

  test('Actions run in binding order: the last write wins, target scopes change the issued scope within the grant', async () => {
    const { t, worker } = await setUp();
    await deployExchange(t, 'first', exchange(`api.accessToken.setCustomClaim("${NS}plan", "free"); api.transaction.addTargetScope("write:reports"); api.transaction.addTargetScope("admin");`));
    await deployExchange(t, 'second', exchange(`api.accessToken.setCustomClaim("${NS}plan", event.transaction.target_scopes.join(","));`));
    await bind(t, 'first', 'second');
    const res = await token(t, worker, { scope: 'read:reports' });
    expect(res.body.scope).toBe('read:reports write:reports'); // admin is not in the client grant
    const claims = await verified(t, res.body.access_token);
    expect(claims).toMatchObject({ scope: 'read:reports write:reports', [`${NS}plan`]: 'read:reports,write:reports,admin' });
  });

  test('api.access.deny answers with the OAuth error the Action chose and its reason', async () => {
    const { t, worker } = await setUp();
    await deployExchange(t, 'gate', exchange('if (event.request.body.scope === "admin") api.access.deny("invalid_scope", "admin is not for machines"); else if (!event.client.metadata.region) api.access.deny(event.request.body.scope === "x" ? "server_error" : "invalid_request", "no region");'));
    await bind(t, 'gate');
    expect(await token(t, worker, { scope: 'admin' })).toMatchObject({ status: 400, body: { error: 'invalid_scope', error_description: 'admin is not for machines' } });
    expect(await token(t, worker)).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'no region' } });
    const server = await token(t, worker, { scope: 'x' });
    expect(server).toMatchObject({ status: 500, body: { error: 'server_error', error_description: 'no region' } });
    expect(server.body).not.toHaveProperty('access_token');
  });

  test('a failing Action fails the request with server_error; the tenant keeps serving', async () => {
    const { t, worker } = await setUp();
    await deployExchange(t, 'crashes', exchange('if (event.request.body.scope === "exit") process.exit(1); throw new Error("CRM down");'));
    await bind(t, 'crashes');
    expect(await token(t, worker)).toMatchObject({ status: 500, body: { error: 'server_error', error_description: 'The credentials-exchange Action "crashes" failed: CRM down' } });
    expect(await token(t, worker, { scope: 'exit' })).toMatchObject({ status: 500, body: { error: 'server_error', error_description: expect.stringMatching(/called process\.exit\(1\)/) } });
    await bind(t);
    expect((await token(t, worker)).status).toBe(200);
  });

  test('the event: the client and its metadata, the API, requested and issued scopes, the POST body without the secret', async () => {
    const { t, worker } = await setUp({ metadata: { tenant_id: 't-7', tier: 'gold' } });
    await deployExchange(t, 'probe', exchange(`api.accessToken.setCustomClaim("${NS}event", { client: event.client, aud: event.resource_server.identifier, requested: event.transaction.requested_scopes, scope: event.accessToken.scope, body: event.request.body, ua: event.request.user_agent, method: event.request.method, tenant: event.tenant.id });`));
    await bind(t, 'probe');
    const res = await token(t, worker, { scope: 'write:reports nope' }, { 'user-agent': 'billing-sync/2.1' });
    const claims = await verified(t, res.body.access_token);
    expect(claims[`${NS}event`]).toEqual({
      client: { client_id: worker.client_id, name: 'Claims Demo Worker', metadata: { tenant_id: 't-7', tier: 'gold' } },
      aud: API,
      requested: ['write:reports', 'nope'],
      scope: ['write:reports'],
      body: { grant_type: 'client_credentials', client_id: worker.client_id, audience: API, scope: 'write:reports nope' },
      ua: 'billing-sync/2.1',
      method: 'POST',
      tenant: 'claimkit-local',
    });
    expect(JSON.stringify(claims)).not.toContain(worker.client_secret);
  });

  test('the deployed version runs, not a later draft', async () => {
    const { t, worker } = await setUp();
    const id = await deployExchange(t, 'versioned', exchange(`api.accessToken.setCustomClaim("${NS}v", 1);`));
    await bind(t, 'versioned');
    expect((await t.call('PATCH', `/api/v2/actions/actions/${id}`, { code: exchange(`api.accessToken.setCustomClaim("${NS}v", 2);`) })).status).toBe(200);
    t.clock.now += 1000;
    expect((await verified(t, (await token(t, worker)).body.access_token))[`${NS}v`]).toBe(1);
    expect((await t.call('POST', `/api/v2/actions/actions/${id}/deploy`)).status).toBe(200);
    expect((await verified(t, (await token(t, worker)).body.access_token))[`${NS}v`]).toBe(2);
  });

  test('Management API tokens carry no custom claims; the tenant\'s own deploy client is never subject to the Actions', async () => {
    const { t, worker } = await setUp();
    await t.tenant.store.write(() => (d) => void d.grants.push({ id: 'cgr_mgmt', client_id: worker.client_id, audience: MANAGEMENT_AUDIENCE, scope: ['read:actions'] }));
    await deployExchange(t, 'deny-all', exchange(`if (event.resource_server.identifier.endsWith("/api/v2/")) { api.accessToken.setCustomClaim("${NS}x", 1); return; } api.access.deny("invalid_request", "closed");`));
    await bind(t, 'deny-all');
    const mgmt = await token(t, worker, { audience: MANAGEMENT_API });
    expect(mgmt.status).toBe(200);
    const claims = await verified(t, mgmt.body.access_token, MANAGEMENT_API);
    expect(Object.keys(claims).filter((k) => k.startsWith(NS))).toEqual([]);
    const bootstrap = t.tenant.store.data.clients[0] as { client_id: string; client_secret: string };
    const own = await token(t, bootstrap, { audience: MANAGEMENT_API });
    expect(own.status).toBe(200);
    expect((await t.call('GET', '/api/v2/actions/actions', undefined, { token: String(own.body.access_token) })).status).toBe(200);
  });

  test('without bindings the token is as before: no custom claims', async () => {
    const { t, worker } = await setUp();
    const claims = await verified(t, (await token(t, worker)).body.access_token);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'azp', 'exp', 'gty', 'iat', 'iss', 'scope', 'sub']);
  });
});

describe('credentials-exchange Actions on the Management API', () => {
  test('a build checks onExecuteCredentialsExchange; the test endpoint runs the machine event', async () => {
    const { t } = await setUp();
    const wrong = await t.call('POST', '/api/v2/actions/actions', { name: 'login-code', code: 'exports.onExecutePostLogin = async () => {};', supported_triggers: [{ id: 'credentials-exchange', version: 'v2' }] });
    t.clock.now += 1000;
    const built = await t.call('GET', `/api/v2/actions/actions/${wrong.body.id}`);
    expect(built.body.status).toBe('failed');
    const id = await deployExchange(t, 'tester', exchange(`api.accessToken.setCustomClaim("${NS}tenant_id", event.client.metadata.tenant_id || "none");`));
    const tested = await t.call('POST', `/api/v2/actions/actions/${id}/test`, { payload: { client: { metadata: { tenant_id: 't-9' } } } });
    expect(tested.status).toBe(200);
    expect(tested.body.payload).toMatchObject({ outcome: 'success', accessToken: { claims: { [`${NS}tenant_id`]: 't-9' }, scope: ['read:reports'] } });
  });
});
