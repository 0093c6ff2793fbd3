// claimkit migrate, construct by construct: the Action text it writes and what that Action does.
import { isClaimkitError } from '../../src/errors.ts';
import { makeEvent, runPostLogin } from '../../src/harness/index.ts';
import { actionNameFor, migrateRule } from '../../src/migrate/index.ts';
import { runRules } from '../../src/rules/index.ts';
import type { PostLoginEvent } from '../../src/types/index.ts';
import { bodyLines, load, migrate, ruleScript } from './helpers.ts';

const NS = 'https://claims.example.com/';

/** Runs the Rule and its migration on one event: their claims, denial and metadata. */
async function both(body: string, event: PostLoginEvent, configuration: Record<string, string> = {}) {
  const m = migrate(body);
  const rule = await runRules({ name: 'rule', script: ruleScript(body) }, event, { configuration });
  const action = await runPostLogin({ name: 'action', action: load(m), secrets: configuration }, event);
  const view = (r: typeof rule) => ({ outcome: r.outcome, id: r.idToken.claims, access: r.accessToken.claims, denied: r.denied?.reason ?? null, user: r.user });
  return { m, rule: view(rule), action: view(action) };
}

test('the Action name from a Rule name keeps the base letters of accented ones', () => {
  expect(actionNameFor('Add roles to tokens')).toBe('add-roles-to-tokens');
  expect(actionNameFor('ünïcode rüle')).toBe('unicode-rule');
  expect(actionNameFor('Règle façade (ÉTÉ)')).toBe('regle-facade-ete');
  expect(actionNameFor('規則')).toBe('migrated-rule');
});

test('an npm package required without a version is converted and said: the Action must declare it', () => {
  const m = migrate(`const _ = require('lodash');\nconst crypto = require('crypto');\ncontext.idToken['${NS}n'] = _.size(crypto.randomUUID());\ncallback(null, user, context);`);
  expect(m.dependencies).toEqual([]);
  expect(m.notes).toEqual(expect.arrayContaining([expect.objectContaining({ line: 2, message: expect.stringMatching(/^require\('lodash'\) names no version.*ERR_DEPENDENCY_UNDECLARED/) })]));
  expect(m.notes.some((n) => n.message.includes("require('crypto')"))).toBe(false);
});

describe('callbacks', () => {
  test('success at the end goes; elsewhere it becomes return; an error becomes api.access.deny and return', () => {
    const m = migrate(`if (!user.email_verified) {
  return callback(new UnauthorizedError('Verify your email.'));
}
if (user.blocked) return callback('Blocked.');
if (context.clientID === 'x') return callback(null, user, context);
callback(null, user, context);`);
    expect(bodyLines(m)).toEqual([
      'if (!event.user.email_verified) {',
      "api.access.deny('Verify your email.');",
      'return;',
      '}',
      'if (event.user.blocked) {',
      "api.access.deny('Blocked.');",
      'return;',
      '}',
      "if (event.client.client_id === 'x') return;",
    ]);
    expect(m.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('error=unauthorized'));
  });

  test('callback(err) with a variable denies with its message when it is set', async () => {
    const body = "const err = user.email_verified ? null : new Error('unverified'); return callback(err);";
    const { rule, action } = await both(body, makeEvent({ user: { email_verified: false } }));
    expect(action).toEqual(rule);
    expect(action.denied).toBe('unverified');
  });

  test('callback called from nested functions: the body runs in a Promise the Action awaits', async () => {
    const body = `setTimeout(function () {
  context.idToken['${NS}late'] = true;
  if (!user.email_verified) return callback(new Error('late no'));
  callback(null, user, context);
}, 1);`;
    const m = migrate(body);
    expect(m.code).toContain('await new Promise<void>((resolve) => {');
    for (const verified of [true, false]) {
      const { rule, action } = await both(body, makeEvent({ user: { email_verified: verified } }));
      expect(action).toEqual(rule);
    }
  });
});

