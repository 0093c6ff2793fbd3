import { ClaimkitError } from '../../errors.ts';
import { readIfExists, removeStaleTemps, writeFileAtomic } from './atomic-file.ts';
import type { TenantData } from './model.ts';

const LISTS = ['actions', 'versions', 'roles', 'resourceServers', 'clients', 'grants', 'users'] as const;

function checkData(value: unknown, file: string): TenantData {
  const data = value as Partial<TenantData> | null;
  const ok =
    typeof data === 'object' && data !== null && data.format === 1 && typeof data.bootstrapClientId === 'string' &&
    typeof data.bindings === 'object' && data.bindings !== null && LISTS.every((k) => Array.isArray(data[k]));
  if (!ok) {
    throw new ClaimkitError('ERR_TENANT_STATE_INVALID', `${file} is not a claimkit tenant state file (format 1). Move it away or run \`claimkit tenant reset\`.`);
  }
  return data as TenantData;
}

/**
 * The tenant's data in memory, written whole to one JSON file after each change. Routes change `data`
 * synchronously, then `await commit()` before answering: an acknowledged write is on disk. Concurrent
 * commits are grouped — one write covers every change made before it started.
 */
export class TenantStore {
  readonly file: string | null;
  data: TenantData;
  private queued: Promise<void> | null = null;
  private inFlight: Promise<void> | null = null;

  private constructor(file: string | null, data: TenantData) {
    this.file = file;
    this.data = data;
  }

  /** Data kept in memory only (in-process tests). */
  static memory(data: TenantData): TenantStore {
    return new TenantStore(null, data);
  }

  /** Loads `file`, or creates it from `seed()` when absent. A file that does not parse is an error, never overwritten. */
  static async open(file: string, seed: () => TenantData): Promise<TenantStore> {
    await removeStaleTemps(file);
    const text = await readIfExists(file);
    if (text === undefined) {
      const store = new TenantStore(file, seed());
      await store.commit();
      return store;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new ClaimkitError('ERR_TENANT_STATE_INVALID', `${file} does not parse as JSON. Move it away or run \`claimkit tenant reset\`.`, { cause });
    }
    return new TenantStore(file, checkData(parsed, file));
  }

  commit(): Promise<void> {
    if (this.file === null) return Promise.resolve();
    if (this.queued) return this.queued;
    const file = this.file;
    const previous = this.inFlight ?? Promise.resolve();
    const write: Promise<void> = previous
      .catch(() => undefined)
      .then(() => {
        // From here on, a change needs a new write; this one snapshots everything made so far.
        this.queued = null;
        this.inFlight = write;
        return writeFileAtomic(file, JSON.stringify(this.data));
      })
      .finally(() => {
        if (this.inFlight === write) this.inFlight = null;
      });
    this.queued = write;
    return write;
  }

  /** Waits for every write started so far. */
  async flush(): Promise<void> {
    await (this.queued ?? this.inFlight ?? Promise.resolve()).catch(() => undefined);
  }
}
