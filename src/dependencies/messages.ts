import fs from 'node:fs';
import path from 'node:path';

/** The version of `pkg` in the project's own node_modules, if any: a good first value to declare. */
function localVersion(root: string | undefined, pkg: string): string | undefined {
  if (root === undefined) return undefined;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', ...pkg.split('/'), 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What to say when an Action requires an npm package it does not declare — the same words in
 * `claimkit run`, `build` and the runtime's `require`: Auth0 only installs declared packages.
 */
export function undeclaredMessage(pkg: string, action: string, root?: string): string {
  const version = localVersion(root, pkg) ?? '<version>';
  return `The Action "${action}" requires "${pkg}", which it does not declare: on Auth0 it would fail with "Cannot find module '${pkg}'". Declare it under this Action in tenant.yaml: dependencies: [{ name: ${pkg}, version: ${version} }].`;
}
