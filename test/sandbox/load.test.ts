import path from 'node:path';
import { makeEvent, runPostLogin } from '../../src/harness/index.ts';
import { loadActionCode } from '../../src/sandbox/index.ts';

// A declared package → its installed folder, as ensureDependencies returns it.
const installed = (name: string): [string, string] => [name, path.resolve(__dirname, '../../node_modules', name)];
const load = (code: string, dependencies: string[] = []) => loadActionCode(code, { filename: 'test-action.js', packages: new Map(dependencies.map(installed)) });

describe('the runtime sandbox', () => {
  test('CommonJS: module.exports and exports both work', async () => {
    const a = load('module.exports = { onExecutePostLogin: async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/a", 1); } };');
    const b = load('exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/b", 2); };');
    const r = await runPostLogin([a, b], makeEvent());
    expect(r.idToken.claims).toEqual({ 'https://x.example.com/a': 1, 'https://x.example.com/b': 2 });
  });

  test('module scope runs once and is reused across executions, as on a warm Auth0 instance', async () => {
    const action = load('let loads = 0; loads++; let runs = 0; exports.onExecutePostLogin = async (e, api) => { runs++; api.idToken.setCustomClaim("https://x.example.com/n", [loads, runs]); };');
    await runPostLogin(action, makeEvent());
    const r = await runPostLogin(action, makeEvent());
    expect(r.idToken.claims['https://x.example.com/n']).toEqual([1, 2]);
  });

  test('require finds Node built-ins, with or without the node: prefix', async () => {
    const action = load('const c = require("node:crypto"); const u = require("util"); exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/h", c.createHash("sha256").update("a").digest("hex").slice(0, 8) + u.format("%d", 1)); };');
    const r = await runPostLogin(action, makeEvent());
    expect(r.idToken.claims['https://x.example.com/h']).toBe('ca978112' + '1');
  });

  test('an undeclared npm package cannot be required, as on Auth0', () => {
    expect(() => load('require("yaml"); exports.onExecutePostLogin = async () => {};')).toThrow(
      expect.objectContaining({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/Cannot find module 'yaml'.*Declare "yaml"/) }),
    );
  });

  test('a declared dependency can be required, a relative path cannot', () => {
    expect(() => load('require("yaml"); exports.onExecutePostLogin = async () => {};', ['yaml'])).not.toThrow();
    expect(() => load('require("./helper"); exports.onExecutePostLogin = async () => {};')).toThrow(/one file per Action/);
  });

  test('a require inside the handler fails the login, not the load', async () => {
    const action = load('exports.onExecutePostLogin = async () => { require("lodash"); };');
    const r = await runPostLogin(action, makeEvent());
    expect(r.outcome).toBe('error');
    expect(r.error?.message).toMatch(/Cannot find module 'lodash'/);
  });

  test('process.env is empty: secrets come through event.secrets only', async () => {
    const action = load('exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://x.example.com/env", Object.keys(process.env).length); };');
    const r = await runPostLogin(action, makeEvent());
    expect(r.idToken.claims['https://x.example.com/env']).toBe(0);
  });

  test('loader errors: syntax, throwing module scope, missing or non-async handler', () => {
    expect(() => load('exports.onExecutePostLogin = async (e, api) => {')).toThrow(expect.objectContaining({ code: 'ERR_ACTION_LOAD' }));
    expect(() => load('throw new Error("boom"); exports.onExecutePostLogin = async () => {};')).toThrow(expect.objectContaining({ code: 'ERR_ACTION_LOAD', message: expect.stringMatching(/throws while loading: boom/) }));
    expect(() => load('exports.other = async () => {};')).toThrow(expect.objectContaining({ code: 'ERR_ACTION_NO_HANDLER' }));
    expect(() => load('exports.onExecutePostLogin = function () {};')).toThrow(expect.objectContaining({ code: 'ERR_ACTION_NOT_ASYNC' }));
    expect(() => load('exports.onExecutePostLogin = async () => {}; exports.onContinuePostLogin = () => {};')).toThrow(expect.objectContaining({ code: 'ERR_ACTION_NOT_ASYNC' }));
  });

  test('objects made inside the sandbox come out as plain data', async () => {
    const action = load('exports.onExecutePostLogin = async (e, api) => { api.user.setAppMetadata("prefs", { a: [1, { b: 2 }] }); api.idToken.setCustomClaim("https://x.example.com/o", { k: ["v"] }); };');
    const r = await runPostLogin(action, makeEvent());
    expect(r.user.app_metadata).toStrictEqual({ prefs: { a: [1, { b: 2 }] } });
    expect(r.idToken.claims).toStrictEqual({ 'https://x.example.com/o': { k: ['v'] } });
  });
});
