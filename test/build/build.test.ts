import fs from 'node:fs';
import path from 'node:path';
import { buildProject, type BuildResult } from '../../src/build/build.ts';
import type { ClaimkitErrorCode } from '../../src/errors.ts';
import { localInstall, makeProject, OK_ACTION, type ActionSpec } from './project.ts';

async function build(dir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  return buildProject({ tenantFile: path.join(dir, 'tenant.yaml'), env, dependencies: { install: localInstall(dir) } });
}

const codes = (r: BuildResult, severity: 'error' | 'warning' = 'error'): ClaimkitErrorCode[] => r.findings.filter((f) => f.severity === severity).map((f) => f.code);

async function expectError(actions: Record<string, ActionSpec>, code: ClaimkitErrorCode, options: Parameters<typeof makeProject>[1] = {}, env: Record<string, string> = {}): Promise<BuildResult> {
  const dir = makeProject(actions, options);
  const r = await build(dir, env);
  expect(codes(r)).toContain(code);
  expect(r.ok).toBe(false);
  expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  return r;
}

describe('claimkit build', () => {
  test('writes one CommonJS bundle per Action whose onExecutePostLogin is an AsyncFunction', async () => {
    const tiny = { 'node_modules/tiny/package.json': '{"name":"tiny","main":"index.js"}', 'node_modules/tiny/index.js': 'exports.twice = (n) => 2 * n;' };
    const dir = makeProject({ a: { code: OK_ACTION }, b: { code: 'const t = require("tiny"); exports.onExecutePostLogin = async () => { t.twice(1); };\n' } }, { extraFiles: tiny });
    const r = await build(dir);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    for (const name of ['a', 'b']) {
      const file = path.join(dir, 'dist/actions', `${name}.js`);
      const mod = require(file) as { onExecutePostLogin: () => unknown };
      expect(mod.onExecutePostLogin.constructor.name).toBe('AsyncFunction');
    }
    // tiny is not declared, so it is bundled in, not required at run time.
    const b = fs.readFileSync(path.join(dir, 'dist/actions/b.js'), 'utf8');
    expect(b).not.toMatch(/require\("tiny"\)/);
    expect(b).toContain('2 * n');
  });

  test('a module without onExecutePostLogin, or with a sync one, fails the build', async () => {
    await expectError({ a: { code: 'exports.other = async () => {};\n' } }, 'ERR_ACTION_NO_HANDLER');
    await expectError({ a: { code: 'exports.onExecutePostLogin = function () {};\n' } }, 'ERR_ACTION_NOT_ASYNC');
  });

  test('a bundle over 100 kB fails; from 80 % it warns', async () => {
    const big = (kb: number) => `const blob = "${'x'.repeat(kb * 1024)}";\nexports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://c.example.com/n", blob.length); };\n`;
    await expectError({ a: { code: big(101) } }, 'ERR_BUNDLE_TOO_LARGE');
    const r = await build(makeProject({ a: { code: big(85) } }));
    expect(r.ok).toBe(true);
    expect(codes(r, 'warning')).toEqual(['ERR_BUNDLE_TOO_LARGE']);
  });

  test('an npm package neither bundled nor declared fails; a declared one never used fails', async () => {
    const usesYaml = 'exports.onExecutePostLogin = async () => { require("yaml"); };\n';
    // One Action declares yaml, so it stays external for all; the other uses it without declaring it.
    const r = await expectError({ a: { code: usesYaml, dependencies: [{ name: 'yaml', version: '2.9.1' }] }, b: { code: usesYaml } }, 'ERR_DEPENDENCY_UNDECLARED');
    expect(r.findings.find((f) => f.code === 'ERR_DEPENDENCY_UNDECLARED')?.message).toMatch(/"yaml"/);
    await expectError({ a: { code: OK_ACTION, dependencies: [{ name: 'fast-check', version: '4.10.2' }] } }, 'ERR_DEPENDENCY_UNUSED');
  });

  test('native modules fail, declared or bundled', async () => {
    const fake = { 'node_modules/fake-native/package.json': '{"name":"fake-native","version":"1.0.0","gypfile":true,"main":"index.js"}', 'node_modules/fake-native/index.js': 'module.exports = 1;' };
    await expectError({ a: { code: 'exports.onExecutePostLogin = async () => { require("fake-native"); };\n', dependencies: [{ name: 'fake-native', version: '1.0.0' }] } }, 'ERR_NATIVE_MODULE', { extraFiles: fake });
    const addon = { 'node_modules/addon/package.json': '{"name":"addon","main":"index.js"}', 'node_modules/addon/index.js': 'module.exports = require("./build/addon.node");', 'node_modules/addon/build/addon.node': 'ELF' };
    await expectError({ a: { code: 'exports.onExecutePostLogin = async () => { require("addon"); };\n' } }, 'ERR_NATIVE_MODULE', { extraFiles: addon });
  });

  test('more than 10 dependencies or 30 secrets fail', async () => {
    const deps = Array.from({ length: 11 }, (_, i) => ({ name: `pkg${i}`, version: '1.0.0' }));
    await expectError({ a: { code: OK_ACTION, dependencies: deps } }, 'ERR_TOO_MANY_DEPENDENCIES');
    await expectError({ a: { code: OK_ACTION, secrets: Array.from({ length: 31 }, (_, i) => `S${i}`) } }, 'ERR_TOO_MANY_SECRETS');
  });

  test('a ##KEYWORD## that auth0-deploy-cli would rewrite fails, unless it is an intended keyword', async () => {
    const code = 'exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://c.example.com/t", "##TEMPLATE##"); };\n';
    await expectError({ a: { code } }, 'ERR_KEYWORD_IN_BUNDLE');
    await expectError({ a: { code: code.replace('##TEMPLATE##', '@@TEMPLATE@@') } }, 'ERR_KEYWORD_IN_BUNDLE');
    const r = await build(makeProject({ a: { code } }), { AUTH0_KEYWORD_REPLACE_MAPPINGS: '{"TEMPLATE":"x"}' });
    expect(r.findings).toEqual([]);
  });

  test('a secret value in a bundle fails, and the error never prints the value', async () => {
    const code = 'const KEY = "sk_live_0123456789";\nexports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://c.example.com/k", KEY.length); };\n';
    const r = await expectError({ a: { code, secrets: ['API_KEY'] } }, 'ERR_SECRET_IN_BUNDLE', {}, { API_KEY: 'sk_live_0123456789' });
    expect(JSON.stringify(r.findings)).not.toContain('sk_live_0123456789');
    // Values from .env count too.
    await expectError({ a: { code, secrets: ['API_KEY'] } }, 'ERR_SECRET_IN_BUNDLE', { extraFiles: { '.env': 'API_KEY=sk_live_0123456789\n' } });
  });

  test('nothing is written when any Action fails: the previous bundles stay whole', async () => {
    const dir = makeProject({ a: { code: OK_ACTION }, b: { code: OK_ACTION } });
    expect((await build(dir)).ok).toBe(true);
    const before = fs.readFileSync(path.join(dir, 'dist/actions/a.js'), 'utf8');
    fs.writeFileSync(path.join(dir, 'actions/a.js'), OK_ACTION.replace('true', 'false'));
    fs.writeFileSync(path.join(dir, 'actions/b.js'), 'exports.onExecutePostLogin = () => {};\n');
    const r = await build(dir);
    expect(r.ok).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'dist/actions/a.js'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.join(dir, 'dist/actions')).sort()).toEqual(['a.js', 'b.js']);
  });
});

