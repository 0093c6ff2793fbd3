// End to end: a local tenant populated by a PLAIN a0deploy import of the full tenant.yaml (every section
// claimkit deploys, the passed-through ones, Actions of three triggers), then `claimkit pull` from it:
// the project it writes, a dry-run deploy of it against the same tenant (no change), a second pull (the
// same bytes), the Actions type-checked and run; a deploy of the pulled project to an empty tenant,
// against which the ORIGINAL tenant.yaml plans no change (nothing was lost); and both formats of
// `a0deploy export` of the same tenant converted into the same project. Three a0deploy runs in all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { bundleActions } from '../../src/build/bundle.ts';
import { formatPullSummary } from '../../src/cli/commands/pull.ts';
import { main } from '../../src/cli/main.ts';
import { deploy, type DeploySummary } from '../../src/deploy/deploy.ts';
import { installTransport } from '../../src/deploy/http.ts';
import { managementClient } from '../../src/deploy/snapshot.ts';
import { pull, type PullSummary } from '../../src/pull/pull.ts';
import { resolveSettings } from '../../src/tenant/defaults.ts';
import { runTenant, type RunningTenant } from '../../src/tenant/process/run.ts';
import { captureIo } from '../cli/helpers.ts';
import { copyProject, FULL_MAPPINGS, FULL_TENANT, runA0deploy } from '../deploy/project.ts';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
const MAPPINGS = { ...FULL_MAPPINGS, DATADOG_API_KEY: 'dd-test-key' };
const KEYWORDS = ['CLAIM_NAMESPACE=https://claims.example.com/', 'SPA_CALLBACKS=["http://localhost:3000/callback"]'];
/** What a deploy of the pulled project needs: the values of the keywords pull put in. */
const PULLED_MAPPINGS = JSON.stringify({ CLAIM_NAMESPACE: 'https://claims.example.com/', SPA_CALLBACKS: ['http://localhost:3000/callback'] });

const source = copyProject({}, FULL_TENANT);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-pull-'));
let tenant: RunningTenant;
let empty: RunningTenant;

const credentials = (t: RunningTenant): Record<string, string> => ({ AUTH0_DOMAIN: t.info.domain, AUTH0_CLIENT_ID: t.info.clientId, AUTH0_CLIENT_SECRET: t.info.clientSecret, NODE_EXTRA_CA_CERTS: t.info.caFile });
const env = (t: RunningTenant, extra: Record<string, string> = {}) => ({ ...source.env, ...credentials(t), ...extra });

const a0deploy = (args: string[], extra: Record<string, string> = {}) => runA0deploy(source.dir, { ...credentials(tenant), ...extra }, args);

const pullInto = (out: string, extra: Partial<Parameters<typeof pull>[0]> = {}): Promise<PullSummary> =>
  pull({ out, cwd: work, env: env(tenant), keywords: KEYWORDS, force: false, log: () => {}, ...extra });
const dryRun = (dir: string, t: RunningTenant): Promise<DeploySummary> =>
  deploy({ tenantFile: path.join(dir, 'tenant.yaml'), env: env(t, { AUTH0_KEYWORD_REPLACE_MAPPINGS: PULLED_MAPPINGS }), dryRun: true, allowDelete: false, log: () => {} });
const changes = (s: DeploySummary) => (s.plan?.changes ?? []).filter((c) => c.change !== 'unchanged').map((c) => `${c.change} ${c.type} ${c.name}`);

