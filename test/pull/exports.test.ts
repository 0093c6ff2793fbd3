// Converting an auth0-deploy-cli export someone else wrote: both formats read as auth0-deploy-cli reads
// them, placeholders kept; every malformed or hostile export is refused with the file and what to do,
// and nothing is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { pull, type PullSummary } from '../../src/pull/pull.ts';

jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-export-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>, root = path.join(dir, 'export')): string {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const convert = (from: string, extra: Partial<Parameters<typeof pull>[0]> = {}): Promise<PullSummary> =>
  pull({ out: path.join(dir, 'out'), cwd: dir, env: {}, fromExport: from, keywords: [], force: false, log: () => {}, ...extra });

const ACTION_YAML = `actions:
  - name: add-claims
    code: ./actions/add-claims/code.js
    deployed: true
    runtime: node22
    dependencies:
      - name: axios
        version: 1.7.9
    secrets:
      - name: API_KEY
    supported_triggers:
      - id: post-login
        version: v3
    status: built
triggers:
  post-login:
    - action_name: add-claims
      display_name: Add claims
clients:
  - name: SPA
    callbacks: @@CALLBACKS@@
    app_type: spa
`;
const CODE = "const axios = require('axios');\nexports.onExecutePostLogin = async (event, api) => {\n  const r = await axios.get('https://##API_HOST##/x', { headers: { key: event.secrets.API_KEY } });\n  api.idToken.setCustomClaim('##NS##tier', r.data);\n};\n";

test('a YAML export: code and files loaded, placeholders kept, npm dependencies typed, secrets named', async () => {
  const from = write({ 'tenant.yaml': ACTION_YAML, 'actions/add-claims/code.js': CODE });
  const s = await convert(from);
  expect(s.error).toBeNull();
  const out = path.join(dir, 'out');
  const y = parse(fs.readFileSync(path.join(out, 'tenant.yaml'), 'utf8')) as Record<string, Array<Record<string, unknown>>>;
  expect(y['clients']?.[0]).toEqual({ name: 'SPA', app_type: 'spa', callbacks: '@@CALLBACKS@@' });
  expect(y['actions']?.[0]).not.toHaveProperty('status');
  const code = fs.readFileSync(path.join(out, 'actions/add-claims.js'), 'utf8');
  expect(code).toContain('"https://##API_HOST##/x"');
  expect(fs.readFileSync(path.join(out, 'actions/npm-dependencies.d.ts'), 'utf8')).toContain('declare module "axios";');
  expect(s.actions).toEqual([expect.objectContaining({ name: 'add-claims', checked: true })]);
  const example = fs.readFileSync(path.join(out, '.env.example'), 'utf8');
  expect(example).toMatch(/their values never leave the tenant: API_HOST, CALLBACKS, NS\./);
  expect(example).toMatch(/^ADD_CLAIMS__API_KEY=$/m);
});

test("an Action secret's value an export holds never reaches tenant.yaml: the name stays, the value goes to .env; a placeholder stays", async () => {
  const yaml = ACTION_YAML.replace('      - name: API_KEY\n', '      - name: API_KEY\n        value: s3cr3t-from-the-export\n      - name: HOST\n        value: "##API_HOST##"\n');
  const from = write({ 'tenant.yaml': yaml, 'actions/add-claims/code.js': CODE });
  const s = await convert(from);
  expect(s.error).toBeNull();
  const out = path.join(dir, 'out');
  const text = fs.readFileSync(path.join(out, 'tenant.yaml'), 'utf8');
  const y = parse(text) as Record<string, Array<Record<string, unknown>>>;
  expect(y['actions']?.[0]?.['secrets']).toEqual([{ name: 'API_KEY' }, { name: 'HOST', value: '##API_HOST##' }]);
  for (const f of fs.readdirSync(out, { recursive: true, encoding: 'utf8' })) {
    if (fs.statSync(path.join(out, f)).isFile()) expect(fs.readFileSync(path.join(out, f), 'utf8')).not.toContain('s3cr3t-from-the-export');
  }
  expect(fs.readFileSync(path.join(out, '.env.example'), 'utf8')).toMatch(/^ADD_CLAIMS__API_KEY=$/m);
  expect(s.notes).toContainEqual(expect.objectContaining({ kind: 'attention', subject: 'action add-claims' }));
});

test("credentials an export holds for the email provider and log streams become keywords, never values in tenant.yaml; placeholders stay", async () => {
  const yaml = `emailProvider:\n  name: smtp\n  enabled: true\n  credentials:\n    smtp_host: smtp.example.com\n    smtp_port: 587\n    smtp_user: mailer\n    smtp_pass: hunter2-smtp\nlogStreams:\n  - name: Splunk\n    type: splunk\n    sink:\n      splunkDomain: splunk.example.com\n      splunkToken: splunk-t0ken\n  - name: Datadog\n    type: datadog\n    sink:\n      datadogApiKey: "##LOGSTREAMS_DATADOG_SECRET##"\n      datadogRegion: eu\n`;
  const s = await convert(write({ 'tenant.yaml': yaml }));
  expect(s.error).toBeNull();
  const out = path.join(dir, 'out');
  const text = fs.readFileSync(path.join(out, 'tenant.yaml'), 'utf8');
  expect(text).not.toContain('hunter2-smtp');
  expect(text).not.toContain('splunk-t0ken');
  const y = parse(text) as { emailProvider: { credentials: Record<string, unknown> }; logStreams: Array<{ name: string; sink: Record<string, unknown> }> };
  expect(y.emailProvider.credentials).toEqual({ smtp_host: 'smtp.example.com', smtp_port: 587, smtp_user: 'mailer', smtp_pass: '##EMAILPROVIDER_SMTP_CREDENTIALS_SMTP_PASS##' });
  expect(y.logStreams.find((l) => l.name === 'Splunk')?.sink).toEqual({ splunkDomain: 'splunk.example.com', splunkToken: '##LOGSTREAMS_SPLUNK_SINK_SPLUNKTOKEN##' });
  expect(y.logStreams.find((l) => l.name === 'Datadog')?.sink['datadogApiKey']).toBe('##LOGSTREAMS_DATADOG_SECRET##');
  expect(fs.readFileSync(path.join(out, '.env.example'), 'utf8')).toMatch(/never leave the tenant: EMAILPROVIDER_SMTP_CREDENTIALS_SMTP_PASS, LOGSTREAMS_DATADOG_SECRET, LOGSTREAMS_SPLUNK_SINK_SPLUNKTOKEN\./);
});

test('an Action declaring an npm package its code never requires is said: claimkit check would stop the first deploy', async () => {
  const yaml = `${ACTION_YAML}  - name: Other\n    app_type: spa\n`.replace('actions:\n', 'actions:\n  - name: leftover\n    code: ./actions/leftover/code.js\n    deployed: true\n    runtime: node22\n    dependencies:\n      - { name: lodash, version: 4.17.21 }\n    supported_triggers:\n      - { id: post-login, version: v3 }\n');
  const from = write({ 'tenant.yaml': yaml, 'actions/add-claims/code.js': CODE, 'actions/leftover/code.js': 'exports.onExecutePostLogin = async () => {};\n' });
  const s = await convert(from);
  expect(s.error).toBeNull();
  const unused = s.notes.filter((n) => n.message.includes('ERR_DEPENDENCY_UNUSED'));
  expect(unused).toEqual([expect.objectContaining({ kind: 'attention', subject: 'action leftover', message: expect.stringMatching(/^declares lodash but its code never requires it/) })]);
});

test('a file that is not UTF-8 (a Latin-1 "Cliënt") is refused at its line, nothing written; UTF-8 text holding U+FFFD itself is read', async () => {
  const latin1 = path.join(dir, 'latin1');
  fs.mkdirSync(path.join(latin1, 'clients'), { recursive: true });
  fs.writeFileSync(path.join(latin1, 'tenant.yaml'), Buffer.from('clients:\n  - name: Cli\xebnt\n    app_type: spa\n', 'latin1'));
  const yaml = await convert(latin1);
  expect(yaml.error).toEqual({ code: 'ERR_EXPORT_INVALID', message: expect.stringMatching(/tenant\.yaml is not UTF-8 text \(line 2/) });
  expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  const directory = path.join(dir, 'latin1-directory');
  fs.mkdirSync(path.join(directory, 'clients'), { recursive: true });
  fs.writeFileSync(path.join(directory, 'clients/client.json'), Buffer.from('{ "name": "Cli\xebnt", "app_type": "spa" }', 'latin1'));
  expect((await convert(directory)).error).toEqual({ code: 'ERR_EXPORT_INVALID', message: expect.stringMatching(/clients[/\\]client\.json is not UTF-8 text/) });
  expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  const s = await convert(write({ 'tenant.yaml': 'clients:\n  - name: "Cli\uFFFDnt"\n    app_type: spa\n' }));
  expect(s.error).toBeNull();
});

test('a directory export reads into the same project as the same tenant in YAML', async () => {
  const yaml = write({ 'tenant.yaml': ACTION_YAML.replace('@@CALLBACKS@@', '[https://spa.example.com/cb]'), 'actions/add-claims/code.js': CODE }, path.join(dir, 'yaml'));
  const directory = write(
    {
      'actions/add-claims.json': JSON.stringify({ name: 'add-claims', code: './actions/add-claims/code.js', deployed: true, runtime: 'node22', dependencies: [{ name: 'axios', version: '1.7.9' }], secrets: [{ name: 'API_KEY' }], supported_triggers: [{ id: 'post-login', version: 'v3' }], status: 'built' }),
      'actions/add-claims/code.js': CODE,
      'triggers/triggers.json': JSON.stringify({ 'post-login': [{ action_name: 'add-claims', display_name: 'Add claims' }] }),
      'clients/SPA.json': JSON.stringify({ name: 'SPA', callbacks: ['https://spa.example.com/cb'], app_type: 'spa' }),
    },
    path.join(dir, 'directory'),
  );
  const a = await convert(yaml, { out: path.join(dir, 'a') });
  const b = await convert(directory, { out: path.join(dir, 'b') });
  expect([a.error, b.error]).toEqual([null, null]);
  for (const f of ['tenant.yaml', 'actions/add-claims.js', '.env.example']) expect(fs.readFileSync(path.join(dir, 'b', f), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'a', f), 'utf8'));
});

test('files named from outside the export, symbolic links, missing files: refused, nothing written', async () => {
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ 'tenant.yaml': 'actions:\n  - name: a\n    code: ../secret.txt\n' }, /leads out of the export/],
    [{ 'tenant.yaml': 'actions:\n  - name: a\n    code: /etc/passwd\n' }, /must be a path relative to the export/],
    [{ 'tenant.yaml': 'actions:\n  - name: a\n    code: ./missing.js\n' }, /missing\.js is named by the export but does not exist/],
    [{ 'tenant.yaml': 'emailTemplates:\n  - template: verify_email\n    body: ../../secret.txt\n' }, /leads out of the export/],
  ];
  for (const [files, message] of cases) {
    fs.rmSync(path.join(dir, 'export'), { recursive: true, force: true });
    const s = await convert(write(files));
    expect(s.error).toEqual({ code: 'ERR_EXPORT_INVALID', message: expect.stringMatching(message) });
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  }
  fs.rmSync(path.join(dir, 'export'), { recursive: true, force: true });
  const from = write({ 'tenant.yaml': 'actions:\n  - name: a\n    code: ./code.js\n' });
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(from, 'code.js'));
  expect((await convert(from)).error).toEqual({ code: 'ERR_EXPORT_INVALID', message: expect.stringMatching(/code\.js is a symbolic link/) });
});

