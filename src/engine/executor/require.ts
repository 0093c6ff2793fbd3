import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import type { DependencySpec } from '../protocol.ts';

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
 * `dependencies`, each at its declared version, nothing else (auth0-facts §2: bundled code plus declared
 * dependencies). A declared package that is not installed says so, without host paths.
 */
export function actionRequire(dependencies: readonly DependencySpec[]): (id: string) => unknown {
  const declared = new Map(dependencies.map((d) => [d.name, d]));
  const requirers = new Map<string, NodeRequire>();
  // Built-ins resolve the same from anywhere; the path need not exist.
  const builtins = createRequire('/claimkit-engine.js');
  return (id: string) => {
    if (typeof id !== 'string') throw new TypeError('The "id" argument must be of type string.');
    if (isBuiltin(id)) return builtins(id);
    if (id.startsWith('.') || id.startsWith('/')) {
      throw notFound(id, 'Auth0 runs one file per Action: bundle local modules into it.');
    }
    const dep = declared.get(packageOf(id));
    if (!dep) throw notFound(id, `Declare "${packageOf(id)}" in this Action's dependencies in tenant.yaml (dependencies: [{ name, version }]), or bundle it.`);
    let req = requirers.get(dep.resolveFrom);
    if (!req) requirers.set(dep.resolveFrom, (req = createRequire(path.join(dep.resolveFrom, 'noop.js'))));
    try {
      return req(id);
    } catch (cause) {
      const code = (cause as { code?: unknown }).code;
      // Only when the package itself is missing; a package that fails inside keeps its own error.
      if ((code === 'MODULE_NOT_FOUND' || code === 'ERR_ACCESS_DENIED') && String((cause as Error).message).includes(`'${id}'`)) {
        throw notFound(id, `"${dep.name}@${dep.version}" is declared but not installed: install the Action's dependencies and try again.`);
      }
      throw cause;
    }
  };
}
