// Small pieces the handlers share: reading a list section, and collecting the SDK's pages.
import { isRecord } from '../../lib/records.ts';
import type { SectionIssue, YamlItem } from './contract.ts';
import { fieldTypeIssues, type FieldTypes } from './field-types.ts';

/** Every item of an SDK list, following its pages. */
export async function all<T>(page: Promise<AsyncIterable<T>>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of await page) out.push(item);
  return out;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A list section: each item a mapping with a non-empty string at `identity`, no two with the same key.
 * Items that are not are reported (with their index) and left out. A field of the wrong type (`fields`)
 * is reported at its path; the item stays, so what refers to it is still found.
 */
export function parseList(value: unknown, identity: string, key: (item: YamlItem) => string, what: string, fields: FieldTypes = {}): { items: YamlItem[]; issues: SectionIssue[] } {
  const issues: SectionIssue[] = [];
  if (value === undefined || value === null) return { items: [], issues };
  if (!Array.isArray(value)) return { items: [], issues: [{ path: [], message: `must be a list of ${what}s.` }] };
  const items: YamlItem[] = [];
  const seen = new Set<string>();
  value.forEach((raw, i) => {
    if (!isRecord(raw)) return void issues.push({ path: [i], message: `Each ${what} must be a mapping.` });
    if (typeof raw[identity] !== 'string' || raw[identity] === '') return void issues.push({ path: [i], message: `A ${what} needs "${identity}" (a non-empty string).` });
    const k = key(raw);
    if (seen.has(k)) return void issues.push({ path: [i, identity], message: `Two ${what}s are "${k}": keep one.` });
    seen.add(k);
    issues.push(...fieldTypeIssues(raw, [i], fields));
    items.push(raw);
  });
  return { items, issues };
}

/**
 * A tenant.yaml item as a Management API request body. Items go out as the user wrote them (the API
 * validates them and its error reaches the user), so this is the one place their type is asserted.
 */
export const asBody = <T>(item: YamlItem): T => item as unknown as T;

/** An SDK answer as a yaml item (its fields as the API named them). */
export const asItem = (value: object): YamlItem => value as unknown as YamlItem;
