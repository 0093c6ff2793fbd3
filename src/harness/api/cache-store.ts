import type { CacheRecord } from '../../types/api.ts';

/** The trigger-wide cache behind api.cache; share one between runs to model a warm Actions instance. */
export class CacheStore {
  readonly records = new Map<string, CacheRecord>();
}