/** Every file under `dir` (but dist/ and .claimkit/), by relative path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'dist' && e.name !== '.claimkit') walk(full);
      } else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const A = path.join(work, 'pulled');
let first: PullSummary;

beforeAll(async () => {
  // The full tenant.yaml and its passed-through sections, bundled as a user outside claimkit would, imported by a plain a0deploy.
  fs.cpSync(path.join(FULL_TENANT, 'emails'), path.join(source.dir, 'emails'), { recursive: true });
  fs.appendFileSync(path.join(source.dir, 'tenant.yaml'), `\n${fs.readFileSync(path.join(FULL_TENANT, 'passthrough.yaml'), 'utf8')}`);
  const names = ['tier-claims.ts', 'm2m-tier.js', 'company-only.js'];
  await bundleActions(names.map((f) => ({ name: f.replace(/\.[jt]s$/, ''), file: path.join(source.dir, 'actions', f) })), { outdir: path.join(source.dir, 'dist/actions') });
  const start = (name: string) => runTenant(resolveSettings({ stateDir: path.join(work, `.${name}`), port: 0, buildDelayMs: 300 }, {}, work));
  [tenant, empty] = await Promise.all([start('tenant'), start('empty')]);
  const imported = await a0deploy(['import', '-i', 'tenant.yaml'], { AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify(MAPPINGS) });
  expect({ code: imported.code, tail: imported.output.slice(-2000) }).toMatchObject({ code: 0 });
  first = await pullInto(A);
});

afterAll(async () => {
  await Promise.all([tenant?.close(), empty?.close()]);
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(source.dir, { recursive: true, force: true });
});

test('pull writes a project: every section, one readable typed file per Action, secret names, keywords where asked', () => {
  expect(first.error).toBeNull();
  expect(first.files?.created.sort()).toEqual(['.env.example', '.gitignore', 'actions/company-only.js', 'actions/m2m-tier.js', 'actions/tier-claims.js', 'emailTemplates/verify_email.html', 'tenant.yaml', 'tsconfig.json']);
  const y = parse(fs.readFileSync(path.join(A, 'tenant.yaml'), 'utf8')) as Record<string, unknown>;
  expect(Object.keys(y)).toEqual(expect.arrayContaining(['resourceServers', 'clients', 'databases', 'connections', 'clientGrants', 'roles', 'actions', 'organizations', 'triggers', 'tenant', 'branding', 'prompts', 'attackProtection', 'guardianFactors', 'logStreams', 'emailTemplates']));
  const text = fs.readFileSync(path.join(A, 'tenant.yaml'), 'utf8');
  // No ids, no server bookkeeping, not the deploy's own client, no client secret.
  const keys: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        keys.push(k);
        walk(x);
      }
    }
  };
  walk(Object.entries(y).map(([k, v]) => (k === 'actions' ? (v as Array<Record<string, unknown>>).map(({ supported_triggers: _t, ...a }) => a) : v)));
  expect(keys.filter((k) => ['id', 'status', 'client_secret', 'created_at', 'updated_at', 'realms', 'tenant', 'global'].includes(k))).toEqual([]);
  expect(text).not.toMatch(/claimkit \(Management API\)/);
  expect((y['clientGrants'] as Array<Record<string, unknown>>).map((g) => g['client_id'])).toEqual(['Reports Worker', 'Reports Worker']);
  const clients = y['clients'] as Array<Record<string, unknown>>;
  expect(clients.map((c) => c['name'])).toEqual(['Claims Demo SPA', 'Reports Worker']);
  expect(clients[0]).toMatchObject({ callbacks: '@@SPA_CALLBACKS@@', token_endpoint_auth_method: 'none' });
  expect(clients[0]).not.toHaveProperty('jwt_configuration'); // Auth0's default, left out
  expect(y['triggers']).toEqual({
    'post-login': [{ action_name: 'tier-claims', display_name: 'Tier claims' }],
    'credentials-exchange': [{ action_name: 'm2m-tier', display_name: 'Machine tier' }],
    'pre-user-registration': [{ action_name: 'company-only', display_name: 'Company accounts only' }],
  });
  expect((y['actions'] as unknown[])[0]).toEqual({ name: 'company-only', code: './dist/actions/company-only.js', dependencies: [], deployed: true, runtime: 'node22', secrets: [{ name: 'ALLOWED_DOMAIN' }], supported_triggers: [{ id: 'pre-user-registration', version: 'v2' }] });
  expect(y['tenant']).toMatchObject({ friendly_name: 'Claims Demo (dev)', session_lifetime: 48 });
  expect(fs.readFileSync(path.join(A, 'emailTemplates/verify_email.html'), 'utf8')).toBe(fs.readFileSync(path.join(FULL_TENANT, 'emails/verify_email.html'), 'utf8'));

  const tier = fs.readFileSync(path.join(A, 'actions/tier-claims.js'), 'utf8');
  expect(tier.split('\n')[0]).toBe('// @ts-check');
  expect(tier).toContain("/** @type {import('@auth0/actions/post-login/v3').PostLoginAction} */");
  expect(tier).toContain('var NAMESPACE = "##CLAIM_NAMESPACE##";');
  expect(first.actions.map((a) => [a.name, a.trigger, a.checked])).toEqual([['company-only', 'pre-user-registration', true], ['m2m-tier', 'credentials-exchange', true], ['tier-claims', 'post-login', true]]);
  const example = fs.readFileSync(path.join(A, '.env.example'), 'utf8');
  expect(example).toMatch(/^COMPANY_ONLY__ALLOWED_DOMAIN=$/m);
  expect(example).toContain(`AUTH0_KEYWORD_REPLACE_MAPPINGS='${PULLED_MAPPINGS}'`);
  expect(example).toMatch(/their values never leave the tenant: LOGSTREAMS_DATADOG_SECRET\./); // a0deploy's export masks the log stream's key
  expect(example).not.toMatch(/example\.com"?$|dd-test-key/m);
  expect(first.keywords).toEqual({ CLAIM_NAMESPACE: 2, SPA_CALLBACKS: 1 });
  expect(first.notes.filter((n) => n.kind === 'left-out')).toEqual([]);
});

