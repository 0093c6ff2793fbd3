// A pulled item as a tenant.yaml item: read-only fields and defaults left out (server-fields.ts and
// auth0-deploy-cli's schema defaults), keys in one order — identity first, then alphabetical — so that
// two pulls of the same tenant write the same bytes, whatever order the Management API answered in.
import { matches } from '../deploy/resources/compare.ts';
import type { YamlItem } from '../deploy/resources/contract.ts';
import { SCHEMA_DEFAULTS } from '../deploy/resources/defaults.ts';
import { isRecord } from '../lib/records.ts';
import { DEFAULT_FIELDS, READ_ONLY_FIELDS, type FieldRule } from './server-fields.ts';

/** Keys written first, in this order, where an object has them (what a reader looks for first). */
const IDENTITY = ['name', 'identifier', 'template', 'client_id', 'audience', 'strategy', 'trigger', 'action_name', 'id', 'value'];

/** Removes the value at `path` (every list element at `*`) when `remove(value, item)` says so; prunes what it empties. */
function removeAt(node: unknown, path: readonly string[], remove: (value: unknown) => boolean): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    if (Array.isArray(node)) for (const element of node) removeAt(element, rest, remove);
    return;
  }
  if (!isRecord(node) || !Object.hasOwn(node, head)) return;
  if (rest.length === 0) {
    if (remove(node[head])) delete node[head];
    return;
  }
  const child = node[head];
  const wasEmpty = isRecord(child) && Object.keys(child).length === 0;
  removeAt(child, rest, remove);
  if (!wasEmpty && isRecord(child) && Object.keys(child).length === 0) delete node[head];
}

const equalTo = (expected: unknown) => (value: unknown) => matches(expected, value, 'exact') && matches(value, expected, 'exact');

function applyRules(item: YamlItem, rules: readonly FieldRule[]): void {
  for (const rule of rules) {
    if (rule.computed) removeAt(item, rule.path, equalTo(rule.computed(item)));
    else if (Object.hasOwn(rule, 'value')) removeAt(item, rule.path, equalTo(rule.value));
    else removeAt(item, rule.path, () => true);
  }
}

/** Keys sorted (identity first), lists kept in their order. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value).sort((a, b) => {
    const ia = IDENTITY.indexOf(a);
    const ib = IDENTITY.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? IDENTITY.length : ia) - (ib === -1 ? IDENTITY.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return Object.fromEntries(keys.map((k) => [k, canonical(value[k])]));
}

/** A copy of `item` (one item of `section`) as a pulled tenant.yaml writes it. */
export function cleanItem(section: string, item: YamlItem): YamlItem {
  const copy = JSON.parse(JSON.stringify(item)) as YamlItem;
  applyRules(copy, READ_ONLY_FIELDS[section] ?? []);
  applyRules(copy, DEFAULT_FIELDS[section] ?? []);
  // auth0-deploy-cli's schema defaults: a deploy fills them in again (both claimkit's and a0deploy's).
  const schemaRules = (SCHEMA_DEFAULTS[section] ?? []).map((d) => ({ path: section === 'tenant' ? d.path : d.path.slice(1), value: d.value }));
  applyRules(copy, schemaRules);
  return canonical(copy) as YamlItem;
}
