// What a Rule needs from outside, read from its syntax tree: the packages it requires (Rules name the
// version: `require('lodash@4.17.21')`) and the `configuration` keys it reads.
import type * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { isBuiltin } from 'node:module';
import type { ParsedRule } from './parse.ts';
import { packageOfVersioned } from './require.ts';

export interface RuleRequire {
  /** As written: "lodash@4.17.21". */
  id: string;
  name: string;
  version: string | undefined;
  builtin: boolean;
  line: number;
}

export interface RuleNeeds {
  requires: RuleRequire[];
  /** `configuration.X`, `configuration['X']` and `const { X } = configuration`. */
  configurationKeys: string[];
  /** True when the Rule uses `configuration` in a way that names no key (passes it on, iterates it). */
  configurationDynamic: boolean;
}

/** The static name of a member access: `a.b` and `a['b']`; undefined for `a[expr]`. */
export function propertyName(node: acorn.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

export function analyseRule(parsed: ParsedRule): RuleNeeds {
  const requires: RuleRequire[] = [];
  const keys = new Set<string>();
  let dynamic = false;
  walk.ancestor(parsed.fn, {
    CallExpression(node) {
      const call = node as acorn.CallExpression;
      if (call.callee.type !== 'Identifier' || call.callee.name !== 'require') return;
      const arg = call.arguments[0];
      if (arg?.type !== 'Literal' || typeof arg.value !== 'string') return;
      const { name, version } = packageOfVersioned(arg.value);
      requires.push({ id: arg.value, name, version, builtin: isBuiltin(arg.value), line: call.loc?.start.line ?? 0 });
    },
    Identifier(node, _state, ancestors) {
      if ((node as acorn.Identifier).name !== 'configuration') return;
      const parent = ancestors[ancestors.length - 2];
      if (parent?.type === 'MemberExpression' && (parent as acorn.MemberExpression).object === node) {
        const key = propertyName(parent as acorn.MemberExpression);
        if (key === undefined) dynamic = true;
        else keys.add(key);
        return;
      }
      if (parent?.type === 'VariableDeclarator' && (parent as acorn.VariableDeclarator).init === node) {
        const id = (parent as acorn.VariableDeclarator).id;
        if (id.type === 'ObjectPattern') {
          for (const p of id.properties) {
            if (p.type === 'Property' && !p.computed && p.key.type === 'Identifier') keys.add(p.key.name);
            else dynamic = true;
          }
          return;
        }
      }
      // A property key or a member name spelled "configuration" is not the global.
      if (parent?.type === 'MemberExpression' && (parent as acorn.MemberExpression).property === node) return;
      if (parent?.type === 'Property' && (parent as acorn.Property).key === node && !(parent as acorn.Property).shorthand) return;
      dynamic = true;
    },
  });
  return { requires, configurationKeys: [...keys].sort(), configurationDynamic: dynamic };
}
