// How tenant.yaml values are compared with what a tenant answers. Only what tenant.yaml sets counts: a
// field it leaves out is never a difference (the Management API fills defaults in), and inside objects
// only the keys it names (`subset`); lists compare as sets, in any order.
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from '../../lib/records.ts';
import type { YamlItem } from './contract.ts';

/** Scalars as they are; objects by their keys in sorted order (so `{a, b}` equals `{b, a}`). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isRecord(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
}

/** Lists of anything, compared as multisets. */
function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  const key = (x: unknown) => JSON.stringify(canonical(x));
  return isDeepStrictEqual(a.map(key).sort(), b.map(key).sort());
}

/** `want` is matched by `have`: equal scalars, lists with the same elements, objects whose named keys match. */
export function matches(want: unknown, have: unknown, mode: 'subset' | 'exact' = 'subset'): boolean {
  if (Array.isArray(want)) return Array.isArray(have) && sameList(want, have);
  if (isRecord(want)) {
    if (!isRecord(have)) return false;
    if (mode === 'exact' && !isDeepStrictEqual(canonical(want), canonical(have))) return false;
    return Object.keys(want).every((k) => matches(want[k], have[k], mode));
  }
  return isDeepStrictEqual(want, have);
}

/** The fields of `want` that `have` does not match, leaving out `skip` (identity and write-only fields). */
export function differingFields(want: YamlItem, have: YamlItem, options: { skip?: readonly string[]; exact?: readonly string[] } = {}): string[] {
  return Object.keys(want).filter((k) => !(options.skip ?? []).includes(k) && !matches(want[k], have[k], (options.exact ?? []).includes(k) ? 'exact' : 'subset'));
}

/** `item` without the given fields. */
export function without(item: YamlItem, fields: readonly string[]): YamlItem {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !fields.includes(k)));
}
