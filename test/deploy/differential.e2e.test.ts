// The differential test: the same tenant.yaml — every section claimkit deploys itself plus sections it
// passes through — deployed with `claimkit deploy` to one fresh local tenant and with a plain
// `a0deploy import` to another. Both tenants must end in the same state. Then a plain `a0deploy export`
// (every resource type) reads the claimkit-deployed tenant back. Two a0deploy imports in all (~20 s
// of schema compilation each): keep it that way.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { deploy } from '../../src/deploy/deploy.ts';
import { resolveSettings } from '../../src/tenant/defaults.ts';
import { runTenant, type RunningTenant } from '../../src/tenant/process/run.ts';
import type { TenantData } from '../../src/tenant/store/model.ts';
import { copyProject, FULL_MAPPINGS, FULL_TENANT } from './project.ts';

jest.setTimeout(240_000);

const A0DEPLOY = path.join(__dirname, '../../node_modules/.bin/a0deploy');
const MAPPINGS = JSON.stringify({ ...FULL_MAPPINGS, DATADOG_API_KEY: 'dd-test-key' });
const project = copyProject({}, FULL_TENANT);
const tenantFile = path.join(project.dir, 'tenant.yaml');
let claimkitTenant: RunningTenant;
let a0deployTenant: RunningTenant;

const credentials = (t: RunningTenant): Record<string, string> => ({
  AUTH0_DOMAIN: t.info.domain,
  AUTH0_CLIENT_ID: t.info.clientId,
  AUTH0_CLIENT_SECRET: t.info.clientSecret,
  NODE_EXTRA_CA_CERTS: t.info.caFile,
  AUTH0_KEYWORD_REPLACE_MAPPINGS: MAPPINGS,
});

