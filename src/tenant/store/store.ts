import { ClaimkitError } from '../../errors.ts';
import { readIfExists, removeStaleTemps, writeFileAtomic } from './atomic-file.ts';
import type { TenantData } from './model.ts';
import { withDefaults } from './seed.ts';

const LISTS = ['actions', 'versions', 'roles', 'resourceServers', 'clients', 'grants', 'users'] as const;

function checkData(value: unknown, file: string): TenantData {
  const data = value as Partial<TenantData> | null;
  const ok =
    typeof data === 'object' && data !== null && data.format === 1 && typeof data.bootstrapClientId === 'string' &&
    typeof data.bindings === 'object' && data.bindings !== null && LISTS.every((k) => Array.isArray(data[k]));
  if (!ok) {
    throw new ClaimkitError('ERR_TENANT_STATE_INVALID', `${file} is not a claimkit tenant state file (format 1). Move it away or run \`claimkit tenant reset\`.`);
  }
  return withDefaults(data as TenantData);
}

/**
 * A change in two steps. `check` only reads (lookups, uniqueness, references) and throws to refuse —
 * nothing has changed then. It returns `apply`, which changes the data and returns the answer's value.
 */
export type Change<T> = (data: Readonly<TenantData>) => (data: TenantData) => T;

/** Where the store's text goes: a file (atomically), or nowhere (in-process tests). */
export type Persist = (text: string) => Promise<void>;

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function batch(): Batch {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // a batch nobody waits on must not be an unhandled rejection
  return { promise, resolve, reject };
}

const writeFailed = (cause: unknown) =>
  new ClaimkitError('ERR_TENANT_WRITE_FAILED', `The tenant could not save its state, so the change was not made: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });

interface Save {
  batch: Batch;
  text: string;
  /** The data being saved: what readers see once the save is done. */
  data: TenantData;
}

/**
 * The tenant's data, saved whole as one JSON text after each change. Readers see `data`: what is saved,
 * never more. Writers stage their changes on a working copy that every later write builds on; the
 * changes made while a save runs are grouped into the next one, and a save's copy replaces `data` only
 * once it is on disk. When a save (or serialising the copy) fails, the staged changes are dropped and
 * their writers fail with ERR_TENANT_WRITE_FAILED: memory never holds what the disk does not.
 */
export class TenantStore {
  readonly file: string | null;
  private saved: TenantData;
  private savedText: string;
  private readonly persist: Persist;
  /** The saved data plus every staged change (the save in flight, the open batch); null when there are none. */
  private working: TenantData | null = null;
  /** Changes staged since the last save started, waiting for the next one. */
  private open: Batch | null = null;
  private inFlight: Save | null = null;

  private constructor(file: string | null, data: TenantData, text: string, persist: Persist) {
    this.file = file;
    this.saved = data;
    this.savedText = text;
    this.persist = persist;
  }

  /** What is saved. Change it only through `write`. */
  get data(): TenantData {
    return this.saved;
  }

  /** Data kept in memory only (in-process tests); `persist` stands in for the disk. */
  static memory(data: TenantData, persist: Persist = async () => {}): TenantStore {
    return new TenantStore(null, data, JSON.stringify(data), persist);
  }

  /** Loads `file`, or creates it from `seed()` when absent. A file that does not parse is an error, never overwritten. */
  static async open(file: string, seed: () => TenantData): Promise<TenantStore> {
    await removeStaleTemps(file);
    const persist: Persist = (text) => writeFileAtomic(file, text);
    const text = await readIfExists(file);
    if (text === undefined) {
      const data = seed();
      const initial = JSON.stringify(data);
      await persist(initial);
      return new TenantStore(file, data, initial, persist);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new ClaimkitError('ERR_TENANT_STATE_INVALID', `${file} does not parse as JSON. Move it away or run \`claimkit tenant reset\`.`, { cause });
    }
    return new TenantStore(file, checkData(parsed, file), text, persist);
  }

  /**
   * Stages `change` on the working copy and resolves with its value once it is saved. The check step
   * and the apply step see the working copy (so a create sees the creates before it); the objects
   * `apply` returns are those that `data` holds after the save.
   */
  async write<T>(change: Change<T>): Promise<T> {
    const working = (this.working ??= JSON.parse(this.inFlight?.text ?? this.savedText) as TenantData);
    const apply = change(working); // a refusal throws here: nothing changed
    let value: T;
    try {
      value = apply(working);
    } catch (err) {
      this.dropOpen(err); // the copy may be half changed
      throw err;
    }
    let joined = this.open;
    if (!joined) {
      joined = this.open = batch();
      this.saveNext();
    }
    await joined.promise;
    return value;
  }

  /** Waits for every save started so far. */
  async flush(): Promise<void> {
    while (this.inFlight || this.open) await (this.inFlight?.batch ?? this.open)?.promise.catch(() => undefined);
  }

  private saveNext(): void {
    if (this.inFlight || !this.open || !this.working) return;
    let text: string;
    try {
      text = JSON.stringify(this.working);
    } catch (err) {
      this.dropOpen(err);
      return;
    }
    const save: Save = { batch: this.open, text, data: this.working };
    this.open = null;
    this.inFlight = save;
    this.working = null; // the next write copies the data being saved
    this.persist(text).then(
      () => {
        this.saved = save.data;
        this.savedText = text;
        this.inFlight = null;
        save.batch.resolve();
        this.saveNext();
      },
      (err: unknown) => {
        this.inFlight = null;
        save.batch.reject(writeFailed(err));
        this.dropOpen(err); // staged on top of what was not saved
      },
    );
  }

  /** Drops the changes of the open batch (they were staged on the copy being dropped); their writers fail. */
  private dropOpen(cause: unknown): void {
    this.working = null;
    const waiting = this.open;
    this.open = null;
    waiting?.reject(writeFailed(cause));
  }
}
