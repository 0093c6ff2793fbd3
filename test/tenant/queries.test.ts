import { postLoginAction, testTenant } from './helpers.ts';

// Query parameters a caller relies on to narrow an answer (q, fields, include_fields): a filter the
// tenant does not apply must never answer as if it had.

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
