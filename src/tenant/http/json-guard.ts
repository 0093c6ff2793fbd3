import { payloadError } from './errors.ts';

// Request bodies come from strangers. Before a route looks at one, the whole value is walked once
// (iteratively: a deep value must not overflow the stack here either) and refused with a 400 when it
// nests deeper than anything Auth0's API takes, or uses a key that reaches an object's prototype when
// assigned (`Object.assign(target, body)` with `__proto__` replaces the target's prototype).

/** Deepest nesting accepted: the body is level 1, `app_metadata` 2, its values 3… */
export const MAX_BODY_DEPTH = 32;

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface Node {
  value: object;
  key: string | number;
  parent: Node | null;
  depth: number;
}

/** `a.b[2].c`, shortened in the middle past a few segments (a deep path would flood the message). */
function pathText(node: Node | null, last?: string): string {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let n = node; n && n.parent; n = n.parent) path.unshift(n.key);
  const shown = path.length > 8 ? [...path.slice(0, 4), '…', ...path.slice(-2)] : path;
  return shown.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Throws an Auth0-style 400 (invalid_body) naming the first offending property. */
export function guardJson(value: unknown, maxDepth = MAX_BODY_DEPTH): void {
  if (typeof value !== 'object' || value === null) return;
  const stack: Node[] = [{ value, key: '', parent: null, depth: 1 }];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.depth > maxDepth) {
      throw payloadError(`'Too deeply nested: at most ${maxDepth} levels of objects and arrays are accepted' on property ${pathText(node)}`);
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(node.value) ? node.value.map((v, i) => [i, v]) : Object.entries(node.value);
    for (const [key, v] of entries) {
      if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) throw payloadError(`'Property name ${key} is not allowed' on property ${pathText(node, key)}`);
      if (typeof v === 'object' && v !== null) stack.push({ value: v, key, parent: node, depth: node.depth + 1 });
    }
  }
}
