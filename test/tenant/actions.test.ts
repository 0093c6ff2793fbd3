import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDependencies, stateDirOf, type NpmInstall } from '../../src/dependencies/index.ts';
import { postLoginAction, testTenant, type TestTenant } from './helpers.ts';

const NOT_BUILT = "A draft must be in the 'built' state before it can be deployed.";

async function createBuilt(t: TestTenant, name: string, code?: string): Promise<string> {
  const created = await t.call('POST', '/api/v2/actions/actions', postLoginAction(name, code));
  expect(created.status).toBe(201);
  t.clock.now += 1000;
  return String(created.body.id);
}

async function createDeployed(t: TestTenant, name: string): Promise<string> {
  const id = await createBuilt(t, name);
  expect((await t.call('POST', `/api/v2/actions/actions/${id}/deploy`)).status).toBe(200);
  return id;
}

describe('actions', () => {
  test('create answers 201 with a pending build and never returns secret values', async () => {
    const t = await testTenant();
    const res = await t.call('POST', '/api/v2/actions/actions', postLoginAction('a1'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'a1', status: 'pending', runtime: 'node22', all_changes_deployed: false, supported_triggers: [{ id: 'post-login', version: 'v3' }] });
    expect(res.body.secrets).toEqual([{ name: 'API_KEY', updated_at: '2026-01-01T00:00:00.000Z' }]);
    expect(JSON.stringify(res.body)).not.toContain('s3cr3t');
  });

  test('build goes pending → building → built with the clock; deploy before that is 400 with Auth0 wording', async () => {
    const t = await testTenant({ buildDelayMs: 1000 });
    const { body } = await t.call('POST', '/api/v2/actions/actions', postLoginAction('a1'));
    const early = await t.call('POST', `/api/v2/actions/actions/${body.id}/deploy`);
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: NOT_BUILT });
    t.clock.now += 600;
    expect((await t.call('GET', `/api/v2/actions/actions/${body.id}`)).body.status).toBe('building');
    t.clock.now += 400;
    expect((await t.call('GET', `/api/v2/actions/actions/${body.id}`)).body.status).toBe('built');
    const deployed = await t.call('POST', `/api/v2/actions/actions/${body.id}/deploy`);
    expect(deployed.status).toBe(200);
    expect(deployed.body).toMatchObject({ action_id: body.id, number: 1, deployed: true, status: 'built' });
    const after = await t.call('GET', `/api/v2/actions/actions/${body.id}`);
    expect(after.body).toMatchObject({ all_changes_deployed: true, deployed_version: { id: deployed.body.id, number: 1 } });
  });

  test('code that does not load, or has no async onExecutePostLogin, builds as failed and cannot deploy', async () => {
    const t = await testTenant();
    const cases = {
      syntax: 'exports.onExecutePostLogin = async (event, api) => {',
      missing: 'exports.somethingElse = async () => {};',
      notAsync: 'exports.onExecutePostLogin = function (event, api) {};',
      throws: 'throw new Error("boom"); exports.onExecutePostLogin = async () => {};',
    };
    for (const [name, code] of Object.entries(cases)) {
      const id = await createBuilt(t, name, code);
      const got = await t.call('GET', `/api/v2/actions/actions/${id}`);
      expect(got.body.status).toBe('failed');
      expect((await t.call('POST', `/api/v2/actions/actions/${id}/deploy`)).body.message).toBe(NOT_BUILT);
    }
  });

  test('declared dependencies come from the project dependency cache that claimkit build fills', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-tenant-deps-'));
    const t = await testTenant({ resolveFrom: project });
    const code = 'const ms = require("ms"); exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("https://example.com/ms", ms); };';
    const create = async (name: string) => {
      const created = await t.call('POST', '/api/v2/actions/actions', { ...postLoginAction(name, code), dependencies: [{ name: 'ms', version: '2.0.0' }] });
      t.clock.now += 1000;
      return (await t.call('GET', `/api/v2/actions/actions/${String(created.body.id)}`)).body.status;
    };
    expect(await create('before-build')).toBe('failed');
    const install: NpmInstall = async (_dep, prefix) => {
      fs.mkdirSync(path.join(prefix, 'node_modules/ms'), { recursive: true });
      fs.writeFileSync(path.join(prefix, 'node_modules/ms/package.json'), '{"name":"ms","version":"2.0.0"}');
      fs.writeFileSync(path.join(prefix, 'node_modules/ms/index.js'), 'module.exports = "cached";');
    };
    await ensureDependencies([{ name: 'ms', version: '2.0.0' }], stateDirOf(project), { install });
    expect(await create('after-build')).toBe('built');
  });

  test('list is wrapped with totals and pages, and filters by triggerId, actionName and deployed', async () => {
    const t = await testTenant();
    await createDeployed(t, 'one');
    await createBuilt(t, 'two');
    const all = await t.call('GET', '/api/v2/actions/actions?page=0&per_page=100');
    expect(all.body).toMatchObject({ total: 2, page: 0, per_page: 100 });
    expect(all.body.actions).toHaveLength(2);
    const paged = await t.call('GET', '/api/v2/actions/actions?page=1&per_page=1');
    expect(paged.body).toMatchObject({ total: 2, page: 1, per_page: 1, actions: [{ name: 'two' }] });
    expect((await t.call('GET', '/api/v2/actions/actions?actionName=two')).body.actions).toMatchObject([{ name: 'two' }]);
    expect((await t.call('GET', '/api/v2/actions/actions?deployed=true')).body.actions).toMatchObject([{ name: 'one' }]);
    expect((await t.call('GET', '/api/v2/actions/actions?deployed=false')).body.actions).toMatchObject([{ name: 'two' }]);
    expect((await t.call('GET', '/api/v2/actions/actions?triggerId=credentials-exchange')).body.total).toBe(0);
    expect((await t.call('GET', '/api/v2/actions/actions?per_page=101')).status).toBe(400);
  });

  test('update rebuilds the draft; secrets named without a value keep theirs; names are unique', async () => {
    const t = await testTenant();
    const id = await createDeployed(t, 'one');
    await createBuilt(t, 'two');
    const patched = await t.call('PATCH', `/api/v2/actions/actions/${id}`, { code: 'exports.onExecutePostLogin = async () => {};', secrets: [{ name: 'API_KEY' }] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'pending', all_changes_deployed: false, deployed_version: { number: 1 } });
    expect(t.tenant.store.data.actions[0]?.secrets[0]?.value).toBe('s3cr3t');
    expect((await t.call('PATCH', `/api/v2/actions/actions/${id}`, { name: 'two' })).status).toBe(409);
    expect((await t.call('POST', '/api/v2/actions/actions', postLoginAction('two'))).status).toBe(409);
  });

  test('validation errors are Auth0-style 400s', async () => {
    const t = await testTenant();
    const missing = await t.call('POST', '/api/v2/actions/actions', { code: '' });
    expect(missing.body).toEqual({ statusCode: 400, error: 'Bad Request', message: "Payload validation error: 'Missing required property: name'.", errorCode: 'invalid_body' });
    const extra = await t.call('POST', '/api/v2/actions/actions', { ...postLoginAction('x'), colour: 'red' });
    expect(extra.body.message).toBe("Payload validation error: 'Additional properties not allowed: colour'.");
    const type = await t.call('POST', '/api/v2/actions/actions', { ...postLoginAction('x'), code: 42 });
    expect(type.body.message).toBe("Payload validation error: 'Expected type string but found type integer' on property code.");
    expect((await t.call('POST', '/api/v2/actions/actions', { ...postLoginAction('x'), supported_triggers: [{ id: 'nope' }] })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/actions/actions', { ...postLoginAction('x'), runtime: 'node4' })).status).toBe(400);
    expect((await t.call('POST', '/api/v2/actions/actions', '{not json')).body.message).toBe('Invalid request payload JSON format');
    expect((await t.call('GET', '/api/v2/actions/actions/nope')).body).toMatchObject({ statusCode: 404, message: 'The action does not exist.' });
  });

  test('versions: list newest first, get one, roll back to an earlier one', async () => {
    const t = await testTenant();
    const id = await createDeployed(t, 'one');
    await t.call('PATCH', `/api/v2/actions/actions/${id}`, { code: 'exports.onExecutePostLogin = async () => { /* v2 */ };' });
    t.clock.now += 1000;
    await t.call('POST', `/api/v2/actions/actions/${id}/deploy`);
    const list = await t.call('GET', `/api/v2/actions/actions/${id}/versions`);
    expect(list.body).toMatchObject({ total: 2, page: 0 });
    expect(list.body.versions).toMatchObject([{ number: 2, deployed: true }, { number: 1, deployed: false }]);
    const v1 = String(list.body.versions?.[1]?.id);
    expect((await t.call('GET', `/api/v2/actions/actions/${id}/versions/${v1}`)).body).toMatchObject({ number: 1, code: expect.stringContaining('hello') });
    const rolled = await t.call('POST', `/api/v2/actions/actions/${id}/versions/${v1}/deploy`, {});
    expect(rolled.body).toMatchObject({ number: 1, deployed: true });
    expect((await t.call('GET', `/api/v2/actions/actions/${id}`)).body.deployed_version).toMatchObject({ number: 1 });
    expect((await t.call('GET', `/api/v2/actions/actions/${id}/versions/nope`)).status).toBe(404);
  });

  test('test runs the draft in the sandbox and answers claims, metadata and logs', async () => {
    const t = await testTenant();
    const id = await createBuilt(t, 'one');
    const res = await t.call('POST', `/api/v2/actions/actions/${id}/test`, { payload: { user: { email: 'ada@example.com' }, authorization: { roles: ['admin'] }, resource_server: { identifier: 'https://api.example.com' } } });
    expect(res.status).toBe(200);
    expect(res.body.payload).toMatchObject({
      outcome: 'success',
      idToken: { claims: { 'https://example.com/roles': ['admin'] } },
      accessToken: { claims: { 'https://example.com/secret': 's3cr3t' } },
      logs: [{ action: 'one', level: 'log', message: 'hello ada@example.com' }],
    });
    const denyId = await createBuilt(t, 'deny', "exports.onExecutePostLogin = async (event, api) => { api.user.setAppMetadata('seen', true); api.access.deny('nope'); };");
    const denied = await t.call('POST', `/api/v2/actions/actions/${denyId}/test`, { payload: {} });
    expect(denied.body.payload).toMatchObject({ outcome: 'denied', denied: { reason: 'nope' }, user: { app_metadata: { seen: true } } });
    expect((await t.call('POST', `/api/v2/actions/actions/${id}/test`, {})).status).toBe(400);
  });

  test('delete is refused while bound unless force=true, which removes the bindings', async () => {
    const t = await testTenant();
    const id = await createDeployed(t, 'one');
    await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: [{ ref: { type: 'action_id', value: id } }] });
    expect((await t.call('DELETE', `/api/v2/actions/actions/${id}`)).status).toBe(409);
    expect((await t.call('DELETE', `/api/v2/actions/actions/${id}?force=true`)).status).toBe(204);
    expect((await t.call('GET', '/api/v2/actions/triggers/post-login/bindings')).body).toMatchObject({ bindings: [], total: 0 });
    expect((await t.call('GET', `/api/v2/actions/actions/${id}`)).status).toBe(404);
  });
});

