import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';

/** "lodash@4.17.21" → "lodash"; "@scope/pkg@1.0.0" → "@scope/pkg". */
export function dependencyName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at === -1 ? spec : spec.slice(0, at);
}

/** "@scope/pkg/sub" → "@scope/pkg"; "pkg/sub" → "pkg". */
export function packageOf(id: string): string {
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? id);
}

function notFound(id: string, hint: string): Error {
  const err = new Error(`Cannot find module '${id}'. ${hint}`) as Error & { code: string };
  err.code = 'MODULE_NOT_FOUND';
  return err;
}

/** The folder that holds `pkg`'s node_modules tree: …/<entry>/node_modules/<pkg> → …/<entry>. */
function installRoot(packageDir: string, pkg: string): string {
  return path.resolve(packageDir, ...pkg.split('/').map(() => '..'), '..');
}

/**
 * `require` as Auth0's runtime offers it: Node's built-ins and the npm packages declared in the Action's
 * `dependencies`, nothing else (auth0-facts §2: bundled code plus declared dependencies). `packages`
 * maps each declared package to its installed folder at the declared version (ensureDependencies):
 * never the project's own node_modules.
 */
export function sandboxRequire(packages: ReadonlyMap<string, string>, action = 'the Action'): (id: string) => unknown {
  const requirers = new Map<string, NodeJS.Require>();
  return (id: string) => {
    if (typeof id !== 'string') throw new TypeError('The "id" argument must be of type string.');
    if (isBuiltin(id)) return process.getBuiltinModule(id);
    if (id.startsWith('.') || id.startsWith('/')) {
      throw notFound(id, 'Auth0 runs one file per Action: bundle local modules into it.');
    }
    const pkg = packageOf(id);
    const dir = packages.get(pkg);
    if (dir === undefined) {
      throw notFound(id, `Declare "${pkg}" in ${action}'s dependencies in tenant.yaml: dependencies: [{ name: ${pkg}, version: <version> }].`);
    }
    const root = installRoot(dir, pkg);
    let req = requirers.get(root);
    if (!req) {
      req = createRequire(path.join(root, 'noop.js'));
      requirers.set(root, req);
    }
    // Resolved inside the package's own install, never from a node_modules further up.
    const file = req.resolve(id);
    if (path.relative(root, file).startsWith('..')) throw notFound(id, `"${pkg}" is not installed in ${root}.`);
    return req(file);
  };
}
