import { SCOPES } from '../../src/tenant/management/scopes.ts';
import { AUDIENCE, testTenant, type TestTenant } from './helpers.ts';

const API = {
  name: 'Claims Demo API',
  identifier: 'https://api.example.com',
  scopes: [
    { value: 'read:reports', description: 'Read reports' },
    { value: 'write:reports', description: 'Write reports' },
  ],
};
const READ = { permission_name: 'read:reports', resource_server_identifier: 'https://api.example.com' };
const WRITE = { permission_name: 'write:reports', resource_server_identifier: 'https://api.example.com' };

async function withApi(): Promise<TestTenant> {
  const t = await testTenant();
  expect((await t.call('POST', '/api/v2/resource-servers', API)).status).toBe(201);
  return t;
}

describe('resource servers', () => {
  test('the Auth0 Management API is always there, and cannot be changed or deleted', async () => {
    const t = await testTenant();
    const list = await t.call('GET', '/api/v2/resource-servers?page=0&per_page=100&include_totals=true');
    expect(list.body).toMatchObject({ start: 0, limit: 100, total: 1, resource_servers: [{ name: 'Auth0 Management API', identifier: AUDIENCE, is_system: true }] });
    const id = String(list.body.resource_servers?.[0]?.id);
    expect((await t.call('PATCH', `/api/v2/resource-servers/${id}`, { name: 'x' })).status).toBe(403);
    expect((await t.call('DELETE', `/api/v2/resource-servers/${id}`)).status).toBe(403);
    expect(Array.isArray((await t.call('GET', '/api/v2/resource-servers')).body)).toBe(true); // no include_totals: a bare array
  });

  test('create, get by id or identifier, update, conflict, delete', async () => {
    const t = await testTenant();
    const created = await t.call('POST', '/api/v2/resource-servers', { ...API, token_dialect: 'access_token_authz', enforce_policies: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...API, signing_alg: 'RS256', token_lifetime: 86400, token_dialect: 'access_token_authz' });
    const id = String(created.body.id);
    expect((await t.call('GET', `/api/v2/resource-servers/${encodeURIComponent(API.identifier)}`)).body.id).toBe(id);
    expect((await t.call('PATCH', `/api/v2/resource-servers/${id}`, { token_lifetime: 600 })).body.token_lifetime).toBe(600);
    expect((await t.call('PATCH', `/api/v2/resource-servers/${id}`, { identifier: 'https://other' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/resource-servers', API)).status).toBe(409);
    expect((await t.call('POST', '/api/v2/resource-servers', { name: 'no identifier' })).body.message).toBe("Payload validation error: 'Missing required property: identifier'.");
    expect((await t.call('DELETE', `/api/v2/resource-servers/${id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v2/resource-servers/${id}`)).status).toBe(404);
  });
});

describe('roles and permissions', () => {
  test('create, list (offset pages), get, update, conflict, delete', async () => {
    const t = await testTenant();
    const created = await t.call('POST', '/api/v2/roles', { name: 'reports-admin', description: 'Can read and write reports' });
    expect(created.status).toBe(200);
    expect(String(created.body.id)).toMatch(/^rol_[A-Za-z0-9]{16}$/);
    await t.call('POST', '/api/v2/roles', { name: 'viewer' });
    const list = await t.call('GET', '/api/v2/roles?per_page=1&page=1&include_totals=true&type=tenant');
    expect(list.body).toMatchObject({ start: 1, limit: 1, total: 2, roles: [{ name: 'viewer' }] });
    expect((await t.call('GET', '/api/v2/roles?name_filter=REPORTS')).body).toMatchObject([{ name: 'reports-admin' }]);
    expect((await t.call('POST', '/api/v2/roles', { name: 'viewer' })).status).toBe(409);
    const id = String(created.body.id);
    expect((await t.call('PATCH', `/api/v2/roles/${id}`, { description: 'changed' })).body).toMatchObject({ name: 'reports-admin', description: 'changed' });
    expect((await t.call('DELETE', `/api/v2/roles/${id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v2/roles/${id}`)).body).toMatchObject({ statusCode: 404, message: 'The role does not exist.' });
  });

  test('permissions: add (201), list with resource server names, remove (204); unknown scopes are refused', async () => {
    const t = await withApi();
    const { body } = await t.call('POST', '/api/v2/roles', { name: 'reports-admin' });
    const path = `/api/v2/roles/${body.id}/permissions`;
    expect((await t.call('POST', path, { permissions: [READ, WRITE] })).status).toBe(201);
    const listed = await t.call('GET', `${path}?per_page=100&page=0&include_totals=true`);
    expect(listed.body).toMatchObject({ total: 2, permissions: [{ ...READ, resource_server_name: 'Claims Demo API', description: 'Read reports' }, WRITE] });
    expect((await t.call('DELETE', path, { permissions: [READ] })).status).toBe(204);
    expect((await t.call('GET', path)).body).toEqual([{ ...WRITE, resource_server_name: 'Claims Demo API', description: 'Write reports' }]);
    expect((await t.call('POST', path, { permissions: [{ ...READ, permission_name: 'delete:everything' }] })).status).toBe(400);
    expect((await t.call('POST', path, { permissions: [{ ...READ, resource_server_identifier: 'https://nowhere' }] })).status).toBe(404);
  });
});

describe('clients', () => {
  test('the bootstrap client is listed; secrets only with read:client_keys; CRUD', async () => {
    const t = await testTenant();
    const list = await t.call('GET', '/api/v2/clients?page=0&per_page=100&include_totals=true&is_global=false');
    expect(list.body).toMatchObject({ total: 1, clients: [{ app_type: 'non_interactive', client_secret: expect.any(String) }] });
    const created = await t.call('POST', '/api/v2/clients', { name: 'Claims Demo SPA', app_type: 'spa', callbacks: ['http://localhost:3000/callback'], token_endpoint_auth_method: 'none' });
    expect(created.status).toBe(201);
    expect(String(created.body.client_id)).toHaveLength(32);
    const id = String(created.body.client_id);
    const readOnly = await t.token([SCOPES.readClients]);
    expect((await t.call('GET', `/api/v2/clients/${id}`, undefined, { token: readOnly })).body).not.toHaveProperty('client_secret');
    expect((await t.call('PATCH', `/api/v2/clients/${id}`, { callbacks: ['http://localhost:4000/cb'] })).body.callbacks).toEqual(['http://localhost:4000/cb']);
    expect((await t.call('PATCH', `/api/v2/clients/${id}`, { callbacks: 'not-a-list' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/clients', { app_type: 'spa' })).status).toBe(400);
    expect((await t.call('DELETE', `/api/v2/clients/${id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v2/clients/${id}`)).status).toBe(404);
    expect((await t.call('DELETE', `/api/v2/clients/${t.tenant.store.data.bootstrapClientId}`)).status).toBe(400);
  });
});

describe('users and user roles', () => {
  const NEW_USER = { email: 'Ada@Example.com', password: 'Passw0rd!x', connection: 'Username-Password-Authentication', app_metadata: { tenant_id: 't1', plan: 'pro' }, user_metadata: { lang: 'en' } };

  test('create, get, list, update with metadata merge, delete; the password never comes back', async () => {
    const t = await testTenant();
    const created = await t.call('POST', '/api/v2/users', NEW_USER);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ada@example.com', email_verified: false, app_metadata: { tenant_id: 't1' }, identities: [{ connection: 'Username-Password-Authentication', provider: 'auth0', isSocial: false }] });
    expect(JSON.stringify(created.body)).not.toMatch(/password|Passw0rd/);
    const id = String(created.body.user_id);
    expect(id).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect((await t.call('GET', `/api/v2/users/${encodeURIComponent(id)}`)).body.user_id).toBe(id);
    expect((await t.call('GET', '/api/v2/users?include_totals=true')).body).toMatchObject({ start: 0, limit: 50, length: 1, total: 1 });
    expect((await t.call('GET', '/api/v2/users-by-email?email=ADA@example.com')).body).toMatchObject([{ user_id: id }]);
    const patched = await t.call('PATCH', `/api/v2/users/${encodeURIComponent(id)}`, { app_metadata: { plan: null, region: 'eu' }, user_metadata: { theme: 'dark' } });
    expect(patched.body).toMatchObject({ app_metadata: { tenant_id: 't1', region: 'eu' }, user_metadata: { lang: 'en', theme: 'dark' } });
    expect(patched.body.app_metadata).not.toHaveProperty('plan');
    expect((await t.call('DELETE', `/api/v2/users/${encodeURIComponent(id)}`)).status).toBe(204);
    expect((await t.call('GET', `/api/v2/users/${encodeURIComponent(id)}`)).body).toMatchObject({ statusCode: 404, message: 'The user does not exist.' });
  });

  test('weak passwords, bad emails, unknown connections and duplicates are refused', async () => {
    const t = await testTenant();
    expect((await t.call('POST', '/api/v2/users', { ...NEW_USER, password: 'short' })).body.message).toBe('PasswordStrengthError: Password is too weak');
    expect((await t.call('POST', '/api/v2/users', { ...NEW_USER, email: 'not-an-email' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/users', { ...NEW_USER, connection: 'google-oauth2' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/users', { email: 'x@example.com', password: 'Passw0rd!x' })).body.message).toBe("Payload validation error: 'Missing required property: connection'.");
    expect((await t.call('POST', '/api/v2/users', NEW_USER)).status).toBe(201);
    expect((await t.call('POST', '/api/v2/users', NEW_USER)).body).toMatchObject({ statusCode: 409, message: 'The user already exists.' });
  });

  test('roles can be assigned to and removed from a user', async () => {
    const t = await testTenant();
    const user = await t.call('POST', '/api/v2/users', NEW_USER);
    const role = await t.call('POST', '/api/v2/roles', { name: 'reports-admin' });
    const path = `/api/v2/users/${encodeURIComponent(String(user.body.user_id))}/roles`;
    expect((await t.call('POST', path, { roles: [role.body.id] })).status).toBe(204);
    expect((await t.call('GET', `${path}?include_totals=true`)).body).toMatchObject({ total: 1, roles: [{ name: 'reports-admin' }] });
    expect((await t.call('POST', path, { roles: ['rol_doesnotexist00'] })).status).toBe(404);
    expect((await t.call('DELETE', path, { roles: [role.body.id] })).status).toBe(204);
    expect((await t.call('GET', path)).body).toEqual([]);
  });
});

describe('users of a deleted database connection', () => {
  const NEW_USER = { email: 'ada@example.com', password: 'Passw0rd!x', connection: 'Username-Password-Authentication' };

  test('POST /users on the database connection once it is deleted is a 400 inexistent_connection, no user stored', async () => {
    const t = await testTenant();
    const connections = await t.call('GET', `/api/v2/connections?name=${encodeURIComponent(NEW_USER.connection)}`);
    const id = String((connections.body as unknown as Array<{ id: string }>)[0]?.id);
    expect((await t.call('DELETE', `/api/v2/connections/${id}`)).status).toBe(204);
    const res = await t.call('POST', '/api/v2/users', NEW_USER);
    expect({ status: res.status, errorCode: res.body.errorCode }).toEqual({ status: 400, errorCode: 'inexistent_connection' });
    expect(t.tenant.store.data.users).toEqual([]);
  });
});
