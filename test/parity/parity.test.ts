// claimkit parity: a deliberately wrong Action is caught, with the smallest differing login.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { makeEvent, runPostLogin } from '../../src/harness/index.ts';
import { compareResults, eventOverrides, inProcessSides, parity, parityEvents, ruleLiterals, type ParityReport, type ParitySide } from '../../src/parity/index.ts';
import { mergeEventFile, readEventFile } from '../../src/project/event-file.ts';
import { runRules } from '../../src/rules/index.ts';
import { parseRule } from '../../src/rules/parse.ts';
import type { PostLoginAction } from '../../src/types/index.ts';
import * as wrong from './fixtures/wrong-roles.ts';
import { captureIo, ROOT } from '../cli/helpers.ts';

const RULE_FILE = path.join(ROOT, 'test/rules/corpus/rules/add-roles-to-tokens.js');
const RULE = fs.readFileSync(RULE_FILE, 'utf8');
const NS = 'https://claims.example.com/';
const SEED = 1337;

function check(action: PostLoginAction, seed = SEED, runs = 500): Promise<ParityReport> {
  const literals = ruleLiterals(parseRule(RULE, RULE_FILE));
  return parity({ ...inProcessSides({ rule: { name: 'add-roles', script: RULE }, action }), events: parityEvents({ literals }), literals, runs, seed });
}

describe('a deliberately wrong Action', () => {
  let report: ParityReport;
  beforeAll(async () => {
    report = await check(wrong);
  });

  test('is caught, with the smallest differing login fast-check found', () => {
    expect(report.ok).toBe(false);
    const d = report.divergence;
    expect(d).not.toBeNull();
    expect(d?.differences).toContainEqual({ path: `idToken[${JSON.stringify(`${NS}roles`)}]`, rule: [], action: undefined });
    // Shrunk: no roles at all, and little else that differs from the default login.
    expect(d?.event.authorization?.roles ?? []).toEqual([]);
    expect(JSON.stringify(eventOverrides(d?.event ?? makeEvent())).length).toBeLessThan(1500);
    expect(d?.foundAfter).toBeGreaterThanOrEqual(1);
  });

  test('the same seed finds the same login and the same differences', async () => {
    const again = await check(wrong);
    expect(again.divergence?.event).toEqual(report.divergence?.event);
    expect(again.divergence?.differences).toEqual(report.divergence?.differences);
  });

  test('the login, written as an event file, reproduces the difference in claimkit run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-event-'));
    const file = path.join(dir, 'counterexample.json');
    fs.writeFileSync(file, JSON.stringify(eventOverrides(report.divergence?.event ?? makeEvent())));
    const event = mergeEventFile(makeEvent(), readEventFile(file));
    const rule = await runRules({ name: 'add-roles', script: RULE }, event);
    const action = await runPostLogin(wrong, event);
    expect(compareResults(rule, action)).toEqual(report.divergence?.differences);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the second mistake is found too once the first is fixed: the audience read from another place', async () => {
    const halfFixed: PostLoginAction = {
      onExecutePostLogin: async (event, api) => {
        const roles = event.authorization?.roles ?? [];
        api.idToken.setCustomClaim(`${NS}roles`, roles);
        if (event.resource_server) api.accessToken.setCustomClaim(`${NS}roles`, roles);
      },
    };
    const r = await check(halfFixed);
    expect(r.ok).toBe(false);
    expect(r.divergence?.differences.map((x) => x.path)).toEqual([`accessToken[${JSON.stringify(`${NS}roles`)}]`]);
  });
});

