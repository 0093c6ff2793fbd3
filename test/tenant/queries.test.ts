import { SCOPES } from '../../src/tenant/management/scopes.ts';
import { postLoginAction, testTenant, type TestTenant } from './helpers.ts';

// Query parameters a caller relies on to narrow an answer (q, fields, include_fields): a filter the
// tenant does not apply must never answer as if it had.

const CONNECTION = 'Username-Password-Authentication';

async function withUsers(): Promise<{ t: TestTenant; ada: string; bob: string }> {
  const t = await testTenant({ buildDelayMs: 0 });
  const ada = await t.call('POST', '/api/v2/users', { email: 'ada@example.com', password: 'Passw0rd!x', connection: CONNECTION, name: 'Ada Lovelace', app_metadata: { plan: 'pro' } });
  const bob = await t.call('POST', '/api/v2/users', { email: 'bob@other.org', password: 'Passw0rd!x', connection: CONNECTION, app_metadata: { plan: 'free' } });
  return { t, ada: String(ada.body.user_id), bob: String(bob.body.user_id) };
}

const ids = (body: unknown) => (body as Array<{ user_id: string }>).map((u) => u.user_id);

describe('GET /users?q=', () => {
  test('a search for an email no user has finds no user', async () => {
    const { t } = await withUsers();
    const res = await t.call('GET', `/api/v2/users?q=${encodeURIComponent('email:"nobody@example.com"')}&search_engine=v3`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    const totals = await t.call('GET', `/api/v2/users?q=${encodeURIComponent('email:"nobody@example.com"')}&include_totals=true`);
    expect(totals.body).toMatchObject({ users: [], total: 0, length: 0 });
  });

  test('terms on top-level fields and metadata, quoted or bare, joined by AND, with a trailing * for a prefix', async () => {
    const { t, ada, bob } = await withUsers();
    const search = async (q: string) => ids((await t.call('GET', `/api/v2/users?q=${encodeURIComponent(q)}`)).body);
    expect(await search('email:"ADA@example.com"')).toEqual([ada]);
    expect(await search(`user_id:"${bob}"`)).toEqual([bob]);
    expect(await search('app_metadata.plan:free')).toEqual([bob]);
    expect(await search('email:*')).toEqual([ada, bob]);
    expect(await search('email:ada*')).toEqual([ada]);
    expect(await search('name:"Ada Lovelace" AND app_metadata.plan:pro')).toEqual([ada]);
    expect(await search('name:"Ada Lovelace" app_metadata.plan:free')).toEqual([]);
  });

  test('a query the local tenant cannot answer is a 400 invalid_query_string, never every user', async () => {
    const { t } = await withUsers();
    for (const q of ['email:a@example.com OR email:b@other.org', 'NOT email:x', '(email:x)', 'logins_count:[1 TO 5]', 'ada', 'email:"unterminated', 'email:a*b']) {
      const res = await t.call('GET', `/api/v2/users?q=${encodeURIComponent(q)}`);
      expect({ q, status: res.status, errorCode: res.body.errorCode }).toEqual({ q, status: 400, errorCode: 'invalid_query_string' });
    }
  });
});

describe('fields and include_fields', () => {
  test('GET /clients and /clients/{id} keep only the fields asked for, or leave them out', async () => {
    const t = await testTenant({ buildDelayMs: 0 });
    const created = await t.call('POST', '/api/v2/clients', { name: 'c1', app_type: 'spa' });
    const id = String(created.body.client_id);
    const list = await t.call('GET', '/api/v2/clients?fields=client_id,name&include_fields=true');
    for (const client of list.body as unknown as Array<Record<string, unknown>>) expect(Object.keys(client).sort()).toEqual(['client_id', 'name']);
    const one = await t.call('GET', `/api/v2/clients/${id}?fields=name,client_secret,app_type&include_fields=false`);
    expect(one.body.client_id).toBe(id);
    expect(one.body).not.toHaveProperty('name');
    expect(one.body).not.toHaveProperty('client_secret');
    expect(one.body).not.toHaveProperty('app_type');
  });

  test('asking for client_secret in fields shows it only to a token with read:client_keys', async () => {
    const t = await testTenant({ buildDelayMs: 0 });
    const id = String((await t.call('POST', '/api/v2/clients', { name: 'c1' })).body.client_id);
    const readOnly = await t.token([SCOPES.readClients]);
    const res = await t.call('GET', `/api/v2/clients/${id}?fields=client_id,client_secret`, undefined, { token: readOnly });
    expect(res.body).toEqual({ client_id: id });
  });

  test('GET /users keeps only the fields asked for', async () => {
    const { t, ada } = await withUsers();
    const res = await t.call('GET', `/api/v2/users?q=${encodeURIComponent('email:ada@example.com')}&fields=user_id,email`);
    expect(res.body).toEqual([{ user_id: ada, email: 'ada@example.com' }]);
    const one = await t.call('GET', `/api/v2/users/${encodeURIComponent(ada)}?fields=app_metadata,identities&include_fields=false`);
    expect(one.body.user_id).toBe(ada);
    expect(one.body).not.toHaveProperty('app_metadata');
    expect(one.body).not.toHaveProperty('identities');
  });

  test('include_fields that is not a boolean is a 400', async () => {
    const t = await testTenant({ buildDelayMs: 0 });
    const res = await t.call('GET', '/api/v2/clients?fields=name&include_fields=yes');
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('invalid_query_string');
  });
});

describe('a name given empty on update is refused as on create', () => {
  test('PATCH roles, Actions and resource servers with name "" is a 400 and changes nothing', async () => {
    const t = await testTenant({ buildDelayMs: 0 });
    const role = await t.call('POST', '/api/v2/roles', { name: 'r1' });
    const action = await t.call('POST', '/api/v2/actions/actions', postLoginAction('a1'));
    const rs = await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://api.example.com', name: 'API' });
    const before = JSON.stringify(t.tenant.store.data);
    for (const path of [`/api/v2/roles/${String(role.body.id)}`, `/api/v2/actions/actions/${String(action.body.id)}`, `/api/v2/resource-servers/${String(rs.body.id)}`]) {
      const res = await t.call('PATCH', path, { name: '' });
      expect({ path, status: res.status, errorCode: res.body.errorCode }).toEqual({ path, status: 400, errorCode: 'invalid_body' });
    }
    const created = await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://other.example.com', name: '' });
    expect(created.status).toBe(400);
    expect(JSON.stringify(t.tenant.store.data)).toBe(before);
  });
});
