// End to end: a tenant.yaml with every section claimkit deploys (test/deploy/full-tenant/) deployed to
// a local tenant, read back with the auth0 SDK; a second deploy is a no-op; a change to a connection,
// a client grant or a tenant setting is planned and applied alone. No auth0-deploy-cli here: every
// section goes through the resource handlers, so these deploys take about a second each.
import fs from 'node:fs';
import path from 'node:path';
import { ManagementClient } from 'auth0';
import { Agent, fetch as undiciFetch } from 'undici';
import { deploy, type DeploySummary } from '../../src/deploy/deploy.ts';
import { copyProject, FULL_MAPPINGS, FULL_TENANT, type DeployProject } from './project.ts';

jest.setTimeout(120_000);

const p: DeployProject = copyProject({ AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify(FULL_MAPPINGS) }, FULL_TENANT);
const tenantFile = path.join(p.dir, 'tenant.yaml');
const run = (options: { dryRun?: boolean; allowDelete?: boolean } = {}): Promise<DeploySummary> =>
  deploy({ tenantFile, env: p.env, dryRun: options.dryRun ?? false, allowDelete: options.allowDelete ?? false, log: () => {} });
const changes = (s: DeploySummary) => (s.plan?.changes ?? []).filter((c) => c.change !== 'unchanged').map((c) => `${c.change} ${c.type} ${c.name}`);
const edit = (from: string, to: string) => {
  const text = fs.readFileSync(tenantFile, 'utf8');
  if (!text.includes(from)) throw new Error(`tenant.yaml has no "${from}"`);
  fs.writeFileSync(tenantFile, text.replace(from, to));
};

let mgmt: ManagementClient;
let agent: Agent;
const all = async <T>(page: Promise<AsyncIterable<T>>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of await page) out.push(x);
  return out;
};

beforeAll(async () => {
  const first = await run();
  expect(first.error).toBeNull();
  const info = JSON.parse(fs.readFileSync(path.join(p.stateDir, 'tenant.json'), 'utf8')) as { domain: string; caFile: string; clientId: string; clientSecret: string };
  agent = new Agent({ connect: { ca: fs.readFileSync(info.caFile, 'utf8') } });
  const trusted = ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  mgmt = new ManagementClient({ domain: info.domain, clientId: info.clientId, clientSecret: info.clientSecret, fetch: trusted });
});

afterAll(async () => {
  await agent?.close();
  await p.stop();
});

test('every section is on the tenant as tenant.yaml says, read back with the SDK', async () => {
  const clients = await all(mgmt.clients.list({ is_global: false }));
  const byName = new Map(clients.map((c) => [c.name, c]));
  const spa = byName.get('Claims Demo SPA');
  const worker = byName.get('Reports Worker');
  expect(spa).toMatchObject({ app_type: 'spa', callbacks: ['http://localhost:3000/callback'], token_endpoint_auth_method: 'none' });
  expect(worker).toMatchObject({ app_type: 'non_interactive', client_metadata: { tier: 'gold' } });

  const apis = await all(mgmt.resourceServers.list({}));
  expect(apis.map((a) => a.identifier)).toEqual(expect.arrayContaining(['https://api.example.com', 'https://billing.example.com']));

  const grants = (await all(mgmt.clientGrants.list({}))).filter((g) => g.client_id === worker?.client_id);
  expect(grants.map((g) => [g.audience, g.scope]).sort()).toEqual([['https://api.example.com', ['read:reports']], ['https://billing.example.com', ['read:invoices']]]);

  const connections = await all(mgmt.connections.list({}));
  const google = connections.find((c) => c.name === 'google-oauth2');
  const db = connections.find((c) => c.name === 'Username-Password-Authentication');
  expect(google).toMatchObject({ strategy: 'google-oauth2', options: { email: true, profile: true, scope: ['email', 'profile'] } });
  expect(db).toMatchObject({ strategy: 'auth0', options: { brute_force_protection: true, passwordPolicy: 'good' } });
  for (const c of [google, db]) expect((await all(mgmt.connections.clients.get(String(c?.id), {}))).map((e) => e.client_id)).toEqual([spa?.client_id]);

  expect(await mgmt.tenants.settings.get()).toMatchObject({ friendly_name: 'Claims Demo (dev)', support_email: 'support@example.com', session_lifetime: 48, idle_session_lifetime: 12, enabled_locales: ['en', 'fr'], flags: { enable_client_connections: false } });

  const roles = await all(mgmt.roles.list({}));
  const admin = roles.find((r) => r.name === 'reports-admin');
  expect((await all(mgmt.roles.permissions.list(String(admin?.id), {}))).map((x) => x.permission_name).sort()).toEqual(['read:reports', 'write:reports']);

  const [acme] = (await all(mgmt.organizations.list({}))).filter((o) => o.name === 'acme');
  expect(acme).toMatchObject({ display_name: 'Acme Inc.', metadata: { plan: 'gold' } });
  const orgConnections = await all(mgmt.organizations.connections.list(String(acme?.id), {}));
  expect(orgConnections.map((c) => [c.connection_id, c.assign_membership_on_login]).sort()).toEqual([[db?.id, true], [google?.id, false]].sort());

  const actions = await all(mgmt.actions.list({}));
  for (const name of ['tier-claims', 'm2m-tier', 'company-only']) expect(actions.find((a) => a.name === name)?.deployed_version).toBeDefined();
  const code = actions.find((a) => a.name === 'tier-claims')?.deployed_version?.code;
  expect(code).toContain('var NAMESPACE = "https://claims.example.com/"'); // the keyword replaced, as a0deploy would
  expect(code).not.toContain('##');
  const bound = async (trigger: string) => (await all(mgmt.actions.triggers.bindings.list(trigger as 'post-login', {}))).map((b) => [b.action?.name, b.display_name]);
  expect(await bound('post-login')).toEqual([['tier-claims', 'Tier claims']]);
  expect(await bound('credentials-exchange')).toEqual([['m2m-tier', 'Machine tier']]);
  expect(await bound('pre-user-registration')).toEqual([['company-only', 'Company accounts only']]);
});

