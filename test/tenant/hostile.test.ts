import { SignJWT } from 'jose';
import { createHandler } from '../../src/tenant/app.ts';
import { initialData } from '../../src/tenant/store/seed.ts';
import { TenantStore } from '../../src/tenant/store/store.ts';
import { AUDIENCE, ORIGIN, postLoginAction, testTenant, type TestTenant } from './helpers.ts';

// Requests a stranger could send: deep, prototype-polluting, malformed or oversized bodies, tricky
// grant types and forged tokens. Each gets an Auth0-style 4xx and changes nothing.

/** `k` objects nested in one another, as JSON text: {"a":{"a":…{}}}. */
const nest = (k: number) => `${'{"a":'.repeat(k - 1)}{}${'}'.repeat(k - 1)}`;
const DEEP = nest(8000); // the 48 KB body of the issue

const USER = { email: 'ada@example.com', password: 'Passw0rd!x', connection: 'Username-Password-Authentication' };
const withDeep = (body: Record<string, unknown>, key: string) => JSON.stringify({ ...body, [key]: '@DEEP@' }).replace('"@DEEP@"', DEEP);

async function seeded(): Promise<{ t: TestTenant; actionId: string; roleId: string; userId: string; clientId: string; rsId: string; versionId: string }> {
  const t = await testTenant({ buildDelayMs: 0 });
  const action = await t.call('POST', '/api/v2/actions/actions', postLoginAction('a1'));
  const actionId = String(action.body.id);
  const version = await t.call('POST', `/api/v2/actions/actions/${actionId}/deploy`);
  const role = await t.call('POST', '/api/v2/roles', { name: 'r1' });
  const user = await t.call('POST', '/api/v2/users', USER);
  const client = await t.call('POST', '/api/v2/clients', { name: 'c1' });
  const rs = await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://api.example.com', scopes: [{ value: 'read:x' }] });
  return {
    t,
    actionId,
    roleId: String(role.body.id),
    userId: encodeURIComponent(String(user.body.user_id)),
    clientId: String(client.body.client_id),
    rsId: String(rs.body.id),
    versionId: String(version.body.id),
  };
}

