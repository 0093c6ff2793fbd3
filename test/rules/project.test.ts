// Finding a project's Rules (tenant.yaml's rules:, an auth0-deploy-cli export's rules/ folder) and
// running them with `claimkit run --rule` / `--rules`.
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { isClaimkitError } from '../../src/errors.ts';
import { loginRules, readTenantRules } from '../../src/rules/project.ts';
import { captureIo } from '../cli/helpers.ts';

const FIXTURES = path.join(__dirname, 'fixtures');
const PROJECT = path.join(FIXTURES, 'project');
const EXPORT = path.join(FIXTURES, 'export');

async function run(args: string[], cwd = PROJECT, env: Record<string, string> = {}) {
  const io = captureIo({ cwd, env });
  const code = await main(['run', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('where Rules are declared', () => {
  test("tenant.yaml's rules: in pipeline order (by order), disabled ones kept apart, with rulesConfigs", () => {
    const t = readTenantRules(PROJECT, path.join(PROJECT, 'tenant.yaml'));
    expect(t.rules.map((r) => [r.name, r.order, r.enabled])).toEqual([
      ['deny-unverified', 1, true],
      ['add-roles', 2, true],
      ['old-experiment', 3, false],
    ]);
    expect(loginRules(t).map((r) => r.name)).toEqual(['deny-unverified', 'add-roles']);
    expect(t.rules[1]?.file).toBe(path.join(PROJECT, 'rules/add-roles.js'));
    expect([...t.configs]).toEqual([['CLAIM_NAMESPACE', 'https://claims.example.com/']]);
  });

  test("an auth0-deploy-cli directory export: rules/<name>.json with the script beside it, rules-configs/", () => {
    const t = readTenantRules(EXPORT);
    expect(t.rules.map((r) => [r.name, r.stage])).toEqual([['Pre Authorize', 'pre_authorize'], ['Country Claim', 'login_success']]);
    expect(t.rules[1]?.file).toBe(path.join(EXPORT, 'rules/Country-Claim.js'));
    expect(loginRules(t).map((r) => r.name)).toEqual(['Country Claim']);
    expect(t.configs.get('GREETING')).toBe('hello');
  });

  test('a malformed rules: entry is ERR_TENANT_YAML_INVALID at its line', () => {
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'rules-yaml-'));
    fs.writeFileSync(path.join(dir, 'tenant.yaml'), 'rules:\n  - name: no-script\n    order: 1\n');
    try {
      readTenantRules(dir, path.join(dir, 'tenant.yaml'));
      throw new Error('expected an error');
    } catch (err) {
      expect(isClaimkitError(err, 'ERR_TENANT_YAML_INVALID')).toBe(true);
      expect((err as Error).message).toMatch(/tenant\.yaml:2:\d+: The Rule "no-script" needs a "script"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a stranger\'s Rule file', () => {
  const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'hostile-rules-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['nested 5,000 deep', () => `function (user, context, callback) { const x = ${'['.repeat(5000)}${']'.repeat(5000)}; callback(null, user, context); }`, /Not enough stack space.*\[ERR_RULE_LOAD\]/],
    ['over 1 MB', () => `function (user, context, callback) { /* ${'x'.repeat(1024 * 1024)} */ callback(null, user, context); }`, /larger than 1048576 bytes.*\[ERR_INPUT_TOO_LARGE\]/],
    ['not UTF-8 text', () => '\u0000\u0001function', /does not parse.*\[ERR_RULE_LOAD\]/],
    ['Latin-1, not UTF-8', () => Buffer.from("function (user, context, callback) {\n  context.idToken['https://claims.example.com/name'] = 'Zo\xeb';\n  callback(null, user, context);\n}\n", 'latin1'), /:2: The Rule's script is not UTF-8 text \(line 2.*\[ERR_RULE_LOAD\]/],
  ])('%s: one message and exit 2 for run and migrate, nothing else', async (name, make, message) => {
    const file = path.join(dir, `${name.replace(/\W/g, '-')}.js`);
    fs.writeFileSync(file, make());
    for (const command of [['run', '--rule', file], ['migrate', file]]) {
      const io = captureIo({ cwd: dir });
      expect(await main(command, io)).toBe(2);
      expect(io.err()).toMatch(message);
      expect(io.out()).toBe('');
    }
  });
});

describe('claimkit run --rule / --rules', () => {
  test('--rules runs the enabled login Rules in order, then the bound Actions, which see what the Rules did', async () => {
    const { code, out } = await run(['--rules', '--event', 'event.json', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.actions).toEqual([{ name: 'deny-unverified', ran: true }, { name: 'add-roles', ran: true }, { name: 'after-rules', ran: true }]);
    expect(r.idToken.claims).toEqual({
      'https://claims.example.com/roles': ['admin', 'editor'],
      'https://claims.example.com/rules_ran': true,
      'https://claims.example.com/roles_seen': 2,
    });
    expect(r.user.app_metadata).toEqual({ roles_seen: 2 });
  });

  test('--rule takes a Rule by name or by file; the report reads like an Action run', async () => {
    const byName = await run(['--rule', 'add-roles', '--event', 'event.json']);
    expect(byName.code).toBe(0);
    expect(byName.out).toMatch(/^SUCCESS: 1 Rule\(s\) and Action\(s\): add-roles\n/);
    expect(byName.out).toContain('https://claims.example.com/roles: ["admin","editor"]');
    const byFile = await run(['--rule', path.join(EXPORT, 'rules/Country-Claim.js'), '--json'], EXPORT);
    expect(JSON.parse(byFile.out).idToken.claims).toEqual({ 'https://claims.example.com/country': 'US', 'https://claims.example.com/greeting': 'hello' });
  });

  test('a denial is exit 0 with the reason; a Rule that throws is exit 1', async () => {
    const denied = await run(['--rule', 'deny-unverified', '--event', 'unverified.json']);
    expect(denied.code).toBe(0);
    expect(denied.out).toMatch(/^DENIED: 1 Rule\(s\) and Action\(s\): deny-unverified\nAccess denied: Verify your email first\. \(code unauthorized\)/);
    const failing = await run(['--rule', path.join(FIXTURES, 'broken/throws.js')]);
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(/Login fails in throws: .*favorite_color/);
  });

  test('configuration values come from the environment, the event file or rulesConfigs; a missing one is named', async () => {
    const missing = await run(['--rule', path.join(EXPORT, 'rules/Country-Claim.js')], PROJECT);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/reads configuration\.GREETING, which has no value.*\[ERR_SECRET_MISSING\]/);
    const fromEnv = await run(['--rule', path.join(EXPORT, 'rules/Country-Claim.js'), '--json'], PROJECT, { GREETING: 'hi from env' });
    expect(JSON.parse(fromEnv.out).idToken.claims['https://claims.example.com/greeting']).toBe('hi from env');
  });

  test.each([
    ['unversioned.js', /broken[/\\]unversioned\.js:2: The Rule requires 'request' without a version.*require\('request@<version>'\).*\[ERR_DEPENDENCY_UNDECLARED\]/s],
    ['syntax.js', /broken[/\\]syntax\.js:2:\d+: The Rule does not parse: Unexpected token.*\[ERR_RULE_LOAD\]/],
    ['not-a-rule.js', /not-a-rule\.js:1:\d+: The Rule.s script is not a function but a AssignmentExpression.*\[ERR_RULE_LOAD\]/],
    ['trailing.js', /trailing\.js:2: The Rule has code after its function.*\[ERR_RULE_LOAD\]/],
    ['statements.js', /statements\.js:2:1: The Rule.s script is JavaScript, but not a function: it starts with a VariableDeclaration\..*function \(user, context, callback\).*\[ERR_RULE_LOAD\]/],
    ['missing.js', /No Rule file .*missing\.js.*Declared Rules: deny-unverified, add-roles, old-experiment.*\[ERR_RULE_NOT_FOUND\]/],
  ])('%s: bad input is one message with its place and exit 2', async (file, message) => {
    const r = await run(['--rule', path.join(FIXTURES, 'broken', file)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});