describe('context and user fields', () => {
  test.each([
    ['context.clientID', 'event.client.client_id'],
    ['context.clientName', 'event.client.name'],
    ['context.clientMetadata.tier', 'event.client.metadata.tier'],
    ['context.connection', 'event.connection.name'],
    ['context.connectionStrategy', 'event.connection.strategy'],
    ['context.connectionMetadata.region', 'event.connection.metadata?.region'],
    ['context.tenant', 'event.tenant.id'],
    ['context.protocol', 'event.transaction?.protocol'],
    ['context.stats.loginsCount', 'event.stats.logins_count'],
    ['context.request.userAgent', 'event.request.user_agent'],
    ['context.request.geoip.country_code', 'event.request.geoip.countryCode'],
    ['context.request.geoip.continent_code', 'event.request.geoip.continentCode'],
    ['context.sessionID', 'event.session?.id'],
    ['context.authorization.roles', 'event.authorization.roles'],
    ['(context.authorization || {}).roles', 'event.authorization?.roles'],
    ['(context.clientMetadata || {}).tier', 'event.client.metadata.tier'],
    ['context.organization.name', 'event.organization.name'],
    ['context.sso.current_clients', '(event.session?.clients ?? []).map((c) => c.client_id)'],
    ['user.email', 'event.user.email'],
    ['user.app_metadata || {}', 'event.user.app_metadata'],
    ['configuration.API_KEY', 'event.secrets.API_KEY'],
  ])('%s → %s', (rule, action) => {
    expect(bodyLines(migrate(`const v = ${rule};\ncallback(null, user, context);`))).toEqual([`const v = ${action};`]);
  });

  test('a variable holding part of context reads through the variable, keys renamed', () => {
    expect(bodyLines(migrate('const geo = context.request.geoip;\nconst country = geo.country_code;\ncallback(null, user, context);'))).toEqual([
      'const geo = event.request.geoip;',
      'const country = geo.countryCode;',
    ]);
  });

  test('configuration keys become secrets, printed in the tenant.yaml entry with the versioned packages', () => {
    const m = migrate("const _ = require('lodash@4.17.21');\nconst token = configuration.API_TOKEN;\ncallback(null, user, context);", 'call-crm');
    expect(m.secrets).toEqual(['API_TOKEN']);
    expect(m.dependencies).toEqual([{ name: 'lodash', version: '4.17.21' }]);
    expect(bodyLines(m)).toEqual(["const _ = require(\"lodash\");", 'const token = event.secrets.API_TOKEN;']);
    expect(m.tenantYaml).toContain('- name: call-crm');
    expect(m.tenantYaml).toContain('- { name: lodash, version: 4.17.21 }');
    expect(m.tenantYaml).toContain('- { name: API_TOKEN }');
    expect(m.tenantYaml).toContain('- { action_name: call-crm, display_name: call-crm }');
  });

  test("the user's comments stay where they were", () => {
    const m = migrate(`// Only staff.
const ok = user.email_verified; /* verified */
// Claims for the SPA:
context.idToken['${NS}ok'] = ok;
callback(null, user, context);`);
    expect(bodyLines(m)).toEqual(['// Only staff.', 'const ok = event.user.email_verified; /* verified */', '// Claims for the SPA:', `api.idToken.setCustomClaim("${NS}ok", ok as ClaimValue);`]);
    expect(m.code).toContain("import type { ClaimValue, PostLoginAction } from '../src/types/index.ts';");
  });
});

describe('writes to context', () => {
  test('claims on both tokens, with literal values kept and others cast to ClaimValue', () => {
    expect(bodyLines(migrate(`context.idToken['${NS}a'] = 'x';\ncontext.accessToken[NS + 'b'] = user.app_metadata.b;\ncallback(null, user, context);`))).toEqual([
      `api.idToken.setCustomClaim("${NS}a", 'x');`,
      'api.accessToken.setCustomClaim(NS + \'b\', event.user.app_metadata.b as ClaimValue);',
    ]);
  });

  test('a computed value is cast whole: (a || b) as ClaimValue', () => {
    expect(bodyLines(migrate(`context.idToken['${NS}plan'] = (user.app_metadata || {}).plan || 'free';\ncallback(null, user, context);`))).toEqual([
      `api.idToken.setCustomClaim("${NS}plan", ((event.user.app_metadata.plan as string | undefined) || 'free') as ClaimValue);`,
    ]);
  });

  test('MFA and redirects become api calls; a redirect gets a note about onContinuePostLogin', () => {
    const m = migrate("context.multifactor = { provider: 'any', allowRememberBrowser: false };\ncontext.redirect = { url: 'https://x.example.com/step' };\ncallback(null, user, context);");
    expect(bodyLines(m)).toEqual(["api.multifactor.enable('any', { allowRememberBrowser: false });", "api.redirect.sendUserTo('https://x.example.com/step');"]);
    expect(m.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('onContinuePostLogin'));
  });

  test('MFA for a role behaves the same (the MFA the login asks for)', async () => {
    const body = "if ((context.authorization || {}).roles.includes('admin')) context.multifactor = { provider: 'any' };\ncallback(null, user, context);";
    const m = migrate(body);
    const r = await runPostLogin({ name: 'a', action: load(m) }, makeEvent({ authorization: { roles: ['admin'] } }));
    expect(r.calls).toContainEqual({ action: 'a', method: 'multifactor.enable', args: ['any'] });
  });
});