describe('request bodies are checked before anything changes', () => {
  test('a body nested 8,000 levels deep is a 400 on every write route, and the tenant keeps writing', async () => {
    const s = await seeded();
    const before = JSON.stringify(s.t.tenant.store.data);
    const perm = { resource_server_identifier: 'https://api.example.com', permission_name: 'read:x' };
    const cases: Array<[string, string, string]> = [
      ['POST', '/api/v2/actions/actions', withDeep({ ...postLoginAction('a2'), supported_triggers: undefined }, 'supported_triggers')],
      ['PATCH', `/api/v2/actions/actions/${s.actionId}`, withDeep({ code: 'x' }, 'modules')],
      ['POST', `/api/v2/actions/actions/${s.actionId}/versions/${s.versionId}/deploy`, withDeep({}, 'update_draft')],
      ['PATCH', '/api/v2/actions/triggers/post-login/bindings', withDeep({}, 'bindings')],
      ['POST', '/api/v2/roles', withDeep({ name: 'r2' }, 'description')],
      ['PATCH', `/api/v2/roles/${s.roleId}`, withDeep({ name: 'r3' }, 'description')],
      ['POST', `/api/v2/roles/${s.roleId}/permissions`, withDeep({ permissions: [perm] }, 'x')],
      ['DELETE', `/api/v2/roles/${s.roleId}/permissions`, withDeep({ permissions: [perm] }, 'x')],
      ['POST', '/api/v2/clients', withDeep({ name: 'c2' }, 'client_metadata')],
      ['PATCH', `/api/v2/clients/${s.clientId}`, withDeep({}, 'client_metadata')],
      ['POST', '/api/v2/resource-servers', withDeep({ identifier: 'https://deep' }, 'options')],
      ['PATCH', `/api/v2/resource-servers/${s.rsId}`, withDeep({}, 'options')],
      ['POST', '/api/v2/users', withDeep({ ...USER, email: 'deep@example.com' }, 'app_metadata')],
      ['PATCH', `/api/v2/users/${s.userId}`, withDeep({}, 'user_metadata')],
      ['POST', `/api/v2/users/${s.userId}/roles`, withDeep({ roles: [s.roleId] }, 'x')],
      ['DELETE', `/api/v2/users/${s.userId}/roles`, withDeep({ roles: [s.roleId] }, 'x')],
    ];
    for (const [method, path, body] of cases) {
      const res = await s.t.call(method, path, body);
      expect({ method, path, status: res.status, errorCode: res.body.errorCode }).toEqual({ method, path, status: 400, errorCode: 'invalid_body' });
      expect(String(res.body.message)).toMatch(/^Payload validation error: 'Too deeply nested: at most 32 levels/);
    }
    expect(JSON.stringify(s.t.tenant.store.data)).toBe(before);
    expect((await s.t.call('POST', '/api/v2/roles', { name: 'after' })).status).toBe(200);
  });

  test('32 levels are accepted, 33 are not; the message names the property', async () => {
    const t = await testTenant();
    const ok = await t.call('POST', '/api/v2/users', withDeep(USER, 'app_metadata').replace(DEEP, nest(31)));
    expect(ok.status).toBe(201);
    const deep = await t.call('POST', '/api/v2/users', withDeep({ ...USER, email: 'b@example.com' }, 'app_metadata').replace(DEEP, nest(32)));
    expect(deep.status).toBe(400);
    expect(deep.body.message).toContain('on property app_metadata.a.a.a');
  });

  test('__proto__, constructor and prototype keys are refused anywhere in a body', async () => {
    const t = await testTenant();
    const client = await t.call('POST', '/api/v2/clients', { name: 'c1' });
    const id = String(client.body.client_id);
    const bodies: Array<[string, string, string, string]> = [
      ['PATCH', `/api/v2/clients/${id}`, '{"__proto__":{"client_secret":"x","polluted":true}}', '__proto__'],
      ['POST', '/api/v2/clients', '{"name":"c2","client_metadata":{"constructor":{"prototype":{"polluted":true}}}}', 'client_metadata.constructor'],
      ['POST', '/api/v2/users', JSON.stringify({ ...USER, app_metadata: { list: [{ prototype: 1 }] } }), 'app_metadata.list[0].prototype'],
    ];
    for (const [method, path, body, where] of bodies) {
      const res = await t.call(method, path, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(`on property ${where}`);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const after = await t.call('GET', `/api/v2/clients/${id}`);
    expect(Object.getPrototypeOf(t.tenant.store.data.clients.find((c) => c.client_id === id))).toBe(Object.prototype);
    expect(after.body).not.toHaveProperty('polluted');
    // An ordinary key that merely contains the word is data like any other.
    expect((await t.call('POST', '/api/v2/users', { ...USER, app_metadata: { constructor_name: 'x' } })).status).toBe(201);
  });

  test('invalid JSON is a 400, a non-JSON content type a 415, a non-object body a 400', async () => {
    const t = await testTenant();
    const bad = await t.call('POST', '/api/v2/roles', '{"name":');
    expect(bad).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Invalid request payload JSON format', errorCode: 'invalid_body' } });
    const text = await t.call('POST', '/api/v2/roles', '{"name":"x"}', { headers: { 'content-type': 'text/plain' } });
    expect(text).toMatchObject({ status: 415, body: { statusCode: 415, error: 'Unsupported Media Type', errorCode: 'unsupported_media_type' } });
    expect((await t.call('POST', '/api/v2/roles', '{"name":"x"}', { headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(200);
    expect((await t.call('POST', '/api/v2/roles', '[1]')).status).toBe(400);
    expect((await t.call('POST', '/api/v2/roles', 'null')).body.message).toContain('found type null');
    expect(t.tenant.store.data.roles.map((r) => r.name)).toEqual(['x']);
  });

  test('a body over the limit is a 413', async () => {
    const t = await testTenant({ bodyLimitBytes: 2048 });
    const res = await t.call('POST', '/api/v2/roles', { name: 'x', description: 'y'.repeat(4096) });
    expect(res).toMatchObject({ status: 413, body: { statusCode: 413, error: 'Request Entity Too Large' } });
    expect(t.tenant.store.data.roles).toEqual([]);
  });
});

describe('/oauth/token grant types', () => {
  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('grant_type=%s with valid credentials is a 400 unsupported_grant_type', async (grant) => {
    const t = await testTenant();
    const c = t.tenant.store.data.clients[0];
    if (!c) throw new Error('no bootstrap client');
    for (const [body, type] of [
      [new URLSearchParams({ grant_type: grant, client_id: c.client_id, client_secret: c.client_secret, audience: AUDIENCE }).toString(), 'application/x-www-form-urlencoded'],
      [JSON.stringify({ grant_type: grant, client_id: c.client_id, client_secret: c.client_secret, audience: AUDIENCE }), 'application/json'],
    ] as const) {
      const res = await t.call('POST', '/oauth/token', body, { token: null, headers: { 'content-type': type } });
      expect(res).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grant}` } });
    }
  });
});

describe('/oauth/token bodies it refuses', () => {
  test.each([
    ['nested 5,000 levels deep', '['.repeat(5000) + ']'.repeat(5000), 'application/json', 400],
    ['with a __proto__ key', '{"grant_type":"password","__proto__":{"admin":true}}', 'application/json', 400],
    ['not JSON', '{"grant_type":', 'application/json', 400],
  ])('a body %s answers in the OAuth shape, invalid_request', async (_what, body, type, status) => {
    const t = await testTenant();
    const res = await t.call('POST', '/oauth/token', body, { token: null, headers: { 'content-type': type } });
    expect(res).toMatchObject({ status, body: { error: 'invalid_request', error_description: expect.any(String) } });
  });
});

describe('Management API tokens signed with the tenant key but not issued by it', () => {
  async function sign(t: TestTenant, claims: { iss?: string; aud?: string; exp?: number | null; sub?: string }): Promise<string> {
    const now = Math.floor(t.clock.now / 1000);
    let jwt = new SignJWT({ scope: 'read:roles', gty: 'client-credentials' }).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: t.tenant.key.kid }).setIssuedAt(now);
    if (claims.iss !== undefined) jwt = jwt.setIssuer(claims.iss);
    if (claims.aud !== undefined) jwt = jwt.setAudience(claims.aud);
    if (claims.sub !== undefined) jwt = jwt.setSubject(claims.sub);
    if (claims.exp !== null) jwt = jwt.setExpirationTime(claims.exp ?? now + 600);
    return jwt.sign(t.tenant.key.privateKey);
  }
  const good = { iss: `${ORIGIN}/`, aud: AUDIENCE, sub: 'x@clients' };

  test('a well-formed token is accepted (the control case)', async () => {
    const t = await testTenant();
    expect((await t.call('GET', '/api/v2/roles', undefined, { token: await sign(t, good) })).status).toBe(200);
  });

  test.each([
    ['a wrong issuer', { ...good, iss: 'https://evil.example.com/' }, 'Bad issuer: https://evil.example.com/'],
    ['no issuer', { aud: good.aud, sub: good.sub }, 'Invalid token: the "iss" claim is missing'],
    ['no expiry', { ...good, exp: null }, 'Invalid token: the "exp" claim is missing'],
    ['no audience', { iss: good.iss, sub: good.sub }, 'Invalid token: the "aud" claim is missing'],
    ['no subject', { iss: good.iss, aud: good.aud }, 'Invalid token: the "sub" claim is missing'],
  ])('%s is a 401', async (_what, claims, message) => {
    const t = await testTenant();
    const res = await t.call('GET', '/api/v2/roles', undefined, { token: await sign(t, claims) });
    expect(res).toMatchObject({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message } });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('a save that fails', () => {
  test('answers 503 write_failed, keeps nothing of the request, and the tenant keeps serving', async () => {
    const disk = { fail: false };
    const store = TenantStore.memory(initialData(), async () => {
      if (disk.fail) throw new Error('ENOSPC: no space left on device');
    });
    const t = await testTenant({ store });
    const reported: unknown[] = [];
    const handler = createHandler(t.tenant, { onError: (err) => reported.push(err) });
    const post = (name: string) =>
      handler(new Request(`${ORIGIN}/api/v2/roles`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name }) }));
    const token = await t.token();
    disk.fail = true;
    const failed = await post('lost');
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable', errorCode: 'write_failed' });
    expect(reported).toHaveLength(1);
    expect((await t.call('GET', '/api/v2/roles')).body).toEqual([]);
    disk.fail = false;
    expect((await post('kept')).status).toBe(200);
    expect((await t.call('GET', '/api/v2/roles')).body).toMatchObject([{ name: 'kept' }]);
  });
});

describe('a client secret that is not a string', () => {
  test('is a 400 on create and update, and the client keeps getting tokens with its secret', async () => {
    const t = await testTenant();
    const created = await t.call('POST', '/api/v2/clients', { name: 'c1', grant_types: ['client_credentials'] });
    const id = String(created.body.client_id);
    const secret = String(created.body.client_secret);
    await t.call('POST', '/api/v2/client-grants', { client_id: id, audience: AUDIENCE, scope: ['read:roles'] });
    for (const client_secret of [{ a: 1 }, 5, ['x'], null, '']) {
      const patched = await t.call('PATCH', `/api/v2/clients/${id}`, { client_secret });
      expect({ client_secret, status: patched.status, errorCode: patched.body.errorCode }).toEqual({ client_secret, status: 400, errorCode: 'invalid_body' });
      const other = await t.call('POST', '/api/v2/clients', { name: 'c2', client_secret });
      expect({ client_secret, status: other.status, errorCode: other.body.errorCode }).toEqual({ client_secret, status: 400, errorCode: 'invalid_body' });
    }
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret, audience: AUDIENCE }).toString();
    const res = await t.call('POST', '/oauth/token', form, { token: null, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(typeof res.body.access_token).toBe('string');
  });
});

describe("an API's token lifetime out of Auth0's bounds", () => {
  test('is a 400 on create and update, and nothing is stored', async () => {
    const t = await testTenant();
    const rs = await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://api.example.com', token_lifetime: 3600 });
    const before = JSON.stringify(t.tenant.store.data);
    for (const [field, value] of [['token_lifetime', -5], ['token_lifetime', 0], ['token_lifetime', 1e300], ['token_lifetime', 2_592_001], ['token_lifetime_for_web', -1], ['token_lifetime_for_web', 1e20]] as const) {
      const patched = await t.call('PATCH', `/api/v2/resource-servers/${String(rs.body.id)}`, { [field]: value });
      const created = await t.call('POST', '/api/v2/resource-servers', { identifier: 'https://other.example.com', [field]: value });
      for (const res of [patched, created]) expect({ field, value, status: res.status, errorCode: res.body.errorCode }).toEqual({ field, value, status: 400, errorCode: 'invalid_body' });
    }
    expect(JSON.stringify(t.tenant.store.data)).toBe(before);
    expect((await t.call('PATCH', `/api/v2/resource-servers/${String(rs.body.id)}`, { token_lifetime: 2_592_000, token_lifetime_for_web: 1 })).status).toBe(200);
  });
});
