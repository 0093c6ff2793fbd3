import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedDependencies, ensureDependencies, type DependencyProgress, type NpmInstall } from '../../src/dependencies/index.ts';

/** Loads a package from the folder the cache gave for it. */
const sandboxRequire = (packages: ReadonlyMap<string, string>) => (name: string): unknown => require(packages.get(name) as string);

const tmpState = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ck-deps-'));

/** An installer that writes a one-file package, so the cache's own behaviour is tested offline. */
function fakeInstall(calls: string[], body = (v: string) => `module.exports = ${JSON.stringify(v)};`): NpmInstall {
  return async (dep, prefix) => {
    calls.push(`${dep.name}@${dep.version}`);
    const dir = path.join(prefix, 'node_modules', dep.name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: dep.name, version: dep.version, main: 'index.js' }));
    fs.writeFileSync(path.join(dir, 'index.js'), body(dep.version));
  };
}

const noNetwork: NpmInstall = async (dep) => {
  throw new Error(`unexpected install of ${dep.name}`);
};

describe('the dependency cache', () => {
  test('each name@version is installed once, into its own folder, and reused without npm', async () => {
    const state = tmpState();
    const calls: string[] = [];
    const events: DependencyProgress['type'][] = [];
    const a = await ensureDependencies([{ name: 'pkg', version: '1.0.0' }], state, { install: fakeInstall(calls), onProgress: (e) => events.push(e.type) });
    const b = await ensureDependencies([{ name: 'pkg', version: '2.0.0' }], state, { install: fakeInstall(calls) });
    expect(calls).toEqual(['pkg@1.0.0', 'pkg@2.0.0']);
    expect(events).toEqual(['installing', 'installed']);
    expect(a.get('pkg')).not.toBe(b.get('pkg'));
    expect(sandboxRequire(a)('pkg')).toBe('1.0.0');
    expect(sandboxRequire(b)('pkg')).toBe('2.0.0');
    // Offline from now on: the installer is never called again.
    const again = await ensureDependencies([{ name: 'pkg', version: '1.0.0' }], state, { install: noNetwork, onProgress: (e) => events.push(e.type) });
    expect(again).toEqual(a);
    expect(events.at(-1)).toBe('cached');
    expect(cachedDependencies([{ name: 'pkg', version: '2.0.0' }, { name: 'other', version: '1.0.0' }], state)).toEqual(new Map([['pkg', b.get('pkg')]]));
  });

  test('concurrent requests for the same package in one process share one install', async () => {
    const state = tmpState();
    const calls: string[] = [];
    const [x, y] = await Promise.all([
      ensureDependencies([{ name: 'pkg', version: '1.0.0' }], state, { install: fakeInstall(calls) }),
      ensureDependencies([{ name: 'pkg', version: '1.0.0' }], state, { install: fakeInstall(calls) }),
    ]);
    expect(calls).toEqual(['pkg@1.0.0']);
    expect(x).toEqual(y);
  });

  test('when another run finishes the same install first, its copy is used and ours is discarded', async () => {
    const state = tmpState();
    const other: string[] = [];
    const racing: NpmInstall = async (dep, prefix) => {
      // While "we" install, another process completes the same entry (different content to tell them apart).
      await ensureDependencies([dep], path.join(state, 'elsewhere'), { install: fakeInstall(other, () => 'module.exports = "theirs";') });
      fs.cpSync(path.join(state, 'elsewhere'), state, { recursive: true });
      await fakeInstall([], () => 'module.exports = "ours";')(dep, prefix);
    };
    const got = await ensureDependencies([{ name: 'pkg', version: '1.0.0' }], state, { install: racing });
    expect(sandboxRequire(got)('pkg')).toBe('theirs');
    // No temporary folder is left behind.
    expect(fs.readdirSync(path.join(state, 'dependencies')).filter((f) => f.startsWith('.tmp'))).toEqual([]);
  });

  test('a failed install leaves nothing in the cache, and the next run tries again', async () => {
    const state = tmpState();
    const failing: NpmInstall = async () => {
      throw new Error('E404');
    };
    await expect(ensureDependencies([{ name: 'pkg', version: '1.0.0' }], state, { install: failing })).rejects.toThrow('E404');
    expect(fs.readdirSync(path.join(state, 'dependencies'))).toEqual([]);
    const calls: string[] = [];
    await ensureDependencies([{ name: 'pkg', version: '1.0.0' }], state, { install: fakeInstall(calls) });
    expect(calls).toEqual(['pkg@1.0.0']);
  });

  test.each([
    [{ name: '--registry=http://evil', version: '1.0.0' }],
    [{ name: 'Lodash', version: '1.0.0' }],
    [{ name: 'x'.repeat(300), version: '1.0.0' }],
    [{ name: 'lodash', version: 'git+https://example.com/x.git' }],
    [{ name: 'lodash', version: 'file:../x' }],
    [{ name: 'lodash', version: '-1' }],
    [{ name: 'lodash', version: '' }],
  ])('%j is refused before npm is called', async (dep) => {
    await expect(ensureDependencies([dep], tmpState(), { install: noNetwork })).rejects.toMatchObject({ code: 'ERR_DEPENDENCY_INVALID' });
  });

  test('the same package declared twice is refused', async () => {
    await expect(ensureDependencies([{ name: 'a', version: '1.0.0' }, { name: 'a', version: '2.0.0' }], tmpState(), { install: noNetwork })).rejects.toMatchObject({
      code: 'ERR_DEPENDENCY_INVALID',
      message: expect.stringMatching(/"a" is declared twice/),
    });
  });
});

describe('installing from the npm registry', () => {
  test('a published version is installed exactly; an unpublished one fails with the fix', async () => {
    const state = tmpState();
    const got = await ensureDependencies([{ name: 'ms', version: '2.0.0' }], state);
    const dir = got.get('ms') as string;
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version).toBe('2.0.0');
    expect((sandboxRequire(got)('ms') as (s: string) => number)('1m')).toBe(60_000);
    await expect(ensureDependencies([{ name: 'ms', version: '999.0.0' }], state)).rejects.toMatchObject({
      code: 'ERR_DEPENDENCY_INSTALL',
      message: expect.stringMatching(/Cannot install ms@999\.0\.0 from the npm registry[\s\S]*Check the name and version in tenant\.yaml/),
    });
  }, 120_000);
});
