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

/**
 * `require` as Auth0's runtime offers it: Node's built-ins and the npm packages declared in the Action's
 * `dependencies`, nothing else (auth0-facts §2: bundled code plus declared dependencies).
 */
export function sandboxRequire(dependencies: readonly string[], resolveFrom: string): (id: string) => unknown {
  const declared = new Set(dependencies.map(dependencyName));
  const hostRequire = createRequire(path.join(resolveFrom, 'noop.js'));
  return (id: string) => {
    if (typeof id !== 'string') throw new TypeError('The "id" argument must be of type string.');
    if (isBuiltin(id)) return hostRequire(id);
    if (id.startsWith('.') || id.startsWith('/')) {
      throw notFound(id, 'Auth0 runs one file per Action: bundle local modules into it.');
    }
    if (!declared.has(packageOf(id))) {
      throw notFound(id, `Declare "${packageOf(id)}" in this Action's dependencies in tenant.yaml, or bundle it.`);
    }
    return hostRequire(id);
  };
}