test('malformed exports: bad YAML or JSON at its line, items a deploy would refuse, huge files, not an export', async () => {
  expect((await convert(write({ 'tenant.yaml': 'clients:\n  - name: [unclosed\n' }))).error).toEqual({ code: 'ERR_EXPORT_INVALID', message: expect.stringMatching(/tenant\.yaml:\d+:\d+: Invalid YAML/) });
  fs.rmSync(path.join(dir, 'export'), { recursive: true, force: true });
  expect((await convert(write({ 'clients/a.json': '{ "name": "a", }' }))).error).toEqual({ code: 'ERR_JSON_INVALID', message: expect.stringMatching(/clients\/a\.json:1:\d+: Invalid JSON/) });
  fs.rmSync(path.join(dir, 'export'), { recursive: true, force: true });
  expect((await convert(write({ 'clients/a.json': '[1, 2]' }))).error).toEqual({ code: 'ERR_EXPORT_INVALID', message: expect.stringMatching(/must hold one JSON object/) });
  fs.rmSync(path.join(dir, 'export'), { recursive: true, force: true });
  expect((await convert(write({ 'clients/a.json': '{"__proto__": {"polluted": true}, "name": "a"}' }))).error?.code).toBe('ERR_INPUT_UNSAFE_KEY');
  fs.rmSync(path.join(dir, 'export'), { recursive: true, force: true });
  const refused = await convert(write({ 'tenant.yaml': 'clients:\n  - app_type: spa\nclientGrants:\n  - audience: https://api\n' }));
  expect(refused.error).toEqual({ code: 'ERR_EXPORT_INVALID', message: expect.stringMatching(/clients\[0\]: A client needs "name"[\s\S]*clientGrants\[0\]: A client grant needs "client_id"/) });
  fs.rmSync(path.join(dir, 'export'), { recursive: true, force: true });
  expect((await convert(write({ 'tenant.yaml': `tenant:\n  friendly_name: "${'x'.repeat(5 * 1024 * 1024)}"\n` }))).error?.code).toBe('ERR_INPUT_TOO_LARGE');
  fs.rmSync(path.join(dir, 'export'), { recursive: true, force: true });
  expect((await convert(write({ 'README.md': '# not an export' }))).error).toEqual({ code: 'ERR_EXPORT_INVALID', message: expect.stringMatching(/is not an auth0-deploy-cli export/) });
  expect((await convert(path.join(dir, 'nope'))).error?.code).toBe('ERR_FILE_NOT_FOUND');
});

