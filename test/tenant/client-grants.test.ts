// Client grants and tenant settings on the local tenant, in Auth0's wire format.
import { MANAGEMENT_AUDIENCE } from '../../src/tenant/store/model.ts';
import { AUDIENCE, testTenant, type TestTenant } from './helpers.ts';

async function withWorker(): Promise<{ t: TestTenant; clientId: string }> {
  const t = await testTenant();
  expect((await t.call('POST', '/api/v2/resource-servers', { name: 'API', identifier: 'https://api.example.com', scopes: [{ value: 'read:reports' }] })).status).toBe(201);
  const client = await t.call('POST', '/api/v2/clients', { name: 'Worker', app_type: 'non_interactive' });
  return { t, clientId: String(client.body.client_id) };
}

describe('client grants', () => {
  test('create, list (checkpoint and offset pages), filter, get, update, delete', async () => {
    const { t, clientId } = await withWorker();
    const created = await t.call('POST', '/api/v2/client-grants', { client_id: clientId, audience: 'https://api.example.com', scope: ['read:reports'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ client_id: clientId, audience: 'https://api.example.com', scope: ['read:reports'] });
    const id = String(created.body.id);
    expect(id).toMatch(/^cgr_[A-Za-z0-9]{16}$/);

    // The tenant's own grant is listed with the Management API's real audience, never the stored placeholder.
    const checkpoint = await t.call('GET', '/api/v2/client-grants?include_totals=true&take=1');
    expect(checkpoint.body.client_grants).toHaveLength(1);
    expect(typeof checkpoint.body.next).toBe('string');
    const rest = await t.call('GET', `/api/v2/client-grants?take=50&from=${String(checkpoint.body.next)}`);
    expect(rest.body).not.toHaveProperty('next');
    const audiences = [...(checkpoint.body.client_grants as unknown as Array<{ audience: string }>), ...(rest.body.client_grants as unknown as Array<{ audience: string }>)].map((g) => g.audience);
    expect(audiences.sort()).toEqual([AUDIENCE, 'https://api.example.com']);
    expect(JSON.stringify(rest.body)).not.toContain(MANAGEMENT_AUDIENCE);
    expect((await t.call('GET', '/api/v2/client-grants?page=0&per_page=10&include_totals=true')).body).toMatchObject({ total: 2, start: 0, limit: 10 });
    expect((await t.call('GET', `/api/v2/client-grants?audience=${encodeURIComponent(AUDIENCE)}`)).body).toHaveLength(1);
    expect((await t.call('GET', `/api/v2/client-grants?client_id=${clientId}`)).body).toMatchObject([{ id }]);

    expect((await t.call('PATCH', `/api/v2/client-grants/${id}`, { scope: ['read:reports', 'write:reports'] })).body.scope).toEqual(['read:reports', 'write:reports']);
    expect((await t.call('GET', `/api/v2/client-grants/${id}`)).body.scope).toEqual(['read:reports', 'write:reports']);
    expect((await t.call('DELETE', `/api/v2/client-grants/${id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v2/client-grants/${id}`)).status).toBe(404);
  });

  test('refuses what Auth0 refuses: unknown client or API, a duplicate, read-only fields, bad enums and types', async () => {
    const { t, clientId } = await withWorker();
    const grant = { client_id: clientId, audience: 'https://api.example.com', scope: ['read:reports'] };
    expect((await t.call('POST', '/api/v2/client-grants', { ...grant, client_id: 'nope' })).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_client' });
    expect((await t.call('POST', '/api/v2/client-grants', { ...grant, audience: 'https://other' })).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_resource_server' });
    const id = String((await t.call('POST', '/api/v2/client-grants', grant)).body.id);
    expect((await t.call('POST', '/api/v2/client-grants', grant)).body).toMatchObject({ statusCode: 409, errorCode: 'client_grant_conflict' });
    expect((await t.call('PATCH', `/api/v2/client-grants/${id}`, { audience: 'https://x' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/client-grants', { ...grant, organization_usage: 'sometimes' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/client-grants', { ...grant, scope: 'read:reports' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/client-grants', { audience: 'https://api.example.com' })).body.message).toBe("Payload validation error: 'Missing required property: client_id'.");
    expect((await t.call('GET', '/api/v2/client-grants?take=1&from=not-a-token')).status).toBe(400);
  });

  test("the tenant's own Management API grant cannot be changed or deleted; deleting a client deletes its grants", async () => {
    const { t, clientId } = await withWorker();
    const own = t.tenant.store.data.grants.find((g) => g.client_id === t.tenant.store.data.bootstrapClientId);
    expect((await t.call('DELETE', `/api/v2/client-grants/${own?.id}`)).body).toMatchObject({ statusCode: 400, errorCode: 'operation_not_supported' });
    expect((await t.call('PATCH', `/api/v2/client-grants/${own?.id}`, { scope: [] })).status).toBe(400);
    await t.call('POST', '/api/v2/client-grants', { client_id: clientId, audience: 'https://api.example.com', scope: [] });
    expect((await t.call('DELETE', `/api/v2/clients/${clientId}`)).status).toBe(204);
    expect(t.tenant.store.data.grants.map((g) => g.client_id)).toEqual([t.tenant.store.data.bootstrapClientId]);
  });

  test('needs the client grant scopes', async () => {
    const { t } = await withWorker();
    const token = await t.token(['read:client_grants']);
    expect((await t.call('GET', '/api/v2/client-grants', undefined, { token })).status).toBe(200);
    expect((await t.call('POST', '/api/v2/client-grants', { client_id: 'x', audience: 'y' }, { token })).body).toMatchObject({ statusCode: 403, message: 'Insufficient scope, expected any of: create:client_grants' });
  });
});

describe('tenant settings', () => {
  test('GET answers a new tenant’s defaults; PATCH sets what it names, flags one by one, lifetimes in minutes become hours', async () => {
    const t = await testTenant();
    expect((await t.call('GET', '/api/v2/tenants/settings')).body).toMatchObject({ session_lifetime: 168, idle_session_lifetime: 72, flags: {} });
    await t.call('PATCH', '/api/v2/tenants/settings', { friendly_name: 'Acme', flags: { enable_client_connections: false } });
    const patched = await t.call('PATCH', '/api/v2/tenants/settings', { flags: { allow_legacy_delegation_grant_types: true }, session_lifetime_in_minutes: 90 });
    expect(patched.body).toMatchObject({ friendly_name: 'Acme', session_lifetime: 1.5, flags: { enable_client_connections: false, allow_legacy_delegation_grant_types: true } });
    expect(patched.body).not.toHaveProperty('session_lifetime_in_minutes');
    expect((await t.call('GET', '/api/v2/tenants/settings')).body).toEqual(patched.body);
  });

  test('refuses unknown fields, wrong types and both forms of a lifetime', async () => {
    const t = await testTenant();
    expect((await t.call('PATCH', '/api/v2/tenants/settings', { friendly_nam: 'x' })).body.message).toBe("Payload validation error: 'Additional properties not allowed: friendly_nam'.");
    expect((await t.call('PATCH', '/api/v2/tenants/settings', { session_lifetime: '48' })).status).toBe(400);
    expect((await t.call('PATCH', '/api/v2/tenants/settings', { session_lifetime: 1, session_lifetime_in_minutes: 60 })).status).toBe(400);
    expect(t.tenant.store.data.tenantSettings).toEqual({});
  });
});
