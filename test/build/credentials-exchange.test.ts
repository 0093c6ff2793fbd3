import fs from 'node:fs';
import path from 'node:path';
import { buildProject, type BuildResult } from '../../src/build/build.ts';
import { check } from '../../src/cli/commands/check.ts';
import { captureIo } from '../cli/helpers.ts';
import { localInstall, makeProject, OK_ACTION } from './project.ts';

const M2M_ACTION = 'exports.onExecuteCredentialsExchange = async (event, api) => { api.accessToken.setCustomClaim("https://claims.example.com/tenant_id", event.client.metadata.tenant_id); };\n';
const M2M = '    supported_triggers:\n      - { id: credentials-exchange, version: v2 }';

const build = (dir: string): Promise<BuildResult> => buildProject({ tenantFile: path.join(dir, 'tenant.yaml'), env: {}, dependencies: { install: localInstall(dir) } });
const errors = (r: BuildResult) => r.findings.filter((f) => f.severity === 'error');

/** tenant.yaml with both triggers' bindings. */
function project(actions: Record<string, { code: string; entry?: string }>, postLogin: string[], exchange: string[]): string {
  const dir = makeProject(actions);
  const file = path.join(dir, 'tenant.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const head = text.slice(0, text.lastIndexOf('\ntriggers:') + 1);
  const list = (names: string[]) => (names.length === 0 ? ' []' : `\n${names.map((b) => `    - { action_name: ${b}, display_name: ${b} }`).join('\n')}`);
  fs.writeFileSync(file, `${head}triggers:\n  post-login:${list(postLogin)}\n  credentials-exchange:${list(exchange)}\n`);
  return dir;
}

describe('credentials-exchange Actions in check and build', () => {
  test('a credentials-exchange v2 Action builds; its bundle exports an async onExecuteCredentialsExchange', async () => {
    const dir = project({ login: { code: OK_ACTION }, machine: { code: M2M_ACTION, entry: M2M } }, ['login'], ['machine']);
    const r = await build(dir);
    expect(r.findings).toEqual([]);
    const mod = require(path.join(dir, 'dist/actions/machine.js')) as { onExecuteCredentialsExchange: () => unknown };
    expect(mod.onExecuteCredentialsExchange.constructor.name).toBe('AsyncFunction');
    const report = check({ json: true }, captureIo({ cwd: dir }));
    expect(report.tenant).toMatchObject({ actions: 2, postLoginBindings: 1, credentialsExchangeBindings: 1 });
  });

  test("the handler is checked against the Action's own trigger", async () => {
    const noHandler = await build(project({ machine: { code: OK_ACTION, entry: M2M } }, [], ['machine']));
    expect(errors(noHandler)).toEqual([expect.objectContaining({ code: 'ERR_ACTION_NO_HANDLER', message: expect.stringMatching(/"onExecuteCredentialsExchange".*it is a post-login Action/) })]);
    const notAsync = await build(project({ machine: { code: 'exports.onExecuteCredentialsExchange = function () {};\n', entry: M2M } }, [], ['machine']));
    expect(errors(notAsync).map((f) => f.code)).toEqual(['ERR_ACTION_NOT_ASYNC']);
    // A credentials-exchange module declared as post-login says what it is.
    const misdeclared = await build(project({ machine: { code: M2M_ACTION } }, [], []));
    expect(errors(misdeclared)).toEqual([expect.objectContaining({ code: 'ERR_ACTION_NO_HANDLER', message: expect.stringMatching(/it is a credentials-exchange Action\. Declare supported_triggers: \[\{ id: credentials-exchange, version: v2 \}\]/) })]);
  });

  test('bindings must name Actions of that trigger, at most 20 per trigger', async () => {
    const wrong = await build(project({ login: { code: OK_ACTION }, machine: { code: M2M_ACTION, entry: M2M } }, ['machine'], ['login']));
    expect(errors(wrong).map((f) => [f.code, f.message.slice(0, 40)])).toEqual([
      ['ERR_BINDING_WRONG_TRIGGER', 'post-login binds "machine", a credential'],
      ['ERR_BINDING_WRONG_TRIGGER', 'credentials-exchange binds "login", a po'],
    ]);
    expect(errors(wrong)[1]?.location).toEqual(expect.objectContaining({ file: expect.stringMatching(/tenant\.yaml$/), line: expect.any(Number) }));
    const ghost = await build(project({ machine: { code: M2M_ACTION, entry: M2M } }, [], ['ghost']));
    expect(errors(ghost).map((f) => f.code)).toEqual(['ERR_BINDING_UNKNOWN_ACTION']);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`m${i}`, { code: M2M_ACTION, entry: M2M }]));
    const tooMany = await build(project(many, [], Object.keys(many)));
    expect(errors(tooMany)).toEqual([expect.objectContaining({ code: 'ERR_TOO_MANY_BINDINGS', message: '21 Actions are bound to credentials-exchange; Auth0 allows 20.' })]);
  });

  test('supported_triggers: one Auth0 trigger at its current version, checked for that trigger\'s handler', async () => {
    const v1 = await build(project({ machine: { code: M2M_ACTION, entry: '    supported_triggers:\n      - { id: credentials-exchange, version: v1 }' } }, [], []));
    expect(errors(v1)).toEqual([expect.objectContaining({ code: 'ERR_TRIGGER_UNSUPPORTED', message: expect.stringContaining('{ id: credentials-exchange, version: v2 }') })]);
    // Another Auth0 trigger builds (deploy takes every trigger); its own handler is what the loader wants.
    const other = await build(project({ machine: { code: M2M_ACTION, entry: '    supported_triggers:\n      - { id: send-phone-message, version: v2 }' } }, [], []));
    expect(errors(other)).toEqual([expect.objectContaining({ code: 'ERR_ACTION_NO_HANDLER', message: expect.stringMatching(/"onExecuteSendPhoneMessage".*it is a credentials-exchange Action/) })]);
    const unknown = await build(project({ machine: { code: M2M_ACTION, entry: '    supported_triggers:\n      - { id: post-logout, version: v1 }' } }, [], []));
    expect(errors(unknown).map((f) => f.code)).toEqual(['ERR_TRIGGER_UNSUPPORTED']);
    const two = await build(project({ machine: { code: M2M_ACTION, entry: `${M2M}\n      - { id: post-login, version: v3 }` } }, [], []));
    expect(errors(two)).toEqual([expect.objectContaining({ code: 'ERR_TRIGGER_UNSUPPORTED', message: expect.stringMatching(/must name one trigger/) })]);
  });
});
