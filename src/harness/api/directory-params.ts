import { isPlainObject } from '../clone.ts';
import { typeName } from './checks.ts';
import { invalidArgument } from './errors.ts';

// Parameter checks of the runtime's GroupsAPIImpl / RolesAPIImpl, plus the documented maximums
// (roles: take and ids at most 100, names at most 50). The harness's cursor is an offset in a string.

export interface Paging {
  from: number;
  take: number;
}

export function checkPaging(params: unknown, method: string, defaultTake: number, maxTake?: number): Paging {
  if (params === undefined) return { from: 0, take: defaultTake };
  if (!isPlainObject(params)) throw invalidArgument(`${method}: params must be an object like { take, from }, got ${typeName(params)}.`);
  const { from, take } = params;
  if (from !== undefined && typeof from !== 'string') throw invalidArgument(`${method}: "from" must be a string if provided.`);
  if (take !== undefined && (typeof take !== 'number' || !Number.isInteger(take) || take <= 0)) {
    throw invalidArgument(`${method}: "take" must be a positive integer if provided.`);
  }
  if (maxTake !== undefined && take !== undefined && take > maxTake) throw invalidArgument(`${method}: "take" must be at most ${maxTake}.`);
  if (from !== undefined && !/^\d+$/.test(from)) throw invalidArgument(`${method}: "from" must be a cursor from an earlier answer's "next".`);
  return { from: from === undefined ? 0 : Number(from), take: take ?? defaultTake };
}

/** One page of `items`, with `next` when more follow. */
export function page<T>(items: readonly T[], { from, take }: Paging): { items: T[]; next?: string } {
  const end = from + take;
  const slice = items.slice(from, end);
  return end < items.length ? { items: slice, next: String(end) } : { items: slice };
}

export function checkNames(list: unknown, method: string, what: string, max?: number): asserts list is string[] {
  if (!Array.isArray(list) || list.length === 0) throw invalidArgument(`${method}: "${what}" must be a non-empty array of strings.`);
  if (list.some((x: unknown) => typeof x !== 'string')) throw invalidArgument(`${method}: "${what}" must contain only strings.`);
  if (max !== undefined && list.length > max) throw invalidArgument(`${method}: "${what}" can hold at most ${max} entries, got ${list.length}.`);
}
