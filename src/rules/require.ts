import { actionRequire } from '../engine/executor/require.ts';
import type { DependencySpec } from '../engine/protocol.ts';

/**
 * Rules name the version in the require ("Rules include dependencies in a way that requires including the
 * version number in a require statement": docs, Migrate from Rules to Actions, "Convert dependencies").
 * "lodash@4.17.21" → lodash, 4.17.21; "@scope/pkg@1.0.0/sub" → @scope/pkg, 1.0.0, "@scope/pkg/sub".
 */
export function packageOfVersioned(id: string): { name: string; version: string | undefined; bare: string } {
  const scoped = id.startsWith('@');
  const parts = id.split('/');
  const head = scoped ? `${parts[0] ?? ''}/${parts[1] ?? ''}` : (parts[0] ?? '');
  const rest = parts.slice(scoped ? 2 : 1);
  const at = head.indexOf('@', scoped ? 1 : 0);
  const name = at === -1 ? head : head.slice(0, at);
  const version = at === -1 ? undefined : head.slice(at + 1);
  return { name, version, bare: [name, ...rest].join('/') };
}

/**
 * `require` for a Rule in the Action engine: Node's built-ins, and the packages the Rule requires with a
 * version ("x@1.2.3"), each at that version, nothing else (the same rules as an Action's require).
 */
export function ruleRequire(dependencies: readonly DependencySpec[]): (id: string) => unknown {
  const inner = actionRequire(dependencies);
  return (id: string) => {
    if (typeof id !== 'string') throw new TypeError('The "id" argument must be of type string.');
    const { name, version, bare } = packageOfVersioned(id);
    const declared = dependencies.find((d) => d.name === name);
    if (declared && version !== undefined && declared.version !== version) {
      throw Object.assign(new Error(`Cannot find module '${id}': this Rule requires ${name} at ${declared.version} elsewhere; one version per package.`), { code: 'MODULE_NOT_FOUND' });
    }
    return inner(bare);
  };
}
