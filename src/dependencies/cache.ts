// The dependency cache: each declared `name@version` is installed once, with its own dependencies, into
// <stateDir>/dependencies/<hash of name and version>/node_modules, and reused by every later run, build
// and test (no network once cached). An install goes into a private temporary folder that is renamed
// into place when complete, so concurrent runs never see (or corrupt) half an install: the first
// rename wins and the others use it.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import { npmInstall, type NpmInstall } from './npm.ts';
import { cacheKey, checkDependency, specOf, type Dependency } from './spec.ts';

export const DEPENDENCIES_DIR = 'dependencies';
const MARKER = 'claimkit-dependency.json';

export type DependencyProgress =
  | { type: 'cached'; name: string; version: string }
  | { type: 'installing'; name: string; version: string }
  | { type: 'installed'; name: string; version: string; ms: number };

export interface EnsureOptions {
  onProgress?: (event: DependencyProgress) => void;
  /** How to install one package; tests may pass their own. */
  install?: NpmInstall;
}

/** Declared package name → the folder of its installed copy (what `require` loads). */
export type ResolvedDependencies = ReadonlyMap<string, string>;

const packageDir = (entry: string, name: string) => path.join(entry, 'node_modules', ...name.split('/'));

function isComplete(entry: string): boolean {
  return fs.existsSync(path.join(entry, MARKER));
}

const inFlight = new Map<string, Promise<string>>();

async function installInto(cacheDir: string, dep: Dependency, install: NpmInstall): Promise<void> {
  const entry = path.join(cacheDir, cacheKey(dep));
  await fsp.mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const tmp = await fsp.mkdtemp(path.join(cacheDir, `.tmp-${cacheKey(dep).slice(0, 8)}-`));
  try {
    await fsp.writeFile(path.join(tmp, 'package.json'), '{ "private": true, "description": "claimkit dependency cache entry" }\n');
    await install(dep, tmp);
    const manifest = path.join(packageDir(tmp, dep.name), 'package.json');
    const installed = fs.existsSync(manifest) ? (JSON.parse(await fsp.readFile(manifest, 'utf8')) as { version?: unknown }).version : undefined;
    if (typeof installed !== 'string') {
      throw new ClaimkitError('ERR_DEPENDENCY_INSTALL', `npm installed ${specOf(dep)} but ${dep.name}/package.json is missing; check the package name in tenant.yaml.`);
    }
    await fsp.writeFile(path.join(tmp, MARKER), `${JSON.stringify({ name: dep.name, version: dep.version, installed })}\n`);
    try {
      await fsp.rename(tmp, entry);
    } catch (err) {
      // Another run finished the same install first: theirs is complete, ours goes.
      if (!isComplete(entry)) throw err;
    }
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

async function ensureOne(cacheDir: string, dep: Dependency, options: EnsureOptions): Promise<string> {
  const entry = path.join(cacheDir, cacheKey(dep));
  if (isComplete(entry)) {
    options.onProgress?.({ type: 'cached', ...dep });
    return packageDir(entry, dep.name);
  }
  const running = inFlight.get(entry);
  if (running) return running;
  const work = (async () => {
    options.onProgress?.({ type: 'installing', ...dep });
    const start = performance.now();
    await installInto(cacheDir, dep, options.install ?? npmInstall);
    options.onProgress?.({ type: 'installed', ...dep, ms: Math.round(performance.now() - start) });
    return packageDir(entry, dep.name);
  })();
  inFlight.set(entry, work);
  try {
    return await work;
  } finally {
    inFlight.delete(entry);
  }
}

/**
 * Makes sure every declared dependency is installed at exactly its declared version in the project's
 * cache (`<stateDir>/dependencies/`), installing what is missing with npm, and returns where each is.
 */
export async function ensureDependencies(deps: readonly Dependency[], stateDir: string, options: EnsureOptions = {}): Promise<Map<string, string>> {
  const checked = deps.map(checkDependency);
  const names = new Set<string>();
  for (const d of checked) {
    if (names.has(d.name)) throw new ClaimkitError('ERR_DEPENDENCY_INVALID', `"${d.name}" is declared twice; an Action gets one version of a package. Keep one entry.`);
    names.add(d.name);
  }
  const cacheDir = path.join(stateDir, DEPENDENCIES_DIR);
  const dirs = await Promise.all(checked.map((d) => ensureOne(cacheDir, d, options)));
  return new Map(checked.map((d, i) => [d.name, dirs[i] as string]));
}

/** The declared dependencies already in the cache (no install, no network); the others are left out. */
export function cachedDependencies(deps: readonly Dependency[], stateDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const dep of deps) {
    const entry = path.join(stateDir, DEPENDENCIES_DIR, cacheKey(dep));
    if (isComplete(entry)) out.set(dep.name, packageDir(entry, dep.name));
  }
  return out;
}
