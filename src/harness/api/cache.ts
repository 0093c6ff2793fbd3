import type { CacheRecord, CacheWriteErrorCode, PostLoginApi } from '../../types/api.ts';
import type { CacheStore } from './cache-store.ts';
import { typeName, isFiniteNumber } from './checks.ts';

// Limits of the @auth0/actions cache (its CacheAPIImpl and canSetNewCacheRecord) and of the docs
// (Actions Limitations, "Cached data": entries live at most 24 h, at most 20 entries per trigger, keys
// 64 bytes, values 4 kB). The two disagree on the total: the docs say "must not exceed 8kB", the
// package's constant is 16 KiB + 256. claimkit keeps the docs' 8 KiB: a cache that fills up locally is
// better than one that fills up only in production (docs/fidelity.md).
const DEFAULT_TTL_MS = 15 * 60 * 1000;
const MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_BYTES = 64;
const MAX_VALUE_BYTES = 4096;
const MAX_TOTAL_BYTES = 8 * 1024;
const MAX_ENTRIES = 20;

type Records = Map<string, CacheRecord>;
type SetOptions = { ttl?: number; expires_at?: number } | undefined;

/** Auth0 never hands an execution records that have expired; the shared store forgets them too. */
function forgetExpired(records: Records, now: number): void {
  for (const [key, record] of records) if (record.expires_at < now) records.delete(key);
}

/** The runtime counts every stored key and value, the one about to be replaced included. */
function storedBytes(records: Records): number {
  let total = 0;
  for (const [key, record] of records) total += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(record.value, 'utf8');
  return total;
}

function sizeError(records: Records, key: string, value: string): CacheWriteErrorCode | undefined {
  const keyBytes = Buffer.byteLength(key, 'utf8');
  const valueBytes = Buffer.byteLength(value, 'utf8');
  if (keyBytes > MAX_KEY_BYTES) return 'CacheKeySizeExceeded';
  if (valueBytes > MAX_VALUE_BYTES) return 'CacheValueSizeExceeded';
  if (storedBytes(records) + keyBytes + valueBytes > MAX_TOTAL_BYTES) return 'CacheSizeExceeded';
  // The docs' 20-entry limit has no code of its own; a full cache is what CacheSizeExceeded says.
  if (!records.has(key) && records.size >= MAX_ENTRIES) return 'CacheSizeExceeded';
  return undefined;
}

/** The expiry in epoch ms: the earlier of ttl and expires_at, 15 min by default, at most 24 h away. */
function expiry(options: SetOptions, now: number): number | CacheWriteErrorCode {
  let at: number | undefined;
  const ttl = options?.ttl;
  if (ttl !== undefined) {
    if (!isFiniteNumber(ttl)) return 'InvalidExpiry';
    at = now + Math.floor(ttl);
  }
  const expiresAt = options?.expires_at;
  if (expiresAt !== undefined) {
    if (!isFiniteNumber(expiresAt)) return 'InvalidExpiry';
    at = Math.min(at ?? Infinity, Math.floor(expiresAt));
  }
  at ??= now + DEFAULT_TTL_MS;
  if (at <= now) return 'ItemAlreadyExpired';
  if (!Number.isSafeInteger(at)) return 'InvalidExpiry';
  return Math.min(at, now + MAX_LIFETIME_MS);
}

/** What the cache api needs of an Action's context (any trigger's). */
export interface CacheContext {
  record(method: string, args: unknown[]): void;
  readonly flow: { readonly cache: CacheStore; readonly options: { now(): number } };
}

export function cacheApi(ctx: CacheContext): PostLoginApi['cache'] {
  const { records } = ctx.flow.cache;
  const now = () => ctx.flow.options.now();
  return {
    get(key) {
      ctx.record('cache.get', [key]);
      const record = records.get(key);
      // A record is readable up to and including its expires_at (the runtime skips only expires_at < now).
      return record && record.expires_at >= now() ? { ...record } : undefined;
    },
    set(key, value, options) {
      ctx.record('cache.set', options === undefined ? [key, value] : [key, value, options]);
      // Like the runtime (Buffer.byteLength), a key or value that is not a string is a TypeError.
      if (typeof key !== 'string') throw new TypeError(`api.cache.set: the key must be a string, got ${typeName(key)}.`);
      if (typeof value !== 'string') throw new TypeError(`api.cache.set: the value must be a string, got ${typeName(value)}.`);
      const at = now();
      forgetExpired(records, at);
      const tooBig = sizeError(records, key, value);
      if (tooBig) return { type: 'error', code: tooBig };
      const expiresAt = expiry(options, at);
      if (typeof expiresAt === 'string') return { type: 'error', code: expiresAt };
      const record = { value, expires_at: expiresAt };
      records.set(key, record);
      return { type: 'success', record: { ...record } };
    },
    delete(key) {
      ctx.record('cache.delete', [key]);
      forgetExpired(records, now());
      return records.delete(key) ? { type: 'success' } : { type: 'error', code: 'CacheKeyDoesNotExist' };
    },
  };
}
