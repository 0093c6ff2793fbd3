// The values a Rule tests for, read from its syntax tree, so that generated logins reach its branches: a
// Rule that checks `context.clientID === 'abc…'` is only exercised by logins from that client.
import type * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { analyse } from '../migrate/analysis.ts';
import { memberChain } from '../migrate/ast.ts';
import type { ParsedRule } from '../rules/parse.ts';

export interface RuleLiterals {
  /** http(s) URLs and URNs: API audiences the Rule may compare with. */
  urls: string[];
  /** Domains after an "@" or written alone ("example.com", "@corp.example"). */
  emailDomains: string[];
  /** Strings shaped like Auth0 client ids (32 letters and digits). */
  clientIds: string[];
  /** Other short strings: role names, organization names, metadata values. */
  words: string[];
  /** Short strings, spaces allowed: application and connection names (`context.clientName === 'Admin Portal'`, `context.connection === 'google-oauth2'`). */
  names: string[];
  /** app_metadata / user_metadata keys the Rule reads. */
  metadataKeys: string[];
}

const CLIENT_ID = /^[A-Za-z0-9]{32}$/;
const DOMAIN = /^@?([a-z0-9-]+\.)+[a-z]{2,}$/i;

export function ruleLiterals(parsed: ParsedRule): RuleLiterals {
  const strings = new Set<string>();
  walk.ancestor(parsed.fn, {
    Literal(node, _state, ancestors) {
      const v = (node as acorn.Literal).value;
      const parent = ancestors[ancestors.length - 2];
      // A piece of a built string (namespace + 'roles') names a claim; it is not a value the Rule tests.
      if (parent?.type === 'BinaryExpression' && (parent as acorn.BinaryExpression).operator === '+') return;
      if (typeof v === 'string' && v.length > 0 && v.length <= 255) strings.add(v);
    },
  });
  const out: RuleLiterals = { urls: [], emailDomains: [], clientIds: [], words: [], names: [], metadataKeys: [] };
  for (const s of strings) {
    if (/^(https?:\/\/|urn:)/.test(s)) out.urls.push(s);
    else if (s.includes('@') && DOMAIN.test(s.slice(s.lastIndexOf('@')))) out.emailDomains.push(s.slice(s.lastIndexOf('@') + 1).toLowerCase());
    else if (DOMAIN.test(s)) out.emailDomains.push(s.replace(/^@/, '').toLowerCase());
    else if (CLIENT_ID.test(s)) out.clientIds.push(s);
    else if (s.length <= 64) {
      out.names.push(s);
      if (!s.includes(' ')) out.words.push(s);
    }
  }
  const { names, aliases } = analyse(parsed);
  const keys = new Set<string>();
  walk.simple(parsed.fn, {
    MemberExpression(node) {
      const chain = memberChain(node as acorn.MemberExpression);
      if (!chain) return;
      const [first, second] = chain.segments;
      if (chain.root.name === names.user && (first?.name === 'app_metadata' || first?.name === 'user_metadata') && second?.name) keys.add(second.name);
      if (aliases.has(chain.root.name) && first?.name) keys.add(first.name);
    },
  });
  out.metadataKeys = [...keys];
  out.emailDomains = [...new Set(out.emailDomains)];
  return out;
}
