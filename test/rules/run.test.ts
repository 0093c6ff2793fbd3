// Legacy Rules in the harness (the fast, in-process path): what a Rule sees and what Auth0 did with
// what it left in `context`.
import { makeEvent, runPostLogin, type NamedAction } from '../../src/harness/index.ts';
import { continueRules, runRules, type RuleInput } from '../../src/rules/index.ts';
import type { PostLoginEvent } from '../../src/types/index.ts';

const NS = 'https://claims.example.com/';
const rule = (name: string, body: string): RuleInput => ({ name, script: `function (user, context, callback) {\n${body}\n}` });
/** A Rule that puts what it computes into the ID token as JSON, to read it back. */
const probe = (expr: string) => rule('probe', `context.idToken['${NS}probe'] = ${expr};\ncallback(null, user, context);`);
async function probeValue(expr: string, event: PostLoginEvent = makeEvent()): Promise<unknown> {
  const r = await runRules(probe(expr), event);
  expect(r.error).toBeNull();
  return r.idToken.claims[`${NS}probe`];
}

describe('the context a Rule gets, from the event an Action gets', () => {
  const event = makeEvent({
    authorization: { roles: ['admin'] },
    organization: { id: 'org_1', name: 'acme', display_name: 'Acme', metadata: { tier: 'gold' } },
    client: { metadata: { tier: 'internal' } },
  });

  test.each([
    ['context.clientID', event.client.client_id],
    ['context.clientName', event.client.name],
    ['context.clientMetadata', { tier: 'internal' }],
    ['context.connection', event.connection.name],
    ['context.connectionID', event.connection.id],
    ['context.connectionStrategy', event.connection.strategy],
    ['context.tenant', event.tenant.id],
    ['context.protocol', event.transaction?.protocol],
    ['context.stats.loginsCount', event.stats.logins_count],
    ['context.sessionID', event.session?.id],
    ['context.request.userAgent', event.request.user_agent],
    ['context.request.ip', event.request.ip],
    ['context.request.query.scope', 'openid profile email'],
    ['context.request.geoip.country_code', 'US'],
    ['context.request.geoip.city_name', 'Bellevue'],
    ['context.request.geoip.time_zone', 'America/Los_Angeles'],
    ['context.request.geoip.countryCode', undefined],
    ['context.authorization.roles', ['admin']],
    ['context.organization', { id: 'org_1', name: 'acme', display_name: 'Acme', metadata: { tier: 'gold' } }],
    // Integers in Rules; ISO strings in Actions.
    ['context.authentication.methods[0].timestamp', Date.parse(event.authentication?.methods[0]?.timestamp ?? '')],
  ])('%s', async (expr, expected) => {
    expect(await probeValue(expr, event)).toEqual(expected);
  });

  test('parts an event lacks are undefined in the context too', async () => {
    expect(await probeValue('[typeof context.authorization, typeof context.organization]', makeEvent({ authorization: undefined }))).toEqual(['undefined', 'undefined']);
  });

  test('the user: empty metadata is undefined, as in Rules; app_metadata fields are merged onto it', async () => {
    expect(await probeValue('[typeof user.app_metadata, typeof user.user_metadata, user.email]')).toEqual(['undefined', 'undefined', 'j+smith@example.com']);
    const withPlan = makeEvent({ user: { app_metadata: { plan: 'pro' }, user_metadata: { theme: 'dark' } } });
    expect(await probeValue('[user.app_metadata.plan, user.plan, user.user_metadata.theme]', withPlan)).toEqual(['pro', 'pro', 'dark']);
  });

  test('configuration, and one global object for every Rule of the login', async () => {
    const r = await runRules(
      [rule('first', 'global.seen = configuration.GREETING; callback(null, user, context);'), rule('second', `context.idToken['${NS}g'] = global.seen; callback(null, user, context);`)],
      makeEvent(),
      { configuration: { GREETING: 'hello' } },
    );
    expect(r.idToken.claims).toEqual({ [`${NS}g`]: 'hello' });
  });
});

