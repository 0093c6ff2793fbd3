import { CacheStore, continuePostLogin, makeEvent, runPostLogin } from '../../../src/harness/index.ts';
import type { PostLoginApi } from '../../../src/types/api.ts';
import { NOW, outcome, runOne } from './helpers.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Runs `body` with the cache API in one Action at time `at`, against `store`; returns what it returned. */
async function withCache<T>(body: (cache: PostLoginApi['cache']) => T, store = new CacheStore(), at = NOW): Promise<T> {
  let out: T | undefined;
  const result = await runOne(async (_e, api) => void (out = body(api.cache)), {}, { cache: store, now: () => at });
  expect(result.outcome).toBe('success');
  return out as T;
}

const code = (r: { type: string; code?: string }) => (r.type === 'error' ? r.code : r.type);

describe('api.cache.set and get', () => {
  it('stores a value for 15 minutes by default and keeps it between logins that share the store', async () => {
    const store = new CacheStore();
    const set = await withCache((c) => c.set('greeting', 'hello'), store);
    expect(set).toEqual({ type: 'success', record: { value: 'hello', expires_at: NOW + 15 * MIN } });
    expect(await withCache((c) => c.get('greeting'), store, NOW + 15 * MIN)).toEqual({ value: 'hello', expires_at: NOW + 15 * MIN });
    expect(await withCache((c) => c.get('greeting'), store, NOW + 15 * MIN + 1)).toBeUndefined();
  });

  it('limits keys to 64 bytes and values to 4096 bytes of UTF-8', async () => {
    const codes = await withCache((c) => [
      code(c.set('k'.repeat(64), 'v')),
      code(c.set('é'.repeat(33), 'v')), // 33 characters, 66 bytes
      code(c.set('big', 'v'.repeat(4096))),
      code(c.set('bigger', 'ü'.repeat(2049))), // 4098 bytes
    ]);
    expect(codes).toEqual(['success', 'CacheKeySizeExceeded', 'success', 'CacheValueSizeExceeded']);
  });

  it('limits all keys and values together to the documented 8 KiB (not the package\'s 16 KiB + 256)', async () => {
    const codes = await withCache((c) => [
      code(c.set('a', 'v'.repeat(4000))), // 4001 bytes stored
      code(c.set('b', 'v'.repeat(4000))), // 8002
      code(c.set('c', 'v'.repeat(190))), // 8193: one byte too many
      code(c.set('c', 'v'.repeat(189))), // 8192: exactly the limit
    ]);
    expect(codes).toEqual(['success', 'success', 'CacheSizeExceeded', 'success']);
  });

  it('holds at most 20 entries, replacing one still works', async () => {
    const codes = await withCache((c) => {
      for (let i = 0; i < 20; i++) expect(code(c.set(`k${i}`, 'v'))).toBe('success');
      return [code(c.set('k20', 'v')), code(c.set('k3', 'new'))];
    });
    expect(codes).toEqual(['CacheSizeExceeded', 'success']);
  });

  it('needs finite numbers for ttl and expires_at', async () => {
    const codes = await withCache((c) => [
      code(c.set('a', 'v', { ttl: Number.NaN })),
      code(c.set('a', 'v', { ttl: Number.POSITIVE_INFINITY })),
      code(c.set('a', 'v', { ttl: '60000' as never })),
      code(c.set('a', 'v', { expires_at: Number.NaN })),
    ]);
    expect(codes).toEqual(['InvalidExpiry', 'InvalidExpiry', 'InvalidExpiry', 'InvalidExpiry']);
  });

  it('takes the earlier of ttl and expires_at, and caps lifetimes at 24 hours', async () => {
    const expiries = await withCache((c) => [
      c.set('a', 'v', { ttl: MIN, expires_at: NOW + 30_000 }),
      c.set('b', 'v', { ttl: 30_000, expires_at: NOW + MIN }),
      c.set('c', 'v', { expires_at: NOW + 2 * MIN }),
      c.set('d', 'v', { ttl: 48 * HOUR }),
    ].map((r) => (r.type === 'success' ? r.record.expires_at : r.code)));
    expect(expiries).toEqual([NOW + 30_000, NOW + 30_000, NOW + 2 * MIN, NOW + 24 * HOUR]);
  });

  it('refuses an expiry at or before now', async () => {
    const codes = await withCache((c) => [
      code(c.set('a', 'v', { ttl: 0 })),
      code(c.set('a', 'v', { ttl: -5 })),
      code(c.set('a', 'v', { expires_at: NOW })),
      code(c.set('a', 'v', { expires_at: NOW + 1 })),
    ]);
    expect(codes).toEqual(['ItemAlreadyExpired', 'ItemAlreadyExpired', 'ItemAlreadyExpired', 'success']);
  });

  it('throws a TypeError for a key or value that is not a string, as the runtime does', async () => {
    const seen = await withCache((c) => [outcome(() => c.set(1 as never, 'v')), outcome(() => c.set('k', { a: 1 } as never))]);
    expect(seen).toEqual(['TypeError', 'TypeError']);
  });
});

describe('api.cache.delete', () => {
  it('deletes a stored key and reports a missing or expired one', async () => {
    const store = new CacheStore();
    await withCache((c) => [c.set('a', 'v'), c.set('short', 'v', { ttl: 1000 })], store);
    const later = await withCache((c) => [code(c.delete('a')), c.get('a'), code(c.delete('a')), code(c.delete('short'))], store, NOW + 2000);
    expect(later).toEqual(['success', undefined, 'CacheKeyDoesNotExist', 'CacheKeyDoesNotExist']);
  });
});

describe('api.cache across Actions and redirects', () => {
  const setThenRead = {
    onExecutePostLogin: async (_e: unknown, api: PostLoginApi) => {
      api.cache.set('k', 'v');
      api.redirect.sendUserTo('https://target.example.com');
    },
    onContinuePostLogin: async (_e: unknown, api: PostLoginApi) => void seen.push(api.cache.get('k')?.value),
  };
  const seen: unknown[] = [];
  beforeEach(() => void seen.splice(0));

  it('is shared by the Actions of one execution', async () => {
    await runPostLogin(
      [
        { onExecutePostLogin: async (_e, api) => void api.cache.set('k', 'v') },
        { onExecutePostLogin: async (_e, api) => void seen.push(api.cache.get('k')?.value) },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(seen).toEqual(['v']);
  });

  it('starts empty after a redirect, as Auth0 does not guarantee it there', async () => {
    await continuePostLogin(await runPostLogin(setThenRead, makeEvent(), { now: () => NOW }));
    expect(seen).toEqual([undefined]);
  });

  it('is kept across a redirect when the caller passes its own store (it models the instance)', async () => {
    await continuePostLogin(await runPostLogin(setThenRead, makeEvent(), { now: () => NOW, cache: new CacheStore() }));
    expect(seen).toEqual(['v']);
  });
});
