// How tenant.yaml values are compared with what a tenant answers. Only what tenant.yaml sets counts: a
// field it leaves out is never a difference (the Management API fills defaults in), and inside objects
// only the keys it names (`subset`); lists compare as sets, in any order.
import { isRecord } from '../../lib/records.ts';
import type { YamlItem } from './contract.ts';

/** Scalars as they are; objects by their keys in sorted order (so `{a, b}` equals `{b, a}`). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isRecord(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
}

// Compared as canonical JSON text: values from YAML, the SDK or another realm (a structured clone) compare alike.
const text = (x: unknown) => JSON.stringify(canonical(x)) ?? 'undefined';

/** Lists of anything, compared as multisets. */
function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && JSON.stringify(a.map(text).sort()) === JSON.stringify(b.map(text).sort());
}

/** `want` is matched by `have`: equal scalars, lists with the same elements, objects whose named keys match. */
export function matches(want: unknown, have: unknown, mode: 'subset' | 'exact' = 'subset'): boolean {
  if (Array.isArray(want)) return Array.isArray(have) && sameList(want, have);
  if (isRecord(want)) {
    if (!isRecord(have)) return false;
    if (mode === 'exact' && text(want) !== text(have)) return false;
    return Object.keys(want).every((k) => matches(want[k], have[k], mode));
  }
  return want === have || (Number.isNaN(want) && Number.isNaN(have));
}

/** The fields of `want` that `have` does not match, leaving out `skip` (identity and write-only fields). */
export function differingFields(want: YamlItem, have: YamlItem, options: { skip?: readonly string[]; exact?: readonly string[] } = {}): string[] {
  return Object.keys(want).filter((k) => !(options.skip ?? []).includes(k) && !matches(want[k], have[k], (options.exact ?? []).includes(k) ? 'exact' : 'subset'));
}

/** `item` without the given fields. */
export function without(item: YamlItem, fields: readonly string[]): YamlItem {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !fields.includes(k)));
}