describe('what Auth0 did with what a Rule left in context', () => {
  const api = makeEvent({ resource_server: { identifier: 'https://api.example.com' } });

  test('claims go through the claim policy: restricted names and opaque access tokens are dropped', async () => {
    const r = await runRules(rule('claims', `context.idToken.roles = ['a']; context.idToken['${NS}ok'] = 1; context.accessToken['${NS}ok'] = 2; callback(null, user, context);`), makeEvent());
    expect(r.idToken.claims).toEqual({ [`${NS}ok`]: 1 });
    expect(r.dropped.map((d) => [d.token, d.claim, d.rule])).toEqual([
      ['id', 'roles', 'restricted-name'],
      ['access', `${NS}ok`, 'opaque-access-token'],
    ]);
  });

  test('claim values are JSON as in the token: undefined sets no claim, a Date becomes a string', async () => {
    const r = await runRules(rule('json', `context.idToken['${NS}none'] = undefined; context.idToken['${NS}when'] = new Date(0); callback(null, user, context);`), makeEvent());
    expect(r.idToken.claims).toEqual({ [`${NS}when`]: '1970-01-01T00:00:00.000Z' });
  });

  test('context.accessToken.scope replaces the granted scopes', async () => {
    const r = await runRules(rule('scopes', "context.accessToken.scope = ['openid', 'read:reports']; callback(null, user, context);"), api);
    expect(r.accessToken.scopes).toEqual({ added: ['read:reports'], removed: ['profile', 'email'] });
  });

  test('callback(new UnauthorizedError(m)) denies with the message and error=unauthorized; the next Rules and the Actions do not run', async () => {
    let actionRan = false;
    const action: NamedAction = { name: 'after', action: { onExecutePostLogin: async () => void (actionRan = true) } };
    const r = await runRules([rule('deny', "callback(new UnauthorizedError('Staff only.'));"), rule('next', 'callback(null, user, context);')], makeEvent(), { actions: action });
    expect(r.outcome).toBe('denied');
    expect(r.denied).toEqual({ reason: 'Staff only.', code: 'unauthorized' });
    expect(r.actions).toEqual([{ name: 'deny', ran: true }, { name: 'next', ran: false }, { name: 'after', ran: false }]);
    expect(actionRan).toBe(false);
  });

  test.each([
    ["new Error('Nope.')", { reason: 'Nope.' }],
    ["'plain text'", { reason: 'plain text' }],
  ])('callback(%s) denies with access_denied', async (error, denied) => {
    const r = await runRules(rule('deny', `callback(${error});`), makeEvent());
    expect(r.denied).toEqual(denied);
  });

  test('a Rule that throws, or whose async function rejects, fails the login', async () => {
    const thrown = await runRules(rule('throws', 'user.user_metadata.favorite_color;'), makeEvent());
    expect(thrown.outcome).toBe('error');
    expect(thrown.error).toEqual({ action: 'throws', message: expect.stringContaining('favorite_color') });
    const rejected = await runRules({ name: 'async', script: 'async function (user, context, callback) { await null; throw new Error("late"); }' }, makeEvent());
    expect(rejected.error).toEqual({ action: 'async', message: 'late' });
  });

  test('a Rule that never calls back times out, as the webtask did', async () => {
    const r = await runRules(rule('silent', 'if (false) callback(null, user, context);'), makeEvent(), { rulesTimeoutMs: 50 });
    expect(r.outcome).toBe('error');
    expect(r.error?.action).toBe('silent');
    expect(r.error?.message).toContain('Request to Webtask exceeded allowed execution time');
  });

  test('only the first callback counts; a second one is logged', async () => {
    const r = await runRules(rule('twice', "callback(null, user, context); callback(new Error('ignored'));"), makeEvent());
    expect(r.outcome).toBe('success');
    expect(r.logs).toEqual([expect.objectContaining({ action: 'twice', level: 'warn', message: expect.stringContaining('more than once') })]);
  });

  test('Rules run in order, each with the user and context the previous one called back with', async () => {
    const r = await runRules(
      [rule('a', `context.idToken['${NS}order'] = ['a']; user.nickname = 'changed'; callback(null, user, context);`), rule('b', `context.idToken['${NS}order'].push('b', user.nickname); callback(null, user, context);`)],
      makeEvent(),
    );
    expect(r.idToken.claims).toEqual({ [`${NS}order`]: ['a', 'b', 'changed'] });
  });

  test('console output is in the logs, per Rule', async () => {
    const r = await runRules(rule('talks', "console.log('hello', 42); callback(null, user, context);"), makeEvent());
    expect(r.logs).toEqual([{ action: 'talks', level: 'log', message: 'hello 42' }]);
  });
});