test('a second deploy is a no-op: nothing planned, zero writes, every resource verified', async () => {
  const s = await run();
  expect(s.error).toBeNull();
  expect(changes(s)).toEqual([]);
  expect(s.requests.writes).toBe(0);
  expect(s.verification).toMatchObject({ ok: true, checked: 18, problems: [] });
});

test('a changed connection is planned and applied alone', async () => {
  edit('      profile: true\n', '      profile: false\n');
  const dry = await run({ dryRun: true });
  expect(changes(dry)).toEqual(['update connection google-oauth2']);
  expect(dry.plan?.changes.find((c) => c.name === 'google-oauth2')?.reasons).toEqual(['options']);
  expect(dry.requests.writes).toBe(0);
  const s = await run();
  expect(s.error).toBeNull();
  const id = s.plan?.changes.find((c) => c.name === 'google-oauth2')?.id;
  expect(s.requests.writeLog).toEqual([`PATCH /api/v2/connections/${id}`]);
  expect(s.verification?.ok).toBe(true);
  expect((await mgmt.connections.get(String(id))).options).toMatchObject({ profile: false });
});

test('a changed client grant is planned and applied alone', async () => {
  edit('    scope: [read:reports]\n', '    scope: [read:reports, write:reports]\n');
  const s = await run();
  expect(s.error).toBeNull();
  expect(changes(s)).toEqual(['update client grant Reports Worker → https://api.example.com']);
  const id = s.plan?.changes.find((c) => c.section === 'clientGrants' && c.change === 'update')?.id;
  expect(s.requests.writeLog).toEqual([`PATCH /api/v2/client-grants/${id}`]);
  expect((await mgmt.clientGrants.get(String(id))).scope?.sort()).toEqual(['read:reports', 'write:reports']);
});

test('a changed tenant setting is planned and applied alone', async () => {
  edit('  support_email: support@example.com\n', '  support_email: help@example.com\n');
  const s = await run();
  expect(changes(s)).toEqual(['update tenant settings']);
  expect(s.plan?.changes.find((c) => c.section === 'tenant')?.reasons).toEqual(['support_email']);
  expect(s.requests.writeLog).toEqual(['PATCH /api/v2/tenants/settings']);
  expect((await mgmt.tenants.settings.get()).support_email).toBe('help@example.com');
});

test('a role taken out of tenant.yaml is kept, and deleted only with --allow-delete', async () => {
  edit('  - name: billing-viewer\n    description: Reads invoices\n    permissions:\n      - permission_name: read:invoices\n        resource_server_identifier: https://billing.example.com\n', '');
  const kept = await run();
  expect(kept.error).toBeNull();
  expect(kept.plan?.deletionsSkipped.map((c) => `${c.type} ${c.name}`)).toEqual(['role billing-viewer']);
  expect(kept.requests.writes).toBe(0);
  const deleted = await run({ allowDelete: true });
  expect(deleted.error).toBeNull();
  expect(changes(deleted)).toEqual(['delete role billing-viewer']);
  expect((await all(mgmt.roles.list({}))).map((r) => r.name)).toEqual(['reports-admin']);
});

test("a value the Management API refuses fails the apply with the API's own message, naming the resource", async () => {
  edit('      plan: gold\n', '      plan: 7\n');
  const s = await run();
  expect(s.error).toEqual({ code: 'ERR_DEPLOY_APPLY_FAILED', message: expect.stringMatching(/^Could not update organization acme: HTTP 400: Payload validation error: 'Expected type string but found type number' on property metadata\.plan\. What came before/) });
  expect(s.steps.map((x) => [x.name, x.status])).toEqual([['target', 'ok'], ['build', 'ok'], ['plan', 'ok'], ['apply', 'failed']]);
});
