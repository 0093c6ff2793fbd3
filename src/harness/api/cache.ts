import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

const DEFAULT_TTL_MS = 15 * 60 * 1000;

export function cacheApi(ctx: ActionContext): PostLoginApi['cache'] {
  const { records } = ctx.flow.cache;
  return {
    get(key) {
      ctx.record('cache.get', [key]);
      const record = records.get(key);
      return record && record.expires_at > ctx.flow.options.now() ? { ...record } : undefined;
    },
    set(key, value, options) {
      ctx.record('cache.set', options === undefined ? [key, value] : [key, value, options]);
      const record = { value, expires_at: ctx.flow.options.now() + (options?.ttl ?? DEFAULT_TTL_MS) };
      records.set(key, record);
      return { type: 'success', record: { ...record } };
    },
    delete(key) {
      ctx.record('cache.delete', [key]);
      return records.delete(key) ? { type: 'success' } : { type: 'error', code: 'CacheKeyDoesNotExist' };
    },
  };
}
