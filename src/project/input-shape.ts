// Shape checks every parsed input (YAML or JSON) passes before anything uses it: not nested deeper than
// MAX_INPUT_DEPTH, and no key that reaches a prototype. Iterative, so a hostile input cannot overflow the stack.
import { FORBIDDEN_KEYS, MAX_INPUT_DEPTH } from './input-limits.ts';

export type ValuePath = Array<string | number>;

export type ShapeProblem = { kind: 'too-deep'; path: ValuePath } | { kind: 'forbidden-key'; path: ValuePath; key: string };

interface Node {
  value: unknown;
  depth: number;
  key: string | number | undefined;
  parent: Node | undefined;
}

function pathOf(node: Node): ValuePath {
  const out: ValuePath = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) out.unshift(n.key);
  return out;
}

/** The first problem found in `value` (depth first), or undefined. */
export function shapeProblem(value: unknown, maxDepth: number = MAX_INPUT_DEPTH): ShapeProblem | undefined {
  const stack: Node[] = [{ value, depth: 0, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const v = node.value;
    if (typeof v !== 'object' || v === null) continue;
    if (node.depth >= maxDepth) return { kind: 'too-deep', path: pathOf(node) };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: node.depth + 1, key: i, parent: node });
      continue;
    }
    const keys = Object.keys(v);
    for (const key of keys) {
      if (FORBIDDEN_KEYS.includes(key)) return { kind: 'forbidden-key', path: [...pathOf(node), key], key };
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ value: (v as Record<string, unknown>)[key], depth: node.depth + 1, key, parent: node });
    }
  }
  return undefined;
}

/** A path as JSONPath-like text: $.user.app_metadata["a b"][0]. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}

/** The sentence that explains a shape problem. */
export function describeShapeProblem(p: ShapeProblem, maxDepth: number = MAX_INPUT_DEPTH): string {
  return p.kind === 'too-deep'
    ? `${formatPath(p.path)} is nested more than ${maxDepth} levels deep, more than claimkit accepts. Flatten the data.`
    : `${formatPath(p.path)}: the key "${p.key}" is not accepted (it could change the prototype of objects built from this file). Rename the key.`;
}
