// Small helpers over acorn's ESTree nodes.
import type * as acorn from 'acorn';
import { propertyName } from '../rules/analyse.ts';

export type AnyNode = acorn.AnyNode;

const SKIP = new Set(['type', 'start', 'end', 'loc', 'range']);

function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' && typeof (v as { start?: unknown }).start === 'number';
}

/** A node's direct children, in source order. */
export function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (SKIP.has(key)) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out.sort((a, b) => a.start - b.start);
}

export function isIdentifier(node: AnyNode | null | undefined, name?: string): node is acorn.Identifier {
  return node?.type === 'Identifier' && (name === undefined || node.name === name);
}

/** One step of a member chain: `.name`, `?.name`, `[expr]`. */
export interface Segment {
  node: acorn.MemberExpression;
  name: string | undefined;
  computed: acorn.Expression | undefined;
  optional: boolean;
}

/** `a.b[c]?.d` → root `a` and its segments, outermost last; undefined when the root is not an identifier. */
export function memberChain(node: acorn.MemberExpression): { root: acorn.Identifier; segments: Segment[] } | undefined {
  const segments: Segment[] = [];
  let cur: AnyNode = node;
  while (cur.type === 'MemberExpression') {
    const m: acorn.MemberExpression = cur;
    const name = propertyName(m);
    segments.unshift({ node: m, name, computed: name === undefined ? (m.property as acorn.Expression) : undefined, optional: m.optional });
    cur = m.object;
  }
  return cur.type === 'Identifier' ? { root: cur, segments } : undefined;
}

/** The static names of the leading segments, up to the first computed one. */
export function staticPath(segments: readonly Segment[]): string[] {
  const out: string[] = [];
  for (const s of segments) {
    if (s.name === undefined) break;
    out.push(s.name);
  }
  return out;
}

export function isLiteralValue(node: AnyNode): boolean {
  if (node.type === 'Literal') return !(node.value instanceof RegExp);
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0;
  if (node.type === 'UnaryExpression') return node.operator === '-' && node.argument.type === 'Literal';
  if (node.type === 'ArrayExpression') return node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isLiteralValue(e));
  return false;
}

/** The line of a node (1-based). */
export function lineOf(node: AnyNode): number {
  return node.loc?.start.line ?? 0;
}