describe('triggers, bindings and modules', () => {
  test('triggers list is wrapped and has post-login v3', async () => {
    const t = await testTenant();
    const res = await t.call('GET', '/api/v2/actions/triggers');
    expect(res.body.triggers).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'post-login', version: 'v3', status: 'CURRENT' })]));
  });

  test('bindings update replaces all, by action_name, action_id or binding_id, in order', async () => {
    const t = await testTenant();
    const a = await createDeployed(t, 'a');
    const b = await createDeployed(t, 'b');
    const first = await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', {
      bindings: [{ ref: { type: 'action_name', value: 'a' }, display_name: 'A' }, { ref: { type: 'action_id', value: b } }],
    });
    expect(first.status).toBe(200);
    expect(first.body.bindings).toMatchObject([{ display_name: 'A', trigger_id: 'post-login', action: { id: a } }, { display_name: 'b', action: { id: b } }]);
    const bindingOfB = String(first.body.bindings?.[1]?.id);
    const second = await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: [{ ref: { type: 'binding_id', value: bindingOfB } }] });
    expect(second.body.bindings).toMatchObject([{ id: bindingOfB, action: { name: 'b' } }]);
    const listed = await t.call('GET', '/api/v2/actions/triggers/post-login/bindings?page=0&per_page=50');
    expect(listed.body).toMatchObject({ total: 1, page: 0, per_page: 50, bindings: [{ id: bindingOfB }] });
    expect((await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: [] })).body).toEqual({ bindings: [] });
  });

  test('an Action with no deployed version, an unknown Action or trigger cannot be bound', async () => {
    const t = await testTenant();
    await createBuilt(t, 'draft-only');
    const undeployed = await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: [{ ref: { type: 'action_name', value: 'draft-only' } }] });
    expect(undeployed.status).toBe(400);
    const unknown = await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: [{ ref: { type: 'action_name', value: 'ghost' } }] });
    expect(unknown.status).toBe(404);
    expect((await t.call('GET', '/api/v2/actions/triggers/not-a-trigger/bindings')).status).toBe(404);
    expect((await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: [{ id_type: 'action_name' }] })).status).toBe(400);
  });

  test('action modules list is empty and wrapped', async () => {
    const t = await testTenant();
    expect((await t.call('GET', '/api/v2/actions/modules?page=0&per_page=100')).body).toEqual({ modules: [], total: 0, page: 0, per_page: 100 });
  });
});

