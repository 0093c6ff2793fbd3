import { queryError } from '../http/errors.ts';
import { queryBoolean } from '../http/validate.ts';

export interface PageRequest {
  page: number;
  perPage: number;
  includeTotals: boolean;
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw queryError(`'Expected type integer but found type string' on property ${name}`);
  if (n < min) throw queryError(`'Value ${n} is less than minimum ${min}' on property ${name}`);
  if (n > max) throw queryError(`'Value ${n} is greater than maximum ${max}' on property ${name}`);
  return n;
}

/** page (from 0), per_page (1–100, default 50) and include_totals, as the Management API reads them. */
export function pageRequest(url: URL, defaultPerPage = 50): PageRequest {
  return {
    page: intParam(url, 'page', 0, 0, 1_000_000),
    perPage: intParam(url, 'per_page', defaultPerPage, 1, 100),
    includeTotals: queryBoolean(url, 'include_totals') ?? false,
  };
}

function slice<T>(items: readonly T[], p: PageRequest): T[] {
  return items.slice(p.page * p.perPage, (p.page + 1) * p.perPage);
}

/**
 * Offset-paged lists (clients, roles, resource servers, users…): a bare array, or with include_totals
 * `{<key>: [...], start, limit, total}` — clients read `total` to decide whether to ask further pages.
 */
export function offsetList<T>(key: string, items: readonly T[], p: PageRequest, extra: Record<string, unknown> = {}): unknown {
  const page = slice(items, p);
  if (!p.includeTotals) return page;
  return { [key]: page, start: p.page * p.perPage, limit: p.perPage, ...extra, total: items.length };
}

/** The Actions API's lists: always wrapped, `{<key>: [...], total, page, per_page}`. */
export function pagedList<T>(key: string, items: readonly T[], p: PageRequest): unknown {
  return { [key]: slice(items, p), total: items.length, page: p.page, per_page: p.perPage };
}

/** `from` tokens are the index of the next item, opaque to clients (Auth0's are opaque too). */
const encodeFrom = (index: number) => Buffer.from(`i:${index}`).toString('base64url');

function decodeFrom(raw: string): number {
  const m = /^i:(\d{1,9})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!m) throw queryError(`'Invalid from parameter: use the "next" value of the previous page' on property from`);
  return Number(m[1]);
}

/**
 * Checkpoint-paged lists (client grants, connections, organizations, members…): `take` (1–100, default
 * 50) items from `from`, as `{<key>: [...], next}`; `next` is absent on the last page. Clients stop when
 * there is no `next`.
 */
export function checkpointList<T>(key: string, items: readonly T[], url: URL): unknown {
  const raw = url.searchParams.get('from');
  const start = raw === null || raw === '' ? 0 : decodeFrom(raw);
  const take = intParam(url, 'take', 50, 1, 100);
  const page = items.slice(start, start + take);
  return start + take < items.length ? { [key]: page, next: encodeFrom(start + take) } : { [key]: page };
}

/** The list the request asks for: checkpoint pages when it sends `from` or `take`, offset pages otherwise. */
export function listAnswer<T>(key: string, items: readonly T[], url: URL): unknown {
  const checkpoint = url.searchParams.has('from') || url.searchParams.has('take');
  return checkpoint ? checkpointList(key, items, url) : offsetList(key, items, pageRequest(url));
}
