// claimkit check on tenant.yaml's sections and every trigger's Actions: nothing in tenant.yaml is
// skipped silently, and what a deploy could not do is reported at its line before any request.
import path from 'node:path';
import { buildProject, type BuildResult } from '../../src/build/build.ts';
import { makeProject, OK_ACTION } from './project.ts';

const build = (dir: string): Promise<BuildResult> => buildProject({ tenantFile: path.join(dir, 'tenant.yaml'), env: {}, write: false });
/** The line of the first line of `text` that starts with `start`. */
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;
const errors = (r: BuildResult) => r.findings.filter((f) => f.severity === 'error').map((f) => ({ code: f.code, line: f.location.line, message: f.message }));

const action = (name: string, trigger: string, version: string) =>
  `  - name: ${name}\n    code: ./dist/actions/${name}.js\n    runtime: node22\n    deployed: true\n    supported_triggers:\n      - { id: ${trigger}, version: ${version} }\n`;

test('a section neither claimkit nor auth0-deploy-cli knows is an error at its line, with a suggestion', async () => {
  const yaml = `actions:\n${action('a', 'post-login', 'v3')}clientGrant:\n  - { client_id: x, audience: https://api.example.com }\n`;
  const r = await build(makeProject({ a: { code: OK_ACTION } }, { tenantYaml: yaml }));
  expect(errors(r)).toEqual([{ code: 'ERR_TENANT_YAML_INVALID', line: lineOf(yaml, '  - { client_id: x'), message: expect.stringMatching(/"clientGrant" is not a tenant.yaml section .* \(did you mean "clientGrants"\?\)/) }]);
});

test("sections auth0-deploy-cli applies for claimkit (branding, prompts, email templates…) pass the check", async () => {
  const yaml = `actions:\n${action('a', 'post-login', 'v3')}branding:\n  colors: { primary: '#000000' }\nprompts:\n  identifier_first: true\nexclude:\n  clients: [Legacy App]\n`;
  expect(errors(await build(makeProject({ a: { code: OK_ACTION } }, { tenantYaml: yaml })))).toEqual([]);
});

test('a file a passed-through section names must be inside the project: auth0-deploy-cli would send its content to the tenant', async () => {
  const yaml = `actions:\n${action('a', 'post-login', 'v3')}emailTemplates:\n  - template: verify_email\n    enabled: true\n    body: ./emails/verify_email.html\n  - template: welcome_email\n    enabled: true\n    body: ../../../../proc/self/environ\n`;
  const r = await build(makeProject({ a: { code: OK_ACTION } }, { tenantYaml: yaml, extraFiles: { 'emails/verify_email.html': '<p>Verify</p>' } }));
  expect(errors(r).map((e) => [e.code, e.line])).toEqual([['ERR_TENANT_YAML_INVALID', lineOf(yaml, '    body: ../../')]]);
});

test("exclude and include name known sections with lists of names: anything else would be ignored, and --allow-delete would delete what was meant to be kept", async () => {
  const yaml = `actions:\n${action('a', 'post-login', 'v3')}exclude:\n  clients: Legacy App\n  client: [Legacy App]\n  actions: [a]\ninclude: [clients]\n`;
  const r = await build(makeProject({ a: { code: OK_ACTION } }, { tenantYaml: yaml }));
  expect(errors(r).map((e) => [e.code, e.line])).toEqual([
    ['ERR_TENANT_YAML_INVALID', lineOf(yaml, '  clients: Legacy App')],
    ['ERR_TENANT_YAML_INVALID', lineOf(yaml, '  client: [')],
    ['ERR_TENANT_YAML_INVALID', lineOf(yaml, 'include:')],
  ]);
});