describe('what parity compares', () => {
  const rule = (body: string) => ({ name: 'r', script: `function (user, context, callback) { ${body} }` });

  test('two failed logins agree whatever their messages; denials compare their reasons, not the OAuth code', async () => {
    const event = makeEvent();
    const failedRule = await runRules(rule('null.x;'), event);
    const failedAction = await runPostLogin({ onExecutePostLogin: async () => { throw new Error('other'); } }, event);
    expect(compareResults(failedRule, failedAction)).toEqual([]);
    const deniedRule = await runRules(rule("callback(new UnauthorizedError('No.'));"), event);
    const deniedAction = await runPostLogin({ onExecutePostLogin: async (_e, api) => void api.access.deny('No.') }, event);
    expect(compareResults(deniedRule, deniedAction)).toEqual([]);
    const otherReason = await runPostLogin({ onExecutePostLogin: async (_e, api) => void api.access.deny('Nope.') }, event);
    expect(compareResults(deniedRule, otherReason)).toEqual([{ path: 'denied', rule: 'No.', action: 'Nope.' }]);
  });

  test('MFA: context.multifactor and api.multifactor.enable compare as the same request', async () => {
    const event = makeEvent();
    const r = await runRules(rule("context.multifactor = { provider: 'any' }; callback(null, user, context);"), event);
    const same = await runPostLogin({ onExecutePostLogin: async (_e, api) => void api.multifactor.enable('any') }, event);
    const remember = await runPostLogin({ onExecutePostLogin: async (_e, api) => void api.multifactor.enable('any', { allowRememberBrowser: true }) }, event);
    expect(compareResults(r, same)).toEqual([]);
    expect(compareResults(r, remember)).toEqual([{ path: 'mfa.allowRememberBrowser', rule: false, action: true }]);
  });

  test.each([
    ["context.clientName === 'Partner Portal'", 'client'],
    ["context.connection === 'Corporate-AD'", 'connection'],
    ["context.connectionStrategy === 'waad'", 'connection'],
  ])('a Rule that denies when %s is reached: an Action that forgot it diverges', async (condition, group) => {
    const script = `function (user, context, callback) { if (${condition}) return callback(new UnauthorizedError('Not here.')); callback(null, user, context); }`;
    const literals = ruleLiterals(parseRule(script, 'by-name.js'));
    const r = await parity({ ...inProcessSides({ rule: { name: 'by-name', script }, action: { onExecutePostLogin: async () => undefined } }), events: parityEvents({ literals }), literals, runs: 300, seed: 11 });
    expect(r.ok).toBe(false);
    expect(r.divergence?.differences[0]).toMatchObject({ path: 'outcome' });
    expect(r.divergence?.rule.denied?.reason).toBe('Not here.');
    expect(Object.keys(r.coverage[group] ?? {}).some((f) => /"(Partner Portal|Corporate-AD|waad)"/.test(f))).toBe(true);
  });

  test('coverage counts the values the Rule tests for', async () => {
    const mfa = fs.readFileSync(path.join(ROOT, 'test/rules/corpus/rules/mfa-per-role.js'), 'utf8');
    const literals = ruleLiterals(parseRule(mfa, 'mfa-per-role.js'));
    expect(literals.words).toEqual(expect.arrayContaining(['admin', 'billing-admin', 'mfa', 'any']));
    const r = await parity({ ...inProcessSides({ rule: { name: 'mfa', script: mfa }, action: { onExecutePostLogin: async () => undefined } }), events: parityEvents({ literals }), literals, runs: 300, seed: 9 });
    // An Action that never asks for MFA diverges on an admin who has not done MFA yet.
    expect(r.divergence?.differences[0]?.path).toBe('mfa');
    expect(r.divergence?.event.authorization?.roles).toEqual(expect.arrayContaining([expect.stringMatching(/^(admin|billing-admin)$/)]));
  });
});

