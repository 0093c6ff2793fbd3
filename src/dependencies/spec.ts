// A declared npm dependency (tenant.yaml `dependencies: [{ name, version }]`) checked before it goes
// anywhere near npm: only registry packages, by a valid name and a version or range, as Auth0 accepts.
import { createHash } from 'node:crypto';
import { ClaimkitError } from '../errors.ts';

export interface Dependency {
  name: string;
  version: string;
}

// npm's rules for new package names (validate-npm-package-name): lower case, URL-safe, ≤ 214 characters.
const NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;
// A version, a range or a dist-tag; never a URL, a path or a git spec (Auth0 installs from the registry).
const VERSION = /^[0-9A-Za-z^~<>=*.+_| -]+$/;

export function checkDependency(dep: Dependency): Dependency {
  if (typeof dep.name !== 'string' || dep.name.length > 214 || !NAME.test(dep.name)) {
    throw new ClaimkitError('ERR_DEPENDENCY_INVALID', `"${String(dep.name).slice(0, 80)}" is not an npm package name. Use the name as published on the npm registry (lower case, optionally @scope/name).`);
  }
  const version = typeof dep.version === 'string' ? dep.version.trim() : '';
  if (version === '' || version.length > 100 || version.startsWith('-') || !VERSION.test(version)) {
    throw new ClaimkitError('ERR_DEPENDENCY_INVALID', `"${dep.name}" has version "${String(dep.version).slice(0, 80)}"; give a published version such as "4.17.21" (Auth0 installs from the npm registry: no URLs, paths or git specs).`);
  }
  return { name: dep.name, version };
}

/** The cache folder name of a dependency: a hash of exactly what is installed. */
export function cacheKey(dep: Dependency): string {
  return createHash('sha256').update(`claimkit-dependency-v1\0${dep.name}\0${dep.version}`).digest('hex').slice(0, 32);
}

export const specOf = (dep: Dependency) => `${dep.name}@${dep.version}`;
