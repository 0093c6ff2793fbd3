// Connections and their enabled clients, and organizations with their connections, members, member
// roles and client grants, on the local tenant in Auth0's wire format.
import { DATABASE_CONNECTION } from '../../src/tenant/store/seed.ts';
import { testTenant, type TestTenant } from './helpers.ts';

const client = async (t: TestTenant, name: string) => String((await t.call('POST', '/api/v2/clients', { name })).body.client_id);
const database = (t: TestTenant) => t.tenant.store.data.connections.find((c) => c.name === DATABASE_CONNECTION);

describe('connections', () => {
  test("a new tenant has Auth0's default database; create, list by strategy (checkpoint pages), get, update, delete", async () => {
    const t = await testTenant();
    const spa = await client(t, 'SPA');
    expect((await t.call('GET', '/api/v2/connections?strategy=auth0&take=50')).body).toMatchObject({ connections: [{ name: DATABASE_CONNECTION, strategy: 'auth0' }] });
    const created = await t.call('POST', '/api/v2/connections', { name: 'google-oauth2', strategy: 'google-oauth2', options: { email: true }, enabled_clients: [spa] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'google-oauth2', strategy: 'google-oauth2', options: { email: true }, enabled_clients: [spa], realms: ['google-oauth2'], is_domain_connection: false });
    const id = String(created.body.id);
    expect(id).toMatch(/^con_[A-Za-z0-9]{16}$/);
    const list = await t.call('GET', '/api/v2/connections?include_totals=true&take=1');
    expect(list.body.connections).toHaveLength(1);
    expect(list.body.connections?.[0]).not.toHaveProperty('enabled_clients'); // as Auth0's list answers them
    expect((await t.call('GET', `/api/v2/connections?take=50&from=${String(list.body.next)}`)).body.connections?.[0]?.name).toBe('google-oauth2');
    expect((await t.call('GET', '/api/v2/connections?name=google-oauth2')).body).toMatchObject([{ id }]);
    // PATCH replaces options whole, as Auth0 does; name and strategy never change.
    expect((await t.call('PATCH', `/api/v2/connections/${id}`, { options: { profile: true } })).body.options).toEqual({ profile: true });
    expect((await t.call('PATCH', `/api/v2/connections/${id}`, { name: 'other' })).body.message).toBe("Payload validation error: 'Additional properties not allowed: name'.");
    expect((await t.call('DELETE', `/api/v2/connections/${id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v2/connections/${id}`)).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_connection' });
  });

  test('enabled clients: listed in pages, enabled and disabled by PATCH of {client_id, status} changes', async () => {
    const t = await testTenant();
    const [a, b] = [await client(t, 'A'), await client(t, 'B')];
    const id = String(database(t)?.id);
    expect((await t.call('PATCH', `/api/v2/connections/${id}/clients`, [{ client_id: a, status: true }, { client_id: b, status: true }])).status).toBe(204);
    const first = await t.call('GET', `/api/v2/connections/${id}/clients?take=1`);
    expect(first.body.clients).toEqual([{ client_id: a }]);
    expect((await t.call('GET', `/api/v2/connections/${id}/clients?take=1&from=${String(first.body.next)}`)).body).toEqual({ clients: [{ client_id: b }] });
    await t.call('PATCH', `/api/v2/connections/${id}/clients`, [{ client_id: a, status: false }]);
    expect(database(t)?.enabled_clients).toEqual([b]);
    // Deleting a client takes it off every connection.
    await t.call('DELETE', `/api/v2/clients/${b}`);
    expect(database(t)?.enabled_clients).toEqual([]);
  });

  test('refuses bad names, strategies, unknown clients, a duplicate and bodies of the wrong shape', async () => {
    const t = await testTenant();
    const id = String(database(t)?.id);
    expect((await t.call('POST', '/api/v2/connections', { name: 'bad name', strategy: 'auth0' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/connections', { name: 'x', strategy: 'made-up' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/connections', { name: DATABASE_CONNECTION, strategy: 'auth0' })).body).toMatchObject({ statusCode: 409, errorCode: 'connection_conflict' });
    expect((await t.call('POST', '/api/v2/connections', { name: 'g', strategy: 'google-oauth2', enabled_clients: ['ghost'] })).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_client' });
    expect((await t.call('PATCH', `/api/v2/connections/${id}/clients`, { client_id: 'x', status: true })).status).toBe(400);
    expect((await t.call('PATCH', `/api/v2/connections/${id}/clients`, [{ client_id: 'ghost', status: true }])).status).toBe(404);
    expect((await t.call('PATCH', `/api/v2/connections/${id}/clients`, Array.from({ length: 51 }, () => ({ client_id: 'x', status: false })))).status).toBe(400);
    expect(database(t)?.enabled_clients).toEqual([]);
  });
});

describe('organizations', () => {
  test('create, list, get by id and by name, update, delete', async () => {
    const t = await testTenant();
    const created = await t.call('POST', '/api/v2/organizations', { name: 'acme', display_name: 'Acme Inc.', metadata: { plan: 'gold' }, enabled_connections: [{ connection_id: database(t)?.id, assign_membership_on_login: true }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'acme', display_name: 'Acme Inc.', metadata: { plan: 'gold' } });
    const id = String(created.body.id);
    expect(id).toMatch(/^org_/);
    expect((await t.call('GET', '/api/v2/organizations?include_totals=true&take=50')).body).toMatchObject({ organizations: [{ id }] });
    expect((await t.call('GET', '/api/v2/organizations/name/acme')).body.id).toBe(id);
    expect((await t.call('PATCH', `/api/v2/organizations/${id}`, { display_name: 'ACME' })).body.display_name).toBe('ACME');
    expect((await t.call('GET', `/api/v2/organizations/${id}/enabled_connections`)).body).toMatchObject([{ connection_id: database(t)?.id, assign_membership_on_login: true, connection: { name: DATABASE_CONNECTION, strategy: 'auth0' } }]);
    expect((await t.call('DELETE', `/api/v2/organizations/${id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v2/organizations/${id}`)).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_organization' });
  });

  test('enabled connections under both paths, members and their roles, client grants', async () => {
    const t = await testTenant();
    const org = String((await t.call('POST', '/api/v2/organizations', { name: 'acme' })).body.id);
    const db = String(database(t)?.id);
    expect((await t.call('POST', `/api/v2/organizations/${org}/connections`, { connection_id: db, show_as_button: false })).status).toBe(201);
    expect((await t.call('POST', `/api/v2/organizations/${org}/enabled_connections`, { connection_id: db })).status).toBe(409);
    expect((await t.call('PATCH', `/api/v2/organizations/${org}/enabled_connections/${db}`, { assign_membership_on_login: true })).body).toMatchObject({ assign_membership_on_login: true, show_as_button: false, is_enabled: true });
    expect((await t.call('GET', `/api/v2/organizations/${org}/connections?include_totals=true`)).body).toMatchObject({ total: 1, connections: [{ connection_id: db, assign_membership_on_login: true }] });

    const user = await t.call('POST', '/api/v2/users', { connection: DATABASE_CONNECTION, email: 'ann@example.com', password: 'Passw0rd!x' });
    const userId = String(user.body.user_id);
    const role = String((await t.call('POST', '/api/v2/roles', { name: 'org-admin' })).body.id);
    expect((await t.call('POST', `/api/v2/organizations/${org}/members`, { members: [userId] })).status).toBe(204);
    expect((await t.call('POST', `/api/v2/organizations/${org}/members`, { members: ['auth0|ghost'] })).status).toBe(404);
    expect((await t.call('POST', `/api/v2/organizations/${org}/members/${encodeURIComponent(userId)}/roles`, { roles: [role] })).status).toBe(204);
    expect((await t.call('GET', `/api/v2/organizations/${org}/members/${encodeURIComponent(userId)}/roles`)).body).toMatchObject([{ id: role, name: 'org-admin' }]);
    expect((await t.call('GET', `/api/v2/organizations/${org}/members?take=50`)).body).toMatchObject({ members: [{ user_id: userId, email: 'ann@example.com', roles: [{ id: role, name: 'org-admin' }] }] });
    // Deleting the role or the user takes them out of the organization.
    await t.call('DELETE', `/api/v2/roles/${role}`);
    expect((await t.call('GET', `/api/v2/organizations/${org}/members/${encodeURIComponent(userId)}/roles`)).body).toEqual([]);
    await t.call('DELETE', `/api/v2/users/${encodeURIComponent(userId)}`);
    expect((await t.call('GET', `/api/v2/organizations/${org}/members`)).body).toEqual([]);

    const worker = await client(t, 'Worker');
    await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://api.example.com' });
    const grant = String((await t.call('POST', '/api/v2/client-grants', { client_id: worker, audience: 'https://api.example.com', scope: [] })).body.id);
    expect((await t.call('POST', `/api/v2/organizations/${org}/client-grants`, { grant_id: grant })).status).toBe(201);
    expect((await t.call('GET', `/api/v2/organizations/${org}/client-grants`)).body).toMatchObject([{ id: grant, client_id: worker }]);
    expect((await t.call('DELETE', `/api/v2/organizations/${org}/client-grants/${grant}`)).status).toBe(204);
    expect((await t.call('DELETE', `/api/v2/organizations/${org}/connections/${db}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v2/organizations/${org}/enabled_connections`)).body).toEqual([]);
  });

  test('refuses bad names, metadata that is not strings, a duplicate and unknown connections', async () => {
    const t = await testTenant();
    expect((await t.call('POST', '/api/v2/organizations', { name: 'Acme Inc' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/organizations', { name: 'acme', metadata: { n: 1 } })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/organizations', { name: 'acme', metadata: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, 'v'])) })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/organizations', { name: 'acme', enabled_connections: [{ connection_id: 'con_ghost' }] })).status).toBe(404);
    expect((await t.call('POST', '/api/v2/organizations', { name: 'acme' })).status).toBe(201);
    expect((await t.call('POST', '/api/v2/organizations', { name: 'acme' })).status).toBe(409);
    expect(t.tenant.store.data.organizations).toHaveLength(1);
  });
});

describe("an organization's client grants when the grant goes away with its client or API", () => {
  test('deleting the client or the resource server takes its grants out of every organization', async () => {
    const t = await testTenant();
    const org = String((await t.call('POST', '/api/v2/organizations', { name: 'acme' })).body.id);
    await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://api.example.com' });
    const rs = await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://other.example.com' });
    const worker = await client(t, 'Worker');
    const other = await client(t, 'Other');
    const byClient = String((await t.call('POST', '/api/v2/client-grants', { client_id: worker, audience: 'https://api.example.com', scope: [] })).body.id);
    const byApi = String((await t.call('POST', '/api/v2/client-grants', { client_id: other, audience: 'https://other.example.com', scope: [] })).body.id);
    for (const grant of [byClient, byApi]) expect((await t.call('POST', `/api/v2/organizations/${org}/client-grants`, { grant_id: grant })).status).toBe(201);
    expect((await t.call('DELETE', `/api/v2/clients/${worker}`)).status).toBe(204);
    expect((await t.call('DELETE', `/api/v2/resource-servers/${String(rs.body.id)}`)).status).toBe(204);
    expect(t.tenant.store.data.organizations[0]?.client_grants).toEqual([]);
    for (const grant of [byClient, byApi]) {
      const res = await t.call('DELETE', `/api/v2/organizations/${org}/client-grants/${grant}`);
      expect({ status: res.status, errorCode: res.body.errorCode }).toEqual({ status: 404, errorCode: 'inexistent_organization_client_grant' });
    }
  });
});
