// npm packages in run and build: the same errors, with the same fix, whichever command finds them.
import fs from 'node:fs';
import path from 'node:path';
import { buildProject } from '../../src/build/build.ts';
import { main } from '../../src/cli/main.ts';
import type { NpmInstall } from '../../src/dependencies/index.ts';
import { sharedEngine } from '../../src/engine/index.ts';
import { makeEvent } from '../../src/harness/index.ts';
import { loadActionFile } from '../../src/project/load-action.ts';
import { captureIo } from '../cli/helpers.ts';
import { localInstall, makeProject, OK_ACTION } from './project.ts';

const build = (dir: string) => buildProject({ tenantFile: path.join(dir, 'tenant.yaml'), env: {}, write: false, dependencies: { install: localInstall(dir) } });

async function run(dir: string, ...args: string[]) {
  const io = captureIo({ cwd: dir });
  const code = await main(['run', ...args], io);
  return { code, err: io.err(), out: io.out() };
}

describe('npm packages in Actions', () => {
  test('a package neither declared nor installed: ERR_DEPENDENCY_UNDECLARED with the declaration to add, in build and run', async () => {
    const code = 'const x = require("left-pad-nowhere"); exports.onExecutePostLogin = async () => {};\n';
    const dir = makeProject({ a: { code } });
    const r = await build(dir);
    expect(r.findings.map((f) => f.code)).toEqual(['ERR_DEPENDENCY_UNDECLARED']);
    expect(r.findings[0]?.message).toMatch(/"a" requires "left-pad-nowhere".*dependencies: \[\{ name: left-pad-nowhere, version: <version> \}\]/);
    const out = await run(dir, 'actions/a.js');
    expect(out.code).toBe(2);
    expect(out.err).toMatch(/"a" requires "left-pad-nowhere".*dependencies: \[\{ name: left-pad-nowhere, version: <version> \}\].*\[ERR_DEPENDENCY_UNDECLARED\]/);
  });

  test('a package another Action declares, used undeclared: the same error in run as in build (not bundled in run)', async () => {
    const usesYaml = 'const y = require("yaml"); exports.onExecutePostLogin = async () => { y.parse("a: 1"); };\n';
    const dir = makeProject({ a: { code: usesYaml, dependencies: [{ name: 'yaml', version: '2.9.1' }] }, b: { code: usesYaml } });
    const r = await build(dir);
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([['ERR_DEPENDENCY_UNDECLARED', expect.stringMatching(/"b" requires "yaml".*dependencies: \[\{ name: yaml, version: \d+\.\d+\.\d+ \}\]/)]]);
    const out = await run(dir, 'actions/b.js');
    expect(out.code).toBe(2);
    expect(out.err).toContain(r.findings[0]?.message);
  });

  test('run on a file not in tenant.yaml does not silently bundle a big package from node_modules: it names it', async () => {
    const dir = makeProject({ a: { code: OK_ACTION } });
    const big = path.join(dir, 'actions', 'uses-fast-check.js');
    fs.writeFileSync(big, 'const fc = require("fast-check"); exports.onExecutePostLogin = async () => { fc.integer(); };\n');
    const out = await run(dir, big);
    expect(out.code).toBe(2);
    expect(out.err).toMatch(/The bundle is [\d.]+ kB; Auth0 allows 100\.0 kB per Action\. npm packages bundled in from node_modules: fast-check \([\d.]+ kB\)\. Declare npm packages as dependencies.*\[ERR_BUNDLE_TOO_LARGE\]/);
  });

  test('a value import of @auth0/actions (it only has types) fails the build with how to import it', async () => {
    const dir = makeProject({ a: { code: 'const { Event } = require("@auth0/actions/post-login/v3");\nexports.onExecutePostLogin = async () => {};\n' } });
    const r = await build(dir);
    expect(r.findings.map((f) => f.code)).toEqual(['ERR_TYPES_ONLY_MODULE']);
    expect(r.findings[0]?.message).toMatch(/only has types\. Import it with "import type/);
    expect(r.findings[0]?.location.file).toBe(path.join(dir, 'actions/a.js'));
  });

  test('a dependency that is not a registry package is refused by check, at its own line, before npm runs', async () => {
    const dir = makeProject({ a: { code: OK_ACTION, dependencies: [{ name: 'ms', version: '2.0.0' }, { name: 'evil', version: 'git+https://example.com/e.git' }] } });
    const r = await build(dir);
    expect(r.findings.map((f) => [f.code, f.location.line])).toEqual([['ERR_DEPENDENCY_INVALID', 8]]);
    expect(r.findings[0]?.message).toMatch(/"evil" has version "git\+https:\/\/example\.com\/e\.git"; give a published version/);
  });

  test('a declared package that cannot be installed is reported at its tenant.yaml entry', async () => {
    const dir = makeProject({ a: { code: 'require("not-published"); exports.onExecutePostLogin = async () => {};\n', dependencies: [{ name: 'not-published', version: '1.0.0' }] } });
    const r = await build(dir);
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => [f.code, f.location.file, f.location.line])).toEqual([['ERR_DEPENDENCY_INSTALL', path.join(dir, 'tenant.yaml'), 7]]);
  });

  test('a declared package is required from the cache at its version, never from the project node_modules', async () => {
    const code = 'const y = require("yaml"); exports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim("https://c.example.com/y", y.origin); };\n';
    const dir = makeProject({ a: { code, dependencies: [{ name: 'yaml', version: '2.9.1' }] } });
    // The "registry" serves a yaml that says where it came from; the project's node_modules has the real one.
    const install: NpmInstall = async (dep, prefix) => {
      fs.mkdirSync(path.join(prefix, 'node_modules/yaml'), { recursive: true });
      fs.writeFileSync(path.join(prefix, 'node_modules/yaml/package.json'), JSON.stringify({ name: 'yaml', version: dep.version }));
      fs.writeFileSync(path.join(prefix, 'node_modules/yaml/index.js'), `exports.origin = "cache " + ${JSON.stringify(dep.version)};`);
    };
    const action = await loadActionFile(path.join(dir, 'actions/a.js'), { root: dir, dependencies: [{ name: 'yaml', version: '2.9.1' }], install: { install } });
    const r = await sharedEngine().execute([action], makeEvent());
    expect(r.idToken.claims).toEqual({ 'https://c.example.com/y': 'cache 2.9.1' });
  });
});