test("README's example of claimkit pull is what it prints for this tenant", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- pull-output -->\n```\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(formatPullSummary({ ...first, out: 'my-tenant', origin: 'tenant 127.0.0.1:4433' })).toBe(block);
});

test('right after the pull, a dry-run deploy against the same tenant plans no change', async () => {
  const s = await dryRun(A, tenant);
  expect(s.error).toBeNull();
  expect(changes(s)).toEqual([]);
  expect(s.plan?.changes.length).toBe(18);
  expect(s.requests.writes).toBe(0);
  // What the pull read of the passed-through sections is what the tenant holds: a deploy would not send
  // them again — but the log stream, whose key the export masks (the deploy sends what .env gives it).
  expect(s.plan?.passthrough).toEqual(['logStreams']);
  expect(s.plan?.passthroughUnchanged).toEqual(expect.arrayContaining(['branding', 'emailTemplates', 'prompts', 'attackProtection', 'guardianFactors']));
});

test('pulling again writes nothing new: the same bytes, no --force needed', async () => {
  const before = tree(A);
  const again = await pullInto(A);
  expect(again.error).toBeNull();
  expect(again.files).toMatchObject({ created: [], changed: [], removed: [] });
  expect(tree(A)).toEqual(before);
});

test('the pulled Actions type-check and run under claimkit run', async () => {
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(A, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
  expect({ status: tsc.status, out: tsc.stdout }).toEqual({ status: 0, out: '' });
  const mappings = { AUTH0_KEYWORD_REPLACE_MAPPINGS: PULLED_MAPPINGS };
  const login = captureIo({ cwd: A, env: mappings });
  expect(await main(['run', '--tenant', 'tenant.yaml', '--json'], login)).toBe(0);
  expect(JSON.parse(login.out())).toMatchObject({ outcome: 'success', idToken: { claims: { 'https://claims.example.com/tier': 'free' } } });
  const machine = captureIo({ cwd: A, env: mappings });
  expect(await main(['run', '--trigger', 'credentials-exchange', '--tenant', 'tenant.yaml', '--json'], machine)).toBe(0);
  expect(JSON.parse(machine.out())).toMatchObject({ outcome: 'success', accessToken: { claims: { 'https://claims.example.com/tier': 'free' } } });
});

test('nothing is lost: the pulled project deployed to an empty tenant leaves it as the original tenant.yaml says', async () => {
  const s = await deploy({ tenantFile: path.join(A, 'tenant.yaml'), env: env(empty, { AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify({ ...JSON.parse(PULLED_MAPPINGS), LOGSTREAMS_DATADOG_SECRET: 'dd-test-key' }), COMPANY_ONLY__ALLOWED_DOMAIN: 'example.com' }), dryRun: false, allowDelete: false, log: () => {} });
  expect(s.error).toBeNull();
  const original = await deploy({ tenantFile: path.join(source.dir, 'tenant.yaml'), env: env(empty, { AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify(MAPPINGS) }), dryRun: true, allowDelete: false, log: () => {} });
  expect(original.error).toBeNull();
  expect(changes(original)).toEqual([]);
});

test("both formats of a0deploy's export convert into the project the pull wrote", async () => {
  const [yamlExport, dirExport] = await Promise.all([a0deploy(['export', '-f', 'yaml', '-o', path.join(work, 'yaml')]), a0deploy(['export', '-f', 'directory', '-o', path.join(work, 'directory')])]);
  expect([yamlExport.code, dirExport.code]).toEqual([0, 0]);
  const pulled = tree(A);
  for (const format of ['yaml', 'directory']) {
    const out = path.join(work, `from-${format}`);
    const s = await pull({ out, cwd: work, env: {}, fromExport: path.join(work, format), keywords: KEYWORDS, force: false, log: () => {} });
    expect(s.error).toBeNull();
    const converted = tree(out);
    // The export holds the client it was made with (the tenant's deploy client), which the pull leaves out;
    // the directory format has no way to say "no branding templates".
    const yaml = parse(converted['tenant.yaml'] ?? '') as Record<string, Array<Record<string, unknown>>>;
    expect(yaml['clients']?.map((c) => c['name'])).toEqual(['Claims Demo SPA', 'Reports Worker', 'claimkit (Management API)']);
    const expected = (pulled['tenant.yaml'] ?? '').replace(/(\n  - name: Reports Worker\n(?: {4}.*\n)+)/, `$1  - name: claimkit (Management API)\n${(converted['tenant.yaml'] ?? '').split('  - name: claimkit (Management API)\n')[1]?.split(/\n(?=\S|  - name: )/)[0] ?? ''}\n`);
    expect(converted['tenant.yaml']).toBe(format === 'yaml' ? expected : expected.replace('  templates: []\n', ''));
    expect({ ...converted, 'tenant.yaml': '' }).toEqual({ ...pulled, 'tenant.yaml': '' });
  }
  // Deployed against the tenant it came from, the converted export plans no change either (its deploy client is left alone).
  const s = await dryRun(path.join(work, 'from-yaml'), tenant);
  expect(s.error).toBeNull();
  expect(changes(s)).toEqual([]);
});

test('an Action with an undeployed draft is pulled as it runs, one never deployed as its draft, both said', async () => {
  const transport = installTransport(tenant.info.domain, fs.readFileSync(tenant.info.caFile, 'utf8'));
  try {
    const mgmt = managementClient({ kind: 'remote', domain: tenant.info.domain, clientId: tenant.info.clientId, clientSecret: tenant.info.clientSecret, ca: undefined, banner: undefined });
    const actions = [];
    for await (const a of await mgmt.actions.list({})) actions.push(a);
    const tier = actions.find((a) => a.name === 'tier-claims');
    await mgmt.actions.update(String(tier?.id), { code: 'exports.onExecutePostLogin = async () => { /* a draft */ };' });
    await mgmt.actions.create({ name: 'never-deployed', code: 'exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("https://d/x", 1); };', supported_triggers: [{ id: 'post-login', version: 'v3' }] });
  } finally {
    await transport.restore();
  }
  const out = path.join(work, 'drafts');
  const s = await pullInto(out);
  expect(s.error).toBeNull();
  expect(fs.readFileSync(path.join(out, 'actions/tier-claims.js'), 'utf8')).toBe(fs.readFileSync(path.join(A, 'actions/tier-claims.js'), 'utf8'));
  expect(fs.readFileSync(path.join(out, 'actions/never-deployed.js'), 'utf8')).toContain('setCustomClaim("https://d/x", 1)');
  expect(s.notes.filter((n) => n.kind === 'attention' && n.subject.startsWith('action ')).map((n) => [n.subject, n.message.split(':')[0]])).toEqual([
    ['action never-deployed', 'has never been deployed'],
    ['action tier-claims', 'has a draft with changes that were never deployed'],
  ]);
  // A deploy deploys the one and puts the deployed code back over the other's draft.
  const dry = await dryRun(out, tenant);
  expect(dry.plan?.changes.filter((c) => c.change !== 'unchanged').map((c) => [c.name, c.reasons])).toEqual([['never-deployed', ['not deployed']], ['tier-claims', ['undeployed draft']]]);
});