test('an item a handler cannot deploy is reported at its own line', async () => {
  const yaml = [
    `actions:\n${action('a', 'post-login', 'v3').trimEnd()}`,
    'clients:\n  - name: SPA\n  - app_type: spa',
    'clientGrants:\n  - audience: https://api.example.com',
    'connections:\n  - name: corp-saml',
    'organizations:\n  - name: acme\n    connections: [Username-Password-Authentication]',
    'triggers:\n  post-logn:\n    - action_name: a',
  ].join('\n');
  const r = await build(makeProject({ a: { code: OK_ACTION } }, { tenantYaml: `${yaml}\n` }));
  expect(errors(r).map((e) => [e.line, e.message])).toEqual([
    [lineOf(yaml, '  - app_type: spa'), expect.stringMatching(/^clients: A client needs "name"/)],
    [lineOf(yaml, '  - audience:'), expect.stringMatching(/^clientGrants: A client grant needs "client_id"/)],
    [lineOf(yaml, '  - name: corp-saml'), expect.stringMatching(/^connections: A connection needs "strategy"/)],
    [lineOf(yaml, '    connections:'), expect.stringMatching(/^organizations: connections must be a list of \{ name/)],
    [lineOf(yaml, '    - action_name: a'), expect.stringMatching(/^triggers: "post-logn" is not an Actions trigger/)],
  ]);
});

test('a field of the wrong type (a string where the API wants a list, a string for a number) is an error at its line, before any write', async () => {
  const yaml = [
    `actions:\n${action('a', 'post-login', 'v3').trimEnd()}`,
    'resourceServers:\n  - identifier: https://api.example.com\n    token_lifetime: "86400"',
    'clients:\n  - name: SPA\n    callbacks: http://localhost:3000/callback\n    grant_types: [authorization_code]',
    'tenant:\n  enabled_locales: en',
  ].join('\n');
  const r = await build(makeProject({ a: { code: OK_ACTION } }, { tenantYaml: `${yaml}\n` }));
  expect(errors(r).map((e) => [e.code, e.line])).toEqual([
    ['ERR_TENANT_YAML_INVALID', lineOf(yaml, '    token_lifetime:')],
    ['ERR_TENANT_YAML_INVALID', lineOf(yaml, '    callbacks:')],
    ['ERR_TENANT_YAML_INVALID', lineOf(yaml, '  enabled_locales:')],
  ]);
  // A keyword stands for its value, whose type is known once a deploy replaces it.
  const keywords = yaml.replace('callbacks: http://localhost:3000/callback', "callbacks: '@@SPA_CALLBACKS@@'").replace('token_lifetime: "86400"', 'token_lifetime: ##LIFETIME##').replace('enabled_locales: en', 'enabled_locales: [en]');
  expect(errors(await build(makeProject({ a: { code: OK_ACTION } }, { tenantYaml: `${keywords}\n` })))).toEqual([]);
});

test("Actions of every trigger build with that trigger's handler; binding one under another trigger is refused", async () => {
  const m2m = 'exports.onExecuteCredentialsExchange = async (event, api) => { api.accessToken.setCustomClaim("https://c.example.com/t", 1); };\n';
  const signup = 'exports.onExecutePreUserRegistration = async (event, api) => {};\n';
  const yaml = `actions:\n${action('login', 'post-login', 'v3')}${action('m2m', 'credentials-exchange', 'v2')}${action('signup', 'pre-user-registration', 'v2')}triggers:\n  post-login:\n    - action_name: login\n  credentials-exchange:\n    - action_name: m2m\n  pre-user-registration:\n    - action_name: signup\n`;
  const ok = await build(makeProject({ login: { code: OK_ACTION }, m2m: { code: m2m }, signup: { code: signup } }, { tenantYaml: yaml }));
  expect(ok.findings).toEqual([]);

  // A credentials-exchange Action exporting the post-login handler does not load on Auth0.
  const wrong = await build(makeProject({ login: { code: OK_ACTION }, m2m: { code: OK_ACTION }, signup: { code: signup } }, { tenantYaml: yaml }));
  expect(errors(wrong)).toEqual([{ code: 'ERR_ACTION_NO_HANDLER', line: undefined, message: expect.stringContaining('"onExecuteCredentialsExchange"') }]);

  const misbound = yaml.replace('  credentials-exchange:\n    - action_name: m2m\n', '  credentials-exchange:\n    - action_name: login\n');
  const r = await build(makeProject({ login: { code: OK_ACTION }, m2m: { code: m2m }, signup: { code: signup } }, { tenantYaml: misbound }));
  expect(errors(r)).toEqual([{ code: 'ERR_BINDING_WRONG_TRIGGER', line: lineOf(misbound, '  credentials-exchange:') + 1, message: expect.stringMatching(/credentials-exchange binds "login", a post-login Action \(its supported_triggers\).*Bind it under triggers.post-login/) }]);
});

test('a trigger at an old version is refused with the version to use', async () => {
  const yaml = `actions:\n${action('a', 'credentials-exchange', 'v1')}`;
  const r = await build(makeProject({ a: { code: OK_ACTION } }, { tenantYaml: yaml }));
  expect(errors(r)).toEqual([expect.objectContaining({ code: 'ERR_TRIGGER_UNSUPPORTED', message: expect.stringContaining('{ id: credentials-exchange, version: v2 }') })]);
});