test('Action names that cannot be file names are left out, under exclude, with their trigger bindings, and said', async () => {
  const from = write({
    'tenant.yaml': `actions:
  - { name: ../escape, code: ./a.js, deployed: true, supported_triggers: [{ id: post-login, version: v3 }] }
  - { name: Tier, code: ./a.js, deployed: true, supported_triggers: [{ id: post-login, version: v3 }] }
  - { name: tier, code: ./a.js, deployed: true, supported_triggers: [{ id: post-login, version: v3 }] }
  - { name: fine, code: ./a.js, deployed: true, supported_triggers: [{ id: credentials-exchange, version: v2 }] }
triggers:
  post-login: [{ action_name: ../escape, display_name: x }]
  credentials-exchange: [{ action_name: fine, display_name: Fine }]
unknownSection: {}
`,
    'a.js': 'exports.onExecuteCredentialsExchange = async () => {};\nexports.onExecutePostLogin = async () => {};\n',
  });
  const s = await convert(from);
  expect(s.error).toBeNull();
  const out = path.join(dir, 'out');
  expect(fs.readdirSync(path.join(out, 'actions'))).toEqual(['fine.js']);
  const y = parse(fs.readFileSync(path.join(out, 'tenant.yaml'), 'utf8')) as Record<string, unknown>;
  expect(y['exclude']).toEqual({ actions: ['../escape', 'Tier', 'tier'] });
  expect(y['triggers']).toEqual({ 'credentials-exchange': [{ action_name: 'fine', display_name: 'Fine' }] });
  expect(s.notes.filter((n) => n.kind === 'left-out').map((n) => n.subject).sort()).toEqual(['action ../escape', 'action Tier', 'action tier', 'triggers.post-login', 'unknownSection']);
});
