// The rest of a tenant.yaml on the local tenant (documents/table.ts): settings and collections kept as
// written, under Auth0's paths and list shapes, so auth0-deploy-cli imports and exports every section.
import { TRIGGER_SPECS } from '../../src/triggers.ts';
import { testTenant } from './helpers.ts';

test('settings answer their defaults, PATCH merges, PUT replaces; an unset email provider is 404', async () => {
  const t = await testTenant();
  expect((await t.call('GET', '/api/v2/attack-protection/brute-force-protection')).body).toMatchObject({ enabled: true, max_attempts: 10 });
  expect((await t.call('PATCH', '/api/v2/attack-protection/brute-force-protection', { max_attempts: 5 })).body).toMatchObject({ enabled: true, max_attempts: 5 });
  expect((await t.call('PUT', '/api/v2/prompts/login/partials', { 'form-content-start': '<div/>' })).status).toBe(200);
  expect((await t.call('GET', '/api/v2/prompts/login/partials')).body).toEqual({ 'form-content-start': '<div/>' });
  expect((await t.call('GET', '/api/v2/prompts/signup/partials')).body).toEqual({});
  expect((await t.call('PUT', '/api/v2/guardian/policies', ['all-applications'])).body).toEqual(['all-applications']);
  expect((await t.call('PUT', '/api/v2/guardian/policies', { policies: [] })).status).toBe(400); // an array, as Auth0 takes it
  expect((await t.call('GET', '/api/v2/emails/provider')).status).toBe(404);
  expect((await t.call('POST', '/api/v2/emails/provider', { name: 'sendgrid', credentials: { api_key: 'k' } })).status).toBe(201);
  expect((await t.call('GET', '/api/v2/emails/provider')).body).toMatchObject({ name: 'sendgrid' });
});

test('collections: list in the Management API shapes, create with an id, update, delete; names are unique', async () => {
  const t = await testTenant();
  const created = await t.call('POST', '/api/v2/log-streams', { name: 'Datadog', type: 'datadog', sink: { datadogRegion: 'eu' } });
  expect(created.status).toBe(201);
  expect(String(created.body.id)).toMatch(/^lst_/);
  expect((await t.call('GET', '/api/v2/log-streams')).body).toMatchObject([{ name: 'Datadog' }]);
  expect((await t.call('POST', '/api/v2/log-streams', { name: 'Datadog', type: 'datadog' })).status).toBe(409);
  expect((await t.call('POST', '/api/v2/log-streams', { name: 'no type' })).status).toBe(400);
  expect((await t.call('PATCH', `/api/v2/log-streams/${String(created.body.id)}`, { status: 'paused' })).body).toMatchObject({ name: 'Datadog', status: 'paused' });
  const domain = await t.call('POST', '/api/v2/custom-domains', { domain: 'login.example.com', type: 'auth0_managed_certs' });
  expect(domain.body).toHaveProperty('custom_domain_id');
  expect((await t.call('GET', '/api/v2/forms?page=0&per_page=100&include_totals=true')).body).toEqual({ forms: [], start: 0, limit: 100, total: 0 });
  expect((await t.call('GET', '/api/v2/branding/phone/providers')).body).toEqual({ providers: [] });
  expect((await t.call('DELETE', `/api/v2/log-streams/${String(created.body.id)}`)).status).toBe(204);
  expect((await t.call('GET', '/api/v2/log-streams')).body).toEqual([]);
});

test('rules configs keep their values write-only; guardian factors are a fixed list', async () => {
  const t = await testTenant();
  expect((await t.call('PUT', '/api/v2/rules-configs/API_KEY', { value: 's3cr3t' })).body).toEqual({ key: 'API_KEY', value: 's3cr3t' });
  expect((await t.call('GET', '/api/v2/rules-configs')).body).toEqual([{ key: 'API_KEY' }]);
  expect((await t.call('PUT', '/api/v2/guardian/factors/otp', { enabled: true })).body).toEqual({ enabled: true });
  expect((await t.call('PUT', '/api/v2/guardian/factors/carrier-pigeon', { enabled: true })).status).toBe(400);
  expect((await t.call('GET', '/api/v2/guardian/factors')).body).toEqual(expect.arrayContaining([{ name: 'otp', enabled: true, trial_expired: false }, { name: 'sms', enabled: false, trial_expired: false }]));
});

test('every Actions trigger is listed and takes bindings', async () => {
  const t = await testTenant();
  const listed = (await t.call('GET', '/api/v2/actions/triggers')).body.triggers as unknown as Array<{ id: string; version: string; status: string }>;
  for (const spec of TRIGGER_SPECS) expect(listed).toContainEqual(expect.objectContaining({ id: spec.id, version: spec.version, status: 'CURRENT' }));
  const action = await t.call('POST', '/api/v2/actions/actions', { name: 'signup', code: 'exports.onExecutePreUserRegistration = async () => {};', supported_triggers: [{ id: 'pre-user-registration', version: 'v2' }] });
  t.clock.now += 2000;
  expect((await t.call('GET', `/api/v2/actions/actions/${String(action.body.id)}`)).body.status).toBe('built');
  expect((await t.call('POST', `/api/v2/actions/actions/${String(action.body.id)}/deploy`)).status).toBe(200);
  expect((await t.call('PATCH', '/api/v2/actions/triggers/pre-user-registration/bindings', { bindings: [{ ref: { type: 'action_name', value: 'signup' } }] })).status).toBe(200);
  expect((await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: [{ ref: { type: 'action_name', value: 'signup' } }] })).status).toBe(400);
  // A pre-user-registration Action is built by its own handler's rules: the post-login one alone fails.
  const wrong = await t.call('POST', '/api/v2/actions/actions', { name: 'wrong', code: 'exports.onExecutePostLogin = async () => {};', supported_triggers: [{ id: 'pre-user-registration', version: 'v2' }] });
  t.clock.now += 2000;
  expect((await t.call('GET', `/api/v2/actions/actions/${String(wrong.body.id)}`)).body).toMatchObject({ status: 'failed', errors: [{ id: 'ERR_ACTION_NO_HANDLER' }] });
});
