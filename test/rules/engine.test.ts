// Rules in the Action engine: a stranger's code, isolated and bounded like an Action.
import { ActionEngine } from '../../src/engine/index.ts';
import { makeEvent } from '../../src/harness/index.ts';
import { runRules } from '../../src/rules/index.ts';

const engine = new ActionEngine({ timeoutMs: 1_000, graceMs: 100 });
afterAll(() => engine.close());

const NS = 'https://claims.example.com/';
const code = (body: string) => `function (user, context, callback) {\n${body}\n}`;

test('a Rule gives the same result in the engine as in the harness', async () => {
  const script = code(`const roles = (context.authorization || {}).roles || [];
    context.idToken['${NS}roles'] = roles;
    console.log('roles', roles.length, configuration.K);
    auth0.users.updateAppMetadata(user.user_id, { seen: true }).then(() => callback(null, user, context));`);
  const event = makeEvent({ authorization: { roles: ['admin', 'editor'] } });
  const isolated = await engine.executeRules([{ name: 'roles', code: script }], [], event, { configuration: { K: 'v' } });
  const local = await runRules({ name: 'roles', script }, event, { configuration: { K: 'v' } });
  expect(isolated).toEqual(JSON.parse(JSON.stringify(local)));
  expect(isolated.logs).toEqual([{ action: 'roles', level: 'log', message: 'roles 2 v' }]);
});

test('Rules run before the Actions in one job; a failure names the step that failed', async () => {
  const action = { name: 'after', code: `exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('${NS}rules', event.user.app_metadata.seen === true); };` };
  const r = await engine.executeRules([{ name: 'writes', code: code("auth0.users.updateAppMetadata(user.user_id, { seen: true }, () => callback(null, user, context));") }], [action], makeEvent());
  expect(r.idToken.claims).toEqual({ [`${NS}rules`]: true });
  expect(r.actions).toEqual([{ name: 'writes', ran: true }, { name: 'after', ran: true }]);
  const failing = await engine.executeRules([{ name: 'ok', code: code('callback(null, user, context);') }, { name: 'broken', code: code('undefinedThing();') }], [action], makeEvent());
  expect(failing.error?.action).toBe('broken');
});

test.each([
  ['a synchronous loop', 'for (;;) {}', /Request to Webtask exceeded allowed execution time/],
  ['process.exit', 'process.exit(3)', /process\.exit\(3\)/],
  ['an uncaught error from a timer', "setTimeout(() => { throw new Error('boom'); }, 1);", /boom/],
  ['reading the host\'s files', "callback(null, require('fs').readFileSync('/etc/hostname', 'utf8'));", /restricted|ERR_ACCESS_DENIED|denied/i],
])('%s fails the login, never the host', async (_what, body, message) => {
  const r = await engine.executeRules([{ name: 'hostile', code: code(body) }], [], makeEvent(), { rulesTimeoutMs: 300, timeoutMs: 300 });
  expect(r.outcome).toBe('error');
  expect(r.error?.action).toBe('hostile');
  expect(r.error?.message).toMatch(message);
});

test("a synchronous loop is stopped at its own phase's budget: a Rule at the Rules', an Action after them at the Actions'", async () => {
  const looping = await engine.executeRules([{ name: 'spins', code: code('for (;;) {}') }], [], makeEvent(), { rulesTimeoutMs: 300, timeoutMs: 60_000 });
  expect(looping.error).toEqual({ action: 'spins', message: expect.stringContaining('Request to Webtask exceeded allowed execution time: the Rules did not all call back within 0.3 s') });
  const action = { name: 'spins-too', code: 'exports.onExecutePostLogin = async () => { for (;;) {} };' };
  const later = await engine.executeRules([{ name: 'ok', code: code('callback(null, user, context);') }], [action], makeEvent(), { rulesTimeoutMs: 60_000, timeoutMs: 300 });
  expect(later.error).toEqual({ action: 'spins-too', message: expect.stringContaining('Script execution time exceeded (300 ms)') });
});

test("a Rule sees none of the host's environment", async () => {
  const r = await engine.executeRules([{ name: 'env', code: code(`context.idToken['${NS}env'] = Object.keys(process.env).length; callback(null, user, context);`) }], [], makeEvent());
  expect(r.idToken.claims).toEqual({ [`${NS}env`]: 0 });
});

test('a Rule that never calls back times out with the webtask message', async () => {
  const r = await engine.executeRules([{ name: 'silent', code: code('') }], [], makeEvent(), { rulesTimeoutMs: 100 });
  expect(r.error).toEqual({ action: 'silent', message: expect.stringContaining('Request to Webtask exceeded allowed execution time') });
});

test('a Rule requiring a package it did not get at its version gets a clear error', async () => {
  const r = await engine.executeRules([{ name: 'needs', code: code("const _ = require('lodash@4.17.21'); callback(null, user, context);") }], [], makeEvent());
  expect(r.outcome).toBe('error');
  expect(r.error?.message).toMatch(/Cannot find module 'lodash'.*Declare "lodash"/);
});

test('loadRule: a script that is not a function, or does not compile, is ERR_RULE_LOAD', async () => {
  expect(await engine.loadRule({ name: 'ok', code: code('callback(null, user, context);') })).toBeNull();
  expect(await engine.loadRule({ name: 'number', code: '42' })).toEqual({ code: 'ERR_RULE_LOAD', message: expect.stringContaining('not a function') });
  expect(await engine.loadRule({ name: 'broken', code: 'function (user, context, callback) {' })).toMatchObject({ code: 'ERR_RULE_LOAD' });
});