function a0deploy(t: RunningTenant, args: string[], extra: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // Async spawn: the tenants run in this process and must keep answering meanwhile.
    const child = spawn(A0DEPLOY, args, { cwd: project.dir, env: { PATH: process.env['PATH'] ?? '', HOME: project.dir, ...credentials(t), ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** A tenant's data with ids replaced by names and timestamps left out: what both deploys must agree on. */
function state(data: TenantData): Record<string, unknown> {
  const client = (id: string) => data.clients.find((c) => c.client_id === id)?.name ?? id;
  const connection = (id: string) => data.connections.find((c) => c.id === id)?.name ?? id;
  const action = (id: string) => data.actions.find((a) => a.id === id)?.name ?? id;
  const byName = <T extends { name?: unknown }>(list: T[]) => [...list].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return {
    clients: byName(data.clients.map(({ client_id: _id, client_secret: _secret, ...c }) => c)),
    resourceServers: byName(data.resourceServers.map(({ id: _id, ...r }) => r)),
    grants: data.grants.map(({ id: _id, client_id, ...g }) => ({ ...g, client: client(client_id), scope: [...g.scope].sort() })).sort((a, b) => `${a.client}${a.audience}`.localeCompare(`${b.client}${b.audience}`)),
    connections: byName(data.connections.map(({ id: _id, enabled_clients, ...c }) => ({ ...c, enabled_clients: enabled_clients.map(client).sort() }))),
    roles: byName(data.roles.map(({ id: _id, permissions, ...r }) => ({ ...r, permissions: permissions.map((p) => `${p.resource_server_identifier} ${p.permission_name}`).sort() }))),
    organizations: byName(data.organizations.map(({ id: _id, connections, client_grants, ...o }) => ({ ...o, client_grants: (client_grants ?? []).length, connections: connections.map((c) => ({ ...c, connection_id: connection(c.connection_id) })).sort((a, b) => a.connection_id.localeCompare(b.connection_id)) }))),
    actions: byName(data.actions.map((a) => ({
      name: a.name,
      code: data.versions.find((v) => v.id === a.deployed_version_id)?.code,
      runtime: a.runtime,
      dependencies: a.dependencies,
      secrets: a.secrets.map((s) => [s.name, s.value]),
      supported_triggers: a.supported_triggers,
      all_changes_deployed: a.all_changes_deployed,
    }))),
    bindings: Object.fromEntries(Object.entries(data.bindings).filter(([, list]) => list.length > 0).map(([t, list]) => [t, list.map((b) => [action(b.action_id), b.display_name])])),
    tenantSettings: data.tenantSettings,
    settingsDocuments: data.documents.settings,
    collections: Object.fromEntries(Object.entries(data.documents.collections).map(([k, items]) => [k, items.map(({ id: _id, ...rest }) => rest)])),
  };
}

beforeAll(async () => {
  fs.cpSync(path.join(FULL_TENANT, 'emails'), path.join(project.dir, 'emails'), { recursive: true });
  fs.appendFileSync(tenantFile, `\n${fs.readFileSync(path.join(FULL_TENANT, 'passthrough.yaml'), 'utf8')}`);
  const start = (name: string) => runTenant(resolveSettings({ stateDir: path.join(project.dir, `.${name}`), port: 0, buildDelayMs: 300 }, {}, project.dir));
  [claimkitTenant, a0deployTenant] = await Promise.all([start('claimkit'), start('a0deploy')]);
});

afterAll(async () => {
  await Promise.all([claimkitTenant?.close(), a0deployTenant?.close()]);
  fs.rmSync(project.dir, { recursive: true, force: true });
});

test('claimkit deploy and a plain a0deploy import of the same tenant.yaml leave the tenants in the same state; a0deploy exports it all', async () => {
  const s = await deploy({ tenantFile, env: { ...project.env, ...credentials(claimkitTenant) }, dryRun: false, allowDelete: false, log: () => {} });
  expect(s.error).toBeNull();
  expect(s.target?.kind).toBe('remote');
  expect(s.plan?.passthrough).toEqual(['branding', 'prompts', 'attackProtection', 'guardianFactors', 'logStreams', 'emailTemplates']);
  expect(s.verification).toMatchObject({ ok: true, checked: 18, notVerified: s.plan?.passthrough });

  const imported = await a0deploy(a0deployTenant, ['import', '-i', 'tenant.yaml']);
  expect({ code: imported.code, tail: imported.output.slice(-3000) }).toMatchObject({ code: 0 });
  expect(state(claimkitTenant.tenant.store.data)).toEqual(state(a0deployTenant.tenant.store.data));

  // Every resource type, exported by a plain a0deploy from the tenant claimkit deployed.
  const exported = await a0deploy(claimkitTenant, ['export', '--format', 'yaml', '--output_folder', 'out']);
  expect({ code: exported.code, tail: exported.output.slice(-3000) }).toMatchObject({ code: 0 });
  const out = parse(fs.readFileSync(path.join(project.dir, 'out/tenant.yaml'), 'utf8')) as Record<string, Array<Record<string, unknown>> & Record<string, unknown>>;
  const named = (section: string, name: string) => (out[section] as Array<Record<string, unknown>>).find((x) => x['name'] === name);
  expect(out['clientGrants']).toEqual(expect.arrayContaining([expect.objectContaining({ client_id: 'Reports Worker', audience: 'https://billing.example.com', scope: ['read:invoices'] })]));
  expect(named('connections', 'google-oauth2')).toMatchObject({ strategy: 'google-oauth2', enabled_clients: ['Claims Demo SPA'] });
  expect(named('databases', 'Username-Password-Authentication')).toMatchObject({ enabled_clients: ['Claims Demo SPA'], options: { passwordPolicy: 'good' } });
  expect(named('organizations', 'acme')).toMatchObject({ display_name: 'Acme Inc.', connections: expect.arrayContaining([expect.objectContaining({ name: 'google-oauth2', assign_membership_on_login: false })]) });
  expect(out['tenant']).toMatchObject({ friendly_name: 'Claims Demo (dev)', session_lifetime: 48 });
  expect(Object.keys(out['triggers'] as object).sort()).toEqual(['credentials-exchange', 'post-login', 'pre-user-registration']);
  expect(out['branding']).toMatchObject({ colors: { primary: '#0059d6' } });
  expect(named('logStreams', 'Datadog')).toMatchObject({ type: 'datadog' });
});

test('a redeploy sends none of the passed-through sections claimkit last sent this tenant as they are; an edited email template file is sent again', async () => {
  const env = { ...project.env, ...credentials(claimkitTenant) };
  const again = await deploy({ tenantFile, env, dryRun: false, allowDelete: false, log: () => {} });
  expect(again.error).toBeNull();
  expect(again.plan?.passthrough).toEqual([]);
  expect(again.plan?.passthroughUnchanged).toEqual(['branding', 'prompts', 'attackProtection', 'guardianFactors', 'logStreams', 'emailTemplates']);
  expect(again.requests.writes).toBe(0);

  fs.appendFileSync(path.join(project.dir, 'emails/verify_email.html'), '\n<p>Edited.</p>\n');
  const edited = await deploy({ tenantFile, env, dryRun: true, allowDelete: false, log: () => {} });
  expect(edited.plan?.passthrough).toEqual(['emailTemplates']);
  const resent = await deploy({ tenantFile, env, dryRun: true, allowDelete: false, resendPassthrough: true, log: () => {} });
  expect(resent.plan?.passthrough).toHaveLength(6);
});
