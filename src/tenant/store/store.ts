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

/**
 * The tenant's data in memory, saved whole as one JSON text after each change; a change is kept only
 * once it is saved. Routes call `write(change)`: the change is applied to `data` at once (so later
 * requests see it) and the promise resolves when it is on disk. Changes made while a save runs are
 * grouped into the next one. When a save (or serialising the data) fails, `data` goes back to what is
 * saved and every change not saved yet fails with ERR_TENANT_WRITE_FAILED — memory never holds what
 * the disk does not.
 */
export class TenantStore {
  readonly file: string | null;
  data: TenantData;
  private readonly persist: Persist;
  /** The text last saved: what a restart would load. */
  private saved: string;
  /** The text being saved now, if a save runs. */
  private saving: string | null = null;
  /** Changes applied in memory that wait for the next save. */
  private open: Batch | null = null;
  private inFlight: Batch | null = null;

  private constructor(file: string | null, data: TenantData, saved: string, persist: Persist) {
    this.file = file;
    this.data = data;
    this.saved = saved;
    this.persist = persist;
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

  /** Applies `change` and resolves with its value once the change is saved (see the class comment). */
  async write<T>(change: Change<T>): Promise<T> {
    const apply = change(this.data); // a refusal throws here: nothing changed
    let value: T;
    try {
      value = apply(this.data);
    } catch (err) {
      // The data may be half changed: go back to what is (or is being) saved.
      this.revert(this.saving ?? this.saved, err);
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
    while (this.inFlight || this.open) await (this.inFlight ?? this.open)?.promise.catch(() => undefined);
  }

  private saveNext(): void {
    if (this.inFlight || !this.open) return;
    const current = this.open;
    let text: string;
    try {
      text = JSON.stringify(this.data);
    } catch (err) {
      this.revert(this.saved, err);
      return;
    }
    this.open = null;
    this.inFlight = current;
    this.saving = text;
    this.persist(text).then(
      () => {
        this.saved = text;
        this.finish(current);
        current.resolve();
      },
      (err: unknown) => {
        this.finish(current);
        this.revert(this.saved, err);
        current.reject(writeFailed(err));
      },
    );
  }

  private finish(done: Batch): void {
    if (this.inFlight === done) {
      this.inFlight = null;
      this.saving = null;
    }
    queueMicrotask(() => this.saveNext());
  }

  /** Back to `text` (saved, or being saved); the changes waiting for the next save are lost, so their writers fail. */
  private revert(text: string, cause: unknown): void {
    this.data = JSON.parse(text) as TenantData;
    const waiting = this.open;
    this.open = null;
    waiting?.reject(writeFailed(cause));
  }
}