describe('metadata updates through the auth0 object', () => {
  const user = { app_metadata: { plan: 'free', keep: 1, gone: 'x' }, user_metadata: { theme: 'dark' } };

  test('updateAppMetadata merges root keys (null deletes) at once; later Rules and the Actions see it', async () => {
    let seen: unknown;
    const action: NamedAction = { name: 'reads', action: { onExecutePostLogin: async (event, a) => void ((seen = event.user.app_metadata), a.rules.wasExecuted('update')) } };
    const r = await runRules(
      rule('update', "auth0.users.updateAppMetadata(user.user_id, { plan: 'pro', gone: null }).then(() => callback(null, user, context));"),
      makeEvent({ user }),
      { actions: action },
    );
    expect(r.user.app_metadata).toEqual({ plan: 'pro', keep: 1 });
    expect(seen).toEqual({ plan: 'pro', keep: 1 });
    expect(r.calls).toEqual(expect.arrayContaining([{ action: 'update', method: 'auth0.users.updateAppMetadata', args: [expect.any(String), { plan: 'pro', gone: null }] }, { action: 'reads', method: 'rules.wasExecuted', args: ['update'] }]));
  });

  test('an empty object clears the metadata; updates of another user change nothing here', async () => {
    const r = await runRules(rule('clear', "auth0.users.updateUserMetadata(user.user_id, {}); auth0.users.updateAppMetadata('auth0|someone-else', { plan: 'x' }); callback(null, user, context);"), makeEvent({ user }));
    expect(r.user).toEqual({ app_metadata: user.app_metadata, user_metadata: {} });
  });

  test('what a Rule wrote stays written when a later Rule fails the login (the Management API call was made)', async () => {
    const r = await runRules([rule('write', "auth0.users.updateAppMetadata(user.user_id, { plan: 'pro' }, () => callback(null, user, context));"), rule('fail', 'null.x;')], makeEvent({ user }));
    expect(r.outcome).toBe('error');
    expect(r.user.app_metadata).toEqual({ ...user.app_metadata, plan: 'pro' });
  });
});

describe('MFA, redirects and the Actions after the Rules', () => {
  test('context.multifactor is recorded as the MFA the login asks for', async () => {
    const r = await runRules(rule('mfa', "context.multifactor = { provider: 'any', allowRememberBrowser: false }; callback(null, user, context);"), makeEvent());
    expect(r.calls).toContainEqual({ action: 'mfa', method: 'context.multifactor', args: [{ provider: 'any', allowRememberBrowser: false }] });
  });

  test('context.redirect pauses the login after all Rules; at /continue every Rule runs again with protocol redirect-callback', async () => {
    const script = rule('consent', `if (context.protocol === 'redirect-callback') { context.idToken['${NS}back'] = context.request.query.answer; return callback(null, user, context); }
      context.redirect = { url: 'https://consent.example.com/ask' }; callback(null, user, context);`);
    const paused = await runRules([script, rule('after', `context.idToken['${NS}after'] = context.protocol; callback(null, user, context);`)], makeEvent());
    expect(paused.redirect?.url).toMatch(/^https:\/\/consent\.example\.com\/ask\?state=/);
    const resumed = await continueRules(paused, { request: { query: { state: paused.redirect?.state, answer: 'yes' } } });
    expect(resumed.outcome).toBe('success');
    expect(resumed.idToken.claims).toEqual({ [`${NS}back`]: 'yes', [`${NS}after`]: 'redirect-callback' });
    const again = await runRules(script, makeEvent());
    const wrong = await continueRules(again, { request: { query: { state: 'forged' } } });
    expect(wrong.error?.code).toBe('invalid_request');
  });

  test('a redirect where Auth0 cannot redirect fails the login', async () => {
    const r = await runRules(rule('redir', "context.redirect = { url: 'https://x.example.com' }; callback(null, user, context);"), makeEvent({ transaction: { protocol: 'oauth2-refresh-token' } }));
    expect(r.outcome).toBe('error');
  });

  test('the result has the same shape as an Action flow; an Action overrides a Rule claim of the same name', async () => {
    const action: NamedAction = { name: 'later', action: { onExecutePostLogin: async (_e, a) => void a.idToken.setCustomClaim(`${NS}x`, 'action') } };
    const both = await runRules(rule('first', `context.idToken['${NS}x'] = 'rule'; callback(null, user, context);`), makeEvent(), { actions: action });
    const alone = await runPostLogin(action, makeEvent());
    expect(Object.keys(both).sort()).toEqual(Object.keys(alone).sort());
    expect(both.idToken.claims).toEqual({ [`${NS}x`]: 'action' });
    expect(both.actions).toEqual([{ name: 'first', ran: true }, { name: 'later', ran: true }]);
  });
});