describe('a side that runs out of time', () => {
  test('a Rule that never calls back diverges on the first login, which is not shrunk (each try would cost the whole budget)', async () => {
    const never = { name: 'never', script: "function (user, context, callback) { context.idToken['https://claims.example.com/a'] = 1; }" };
    const literals = ruleLiterals(parseRule(never.script, 'never.js'));
    const action: PostLoginAction = { onExecutePostLogin: async (_e, api) => void api.idToken.setCustomClaim('https://claims.example.com/a', 1) };
    let ruleLogins = 0;
    const rule: ParitySide = (events) => {
      ruleLogins += events.length;
      return Promise.all(events.map((e) => runRules(never, e, { rulesTimeoutMs: 5 })));
    };
    const sides = inProcessSides({ rule: never, action });
    const r = await parity({ rule, action: sides.action, events: parityEvents({ literals }), literals, runs: 50, seed: 3 });
    expect(r.ok).toBe(false);
    expect(r.ran).toBe(1);
    expect(r.divergence?.shrinks).toBe(0);
    expect(r.divergence?.rule.outcome).toBe('error');
    expect(r.divergence?.differences[0]?.path).toBe('outcome');
    // The first login, once: no shrinking, no replay.
    expect(ruleLogins).toBe(1);
  });
});

describe('claimkit parity', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-cli-'));
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));
  const wrongFile = path.join(ROOT, 'test/parity/fixtures/wrong-roles.ts');

  test('exit 1 on a difference, with the differences, the shrunk login saved as an event file, and the replay command', async () => {
    const io = captureIo({ cwd: project });
    const code = await main(['parity', RULE_FILE, wrongFile, '--runs', '300', '--seed', String(SEED)], io);
    expect(code).toBe(1);
    const out = io.out();
    expect(out).toMatch(/^DIVERGED: the Rule and the Action differ \(found on login \d+ of 300, shrunk \d+ time\(s\), seed 1337\)\./);
    expect(out).toContain(`idToken["${NS}roles"]: [] → (absent)`);
    expect(out).toContain(`Replay: claimkit parity`);
    const saved = /Saved as an event file: (.*)\n/.exec(out)?.[1] ?? '';
    expect(fs.existsSync(path.resolve(project, saved))).toBe(true);
    // Each side can be run on it.
    const run = captureIo({ cwd: project });
    expect(await main(['run', '--rule', RULE_FILE, '--event', saved, '--json'], run)).toBe(0);
    expect(JSON.parse(run.out()).idToken.claims).toEqual({ [`${NS}roles`]: [] });
  }, 120_000);

  test('a Rule and an Action that stamp the time agree, however long each takes before reading the clock', async () => {
    const rule = path.join(project, 'stamp-rule.js');
    fs.writeFileSync(rule, "function (user, context, callback) {\n  setTimeout(function () {\n    context.idToken['https://claims.example.com/seen'] = new Date().toISOString();\n    callback(null, user, context);\n  }, 25);\n}\n");
    const action = path.join(project, 'stamp-action.ts');
    fs.writeFileSync(action, "export const onExecutePostLogin = async (_event: unknown, api: { idToken: { setCustomClaim(k: string, v: string): void } }) => {\n  api.idToken.setCustomClaim('https://claims.example.com/seen', new Date().toISOString());\n};\n");
    const io = captureIo({ cwd: project });
    const code = await main(['parity', rule, action, '--runs', '20', '--seed', '3', '--json'], io);
    expect(JSON.parse(io.out())).toMatchObject({ ok: true, runs: 20 });
    expect(code).toBe(0);
  }, 120_000);

  test('--json prints the report', async () => {
    const io = captureIo({ cwd: project });
    expect(await main(['parity', RULE_FILE, wrongFile, '--runs', '200', '--seed', '5', '--json'], io)).toBe(1);
    const r = JSON.parse(io.out());
    expect(r).toMatchObject({ ok: false, seed: 5, divergence: { differences: expect.any(Array), event: expect.any(Object) }, counterexampleFile: expect.stringContaining('.claimkit') });
  }, 120_000);

  test.each([
    [['parity', RULE_FILE], /takes a Rule and an Action/],
    [['parity', RULE_FILE, wrongFile, '--runs', 'many'], /--runs must be a whole number/],
    [['parity', RULE_FILE, 'actions/nope.ts'], /No Action file/],
  ])('bad usage is exit 2: %j', async (args, message) => {
    const io = captureIo({ cwd: project });
    expect(await main(args, io)).toBe(2);
    expect(io.err()).toMatch(message);
  });
});
