// Hostile bodies on the write routes of the sections a full tenant.yaml needs (client grants,
// connections, tenant settings, organizations, documents): each is a 400 before anything changes.
import { DATABASE_CONNECTION } from '../../src/tenant/store/seed.ts';
import { testTenant } from './helpers.ts';

const nest = (k: number) => `${'{"a":'.repeat(k - 1)}{}${'}'.repeat(k - 1)}`;
const deep = (body: Record<string, unknown>, key: string) => JSON.stringify({ ...body, [key]: '@DEEP@' }).replace('"@DEEP@"', nest(5000));
const poisoned = (body: Record<string, unknown>, key: string) => JSON.stringify({ ...body, [key]: { safe: 1 } }).replace('"safe"', '"__proto__"');

test('deep and prototype-polluting bodies are refused on every new write route, and nothing changes', async () => {
  const t = await testTenant({ buildDelayMs: 0 });
  const clientId = String((await t.call('POST', '/api/v2/clients', { name: 'Worker' })).body.client_id);
  await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://api.example.com' });
  const grantId = String((await t.call('POST', '/api/v2/client-grants', { client_id: clientId, audience: 'https://api.example.com', scope: [] })).body.id);
  const connectionId = String(t.tenant.store.data.connections.find((c) => c.name === DATABASE_CONNECTION)?.id);
  const orgId = String((await t.call('POST', '/api/v2/organizations', { name: 'acme' })).body.id);
  const streamId = String((await t.call('POST', '/api/v2/log-streams', { name: 's', type: 'http' })).body.id);
  const before = JSON.stringify(t.tenant.store.data);
  const routes: Array<[string, string, Record<string, unknown>, string]> = [
    ['POST', '/api/v2/client-grants', { client_id: clientId, audience: 'https://api.example.com' }, 'scope'],
    ['PATCH', `/api/v2/client-grants/${grantId}`, {}, 'scope'],
    ['POST', '/api/v2/connections', { name: 'c2', strategy: 'auth0' }, 'options'],
    ['PATCH', `/api/v2/connections/${connectionId}`, {}, 'options'],
    ['PATCH', '/api/v2/tenants/settings', {}, 'flags'],
    ['POST', '/api/v2/organizations', { name: 'org2' }, 'branding'],
    ['PATCH', `/api/v2/organizations/${orgId}`, {}, 'metadata'],
    ['POST', `/api/v2/organizations/${orgId}/connections`, { connection_id: connectionId }, 'x'],
    ['POST', `/api/v2/organizations/${orgId}/members`, { members: [] }, 'x'],
    ['POST', `/api/v2/organizations/${orgId}/client-grants`, { grant_id: grantId }, 'x'],
    ['PATCH', '/api/v2/branding', {}, 'colors'],
    ['PUT', '/api/v2/prompts/login/partials', {}, 'x'],
    ['POST', '/api/v2/log-streams', { name: 's2', type: 'http' }, 'sink'],
    ['PATCH', `/api/v2/log-streams/${streamId}`, {}, 'sink'],
  ];
  for (const [method, path, body, key] of routes) {
    for (const text of [deep(body, key), poisoned(body, key)]) {
      const res = await t.call(method, path, text);
      expect({ method, path, status: res.status, errorCode: res.body.errorCode }).toEqual({ method, path, status: 400, errorCode: 'invalid_body' });
    }
  }
  // A JSON array where an object belongs (and the reverse) is a 400 too.
  expect((await t.call('PATCH', '/api/v2/tenants/settings', '[]')).status).toBe(400);
  expect((await t.call('PATCH', `/api/v2/connections/${connectionId}/clients`, '{"client_id":"x"}')).status).toBe(400);
  expect(JSON.stringify(t.tenant.store.data)).toBe(before);
});
