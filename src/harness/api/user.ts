import type { PostLoginApi } from '../../types/api.ts';
import { cloneJson, isPlainObject, setOwn } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { abortExecution } from './checks.ts';
import { invalidArgument } from './errors.ts';

// "Each session may have a maximum of 32kB each of user metadata persistence and 32kB of app metadata
// persistence" (docs, Actions Limitations, "User metadata and app metadata"). claimkit counts what this
// login writes: the changed keys with their final values, as JSON (docs/fidelity.md).
export const MAX_METADATA_WRITE_BYTES = 32 * 1024;

type Kind = 'app' | 'user';
const FIELD = { app: 'app_metadata', user: 'user_metadata' } as const;
const METHOD = { app: 'setAppMetadata', user: 'setUserMetadata' } as const;

/** The bytes this login would persist for one kind of metadata. */
export function metadataWriteBytes(ctx: ActionContext, kind: Kind): number {
  const metadata = ctx.flow.metadata[kind];
  const written: Record<string, unknown> = {};
  for (const key of ctx.flow.metadataWrites[kind]) setOwn(written, key, Object.hasOwn(metadata, key) ? metadata[key] : null);
  return Buffer.byteLength(JSON.stringify(written), 'utf8');
}

function setMetadata(ctx: ActionContext, kind: Kind, key: unknown, value: unknown): void {
  // The runtime's guard: the stored metadata must be an object (@auth0/actions UserAPIImpl).
  if (!isPlainObject(ctx.event.user[FIELD[kind]])) throw invalidArgument(`Unexpected ${FIELD[kind]} format: event.user.${FIELD[kind]} is not an object.`);
  if (typeof key !== 'string' || key.length === 0) throw invalidArgument('The metadata key must be a non-empty string.');
  const target = ctx.flow.metadata[kind];
  // `null` deletes the key (Auth0 docs, post-login api object: api.user.setAppMetadata).
  if (value === null) delete target[key];
  else setOwn(target, key, cloneJson(value));
  ctx.flow.metadataWrites[kind].add(key);
  ctx.flow.metadataChanged = true;
  const bytes = metadataWriteBytes(ctx, kind);
  if (bytes > MAX_METADATA_WRITE_BYTES) {
    // Auth0 would fail to persist it: the login fails, whatever the Action does with this error.
    throw abortExecution(ctx, `api.user.${METHOD[kind]}("${key}"): this login would write ${bytes} bytes of ${FIELD[kind]}; Auth0 persists at most ${MAX_METADATA_WRITE_BYTES} per session.`);
  }
}

export function userApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['user'] {
  return {
    setAppMetadata(key, value) {
      ctx.record('user.setAppMetadata', [key, value]);
      setMetadata(ctx, 'app', key, value);
      return api;
    },
    setUserMetadata(key, value) {
      ctx.record('user.setUserMetadata', [key, value]);
      setMetadata(ctx, 'user', key, value);
      return api;
    },
  };
}