describe('consistency of tenant.yaml and actions/ (claimkit check, run by build)', () => {
  test('an Action file without a tenant.yaml entry, and an entry without a file', async () => {
    const r = await expectError({ a: { code: OK_ACTION } }, 'ERR_ACTION_NOT_IN_TENANT', { extraFiles: { 'actions/stray.js': OK_ACTION } });
    expect(r.findings.find((f) => f.code === 'ERR_ACTION_NOT_IN_TENANT')?.location.file).toMatch(/actions\/stray\.js$/);
    const dir = makeProject({ a: { code: OK_ACTION } });
    fs.rmSync(path.join(dir, 'actions/a.js'));
    const r2 = await build(dir);
    expect(r2.findings).toEqual([expect.objectContaining({ code: 'ERR_ACTION_FILE_MISSING', location: expect.objectContaining({ line: 2 }) })]);
  });

  test('a binding to an Action tenant.yaml does not declare', async () => {
    const r = await expectError({ a: { code: OK_ACTION } }, 'ERR_BINDING_UNKNOWN_ACTION', { bindings: ['a', 'ghost'] });
    expect(r.findings[0]?.location).toEqual(expect.objectContaining({ file: expect.stringMatching(/tenant\.yaml$/), line: 13, column: 22 }));
  });

  test('more than 20 Actions bound to post-login', async () => {
    const actions = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`a${i}`, { code: OK_ACTION }]));
    await expectError(actions, 'ERR_TOO_MANY_BINDINGS');
  });

  test('an Action without deployed: true, which auth0-deploy-cli would upload but never deploy', async () => {
    await expectError({ a: { code: OK_ACTION, deployed: false } }, 'ERR_ACTION_NOT_DEPLOYED');
  });

  test('supported_triggers other than post-login v3, and a code path that is not the bundle', async () => {
    await expectError({ a: { code: OK_ACTION, entry: '    supported_triggers:\n      - { id: post-login, version: v2 }' } }, 'ERR_TRIGGER_UNSUPPORTED');
    const dir = makeProject({ a: { code: OK_ACTION } });
    fs.writeFileSync(path.join(dir, 'tenant.yaml'), fs.readFileSync(path.join(dir, 'tenant.yaml'), 'utf8').replace('./dist/actions/a.js', './actions/a.js'));
    expect(codes(await build(dir))).toEqual(['ERR_CODE_PATH']);
  });
});