describe("Auth0's limits on an Action's secrets, dependencies and a trigger's bindings", () => {
  const secrets = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `S${i}`, value: 'v' }));

  test('more than 30 secrets, an over-long name or value, a value that is not a string, or one name twice: 400 on create and update, nothing stored', async () => {
    const t = await testTenant({ buildDelayMs: 0 });
    const id = await createBuilt(t, 'a1');
    const before = JSON.stringify(t.tenant.store.data);
    const bad = [
      secrets(31),
      [{ name: 'K'.repeat(129), value: 'v' }],
      [{ name: 'K', value: 'v'.repeat(4097) }],
      [{ name: 'K', value: 5 }],
      [{ name: 'K', value: 'a' }, { name: 'K', value: 'b' }],
    ];
    for (const list of bad) {
      const created = await t.call('POST', '/api/v2/actions/actions', { ...postLoginAction('a2'), secrets: list });
      const updated = await t.call('PATCH', `/api/v2/actions/actions/${id}`, { secrets: list });
      for (const res of [created, updated]) expect({ status: res.status, errorCode: res.body.errorCode }).toEqual({ status: 400, errorCode: 'invalid_body' });
    }
    expect(JSON.stringify(t.tenant.store.data)).toBe(before);
    const atLimit = await t.call('PATCH', `/api/v2/actions/actions/${id}`, { secrets: [...secrets(29), { name: 'K'.repeat(128), value: 'v'.repeat(4096) }] });
    expect(atLimit.status).toBe(200);
  });

  test('more than 10 npm dependencies is a 400', async () => {
    const t = await testTenant({ buildDelayMs: 0 });
    const dependencies = Array.from({ length: 11 }, (_, i) => ({ name: `pkg${i}`, version: '1.0.0' }));
    const res = await t.call('POST', '/api/v2/actions/actions', { ...postLoginAction('a1'), dependencies });
    expect({ status: res.status, errorCode: res.body.errorCode }).toEqual({ status: 400, errorCode: 'invalid_body' });
    expect(t.tenant.store.data.actions).toEqual([]);
  });

  test('more than 20 bindings on one trigger is a 400, and the bindings stay as they were', async () => {
    const t = await testTenant({ buildDelayMs: 0 });
    const id = await createDeployed(t, 'a1');
    const binding = { ref: { type: 'action_id', value: id } };
    expect((await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: [binding] })).status).toBe(200);
    const res = await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: Array.from({ length: 21 }, () => binding) });
    expect({ status: res.status, errorCode: res.body.errorCode }).toEqual({ status: 400, errorCode: 'invalid_body' });
    expect((await t.call('GET', '/api/v2/actions/triggers/post-login/bindings')).body.bindings).toHaveLength(1);
  });
});

describe('POST /actions/actions/{id}/test with a payload that is not an event', () => {
  test("is a 400 invalid_body naming the property; the Action's own secrets are used", async () => {
    const t = await testTenant({ buildDelayMs: 0 });
    const id = await createBuilt(t, 'one');
    for (const [payload, property] of [
      [{ user: 5 }, 'payload.user'],
      [{ user: { app_metadata: 'x' } }, 'payload.user.app_metadata'],
      [{ request: { hostname: 42 } }, 'payload.request.hostname'],
    ] as const) {
      const res = await t.call('POST', `/api/v2/actions/actions/${id}/test`, { payload });
      expect({ status: res.status, errorCode: res.body.errorCode }).toEqual({ status: 400, errorCode: 'invalid_body' });
      expect(String(res.body.message)).toContain(`on property ${property}`);
    }
    const ok = await t.call('POST', `/api/v2/actions/actions/${id}/test`, { payload: { user: { email: 'ada@example.com' }, resource_server: { identifier: 'https://api.example.com' }, secrets: { API_KEY: 'ignored' } } });
    expect(ok.status).toBe(200);
    expect(ok.body.payload).toMatchObject({ outcome: 'success', accessToken: { claims: { 'https://example.com/secret': 's3cr3t' } } });
  });
});