describe('metadata', () => {
  const user = { app_metadata: { plan: 'free', keep: true } };

  test('changes the Rule persisted become api.user.setAppMetadata where they happen; the update call goes', async () => {
    const body = `user.app_metadata = user.app_metadata || {};
user.app_metadata.plan = 'pro';
user.app_metadata.tags = user.app_metadata.tags || [];
user.app_metadata.tags.push('migrated');
auth0.users.updateAppMetadata(user.user_id, user.app_metadata)
  .then(function () { callback(null, user, context); })
  .catch(function (err) { callback(err); });`;
    const { m, rule, action } = await both(body, makeEvent({ user }));
    expect(bodyLines(m)).toEqual([
      "event.user.app_metadata.plan = 'pro';",
      'api.user.setAppMetadata("plan", event.user.app_metadata.plan);',
      'event.user.app_metadata.tags = (event.user.app_metadata.tags as unknown[] | undefined) || [];',
      'api.user.setAppMetadata("tags", event.user.app_metadata.tags);',
      "(event.user.app_metadata.tags as unknown[]).push('migrated');",
      'api.user.setAppMetadata("tags", event.user.app_metadata.tags);',
    ]);
    expect(action).toEqual(rule);
    expect(action.user.app_metadata).toEqual({ plan: 'pro', keep: true, tags: ['migrated'] });
  });

  test('when the Rule may stop between a change and the update, the Action writes at the update, as the Rule did', async () => {
    const body = `user.app_metadata = user.app_metadata || {};
user.app_metadata.plan = 'pro';
if (!user.email_verified) return callback(new UnauthorizedError('no'));
auth0.users.updateAppMetadata(user.user_id, user.app_metadata).then(() => callback(null, user, context));`;
    for (const verified of [true, false]) {
      const { rule, action } = await both(body, makeEvent({ user: { ...user, email_verified: verified } }));
      expect(action).toEqual(rule);
    }
  });

  test('an object the converter cannot follow is written key by key at the update', () => {
    const m = migrate("const md = user.app_metadata || {};\nObject.assign(md, { a: 1 });\nauth0.users.updateAppMetadata(user.user_id, md).then(() => callback(null, user, context));");
    expect(bodyLines(m)).toContain('for (const [key, value] of Object.entries(md)) api.user.setAppMetadata(key, value);');
  });
});

describe('what needs a human stays, commented out, with the reason', () => {
  test.each([
    ['global.cache = {};', 'no `global` object'],
    ['const t = auth0.accessToken;', 'Management API token'],
    ['doSomething(context);', '`context` as a whole'],
    ["context.accessToken.scope = ['read'];", 'addScope'],
    ["user.nickname = 'x';", 'changes to the Rules user object were not saved'],
    ['const s = context.sso.with_auth0;', 'context.sso'],
    ['const o = context.connectionOptions.tenant_domain;', 'connectionOptions'],
    ["context.multifactor = { provider: configuration.PROVIDER };", 'as a literal'],
    ["if (context.protocol === 'redirect-callback') { return callback(null, user, context); }", 'onContinuePostLogin'],
  ])('%s', (statement, reason) => {
    const m = migrate(`${statement}\ncallback(null, user, context);`);
    expect(m.todos).toEqual([{ line: 2, message: expect.stringContaining(reason) }]);
    const lines = bodyLines(m);
    expect(lines[0]).toMatch(/^\/\/ TODO\(claimkit\): /);
    // Never silently dropped: the original code is still there, commented out.
    expect(lines[1]).toBe(`// ${statement.split('\n')[0]}`);
    expect(m.code).toContain('TODO(claimkit) below need a human');
  });

  test('a TODO in a branch without braces keeps the branch whole', () => {
    const m = migrate('if (user.email) global.x = 1;\nelse callback(null, user, context);\ncallback(null, user, context);');
    expect(() => load(m)).not.toThrow();
    expect(m.code).toContain('// global.x = 1;');
  });
});

describe('input that is not a Rule', () => {
  test.each([
    ['function (user, context, callback) {', /does not parse/],
    ['42', /not a function/],
    ["function (user, context, callback) { callback(null, user, context); }\nconsole.log('x')", /code after its function/],
  ])('%s', (script, message) => {
    try {
      migrateRule(script, { ruleName: 'bad', ruleFile: 'rules/bad.js', root: '/project' });
      throw new Error('expected an error');
    } catch (err) {
      expect(isClaimkitError(err, 'ERR_RULE_LOAD')).toBe(true);
      expect((err as Error).message).toMatch(message);
      expect((err as { location?: { line?: number } }).location?.line).toBeGreaterThan(0);
    }
  });
});
