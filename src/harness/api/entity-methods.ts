import type { PostLoginEvent } from '../../types/event.ts';
import { cloneJson, setOwn } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { typeName, isFiniteNumber } from './checks.ts';
import { invalidArgument, notAllowed } from './errors.ts';

// What api.session and api.refreshToken share. The metadata rules are the runtime's
// ServerSessionValidator / RefreshTokenValidator (copied there from auth0-sessions-lib).
const KEY = /^[a-zA-Z0-9_-]{1,255}$/;
const MAX_VALUE_LENGTH = 255;
const MAX_KEYS = 25;

type Metadata = Record<string, unknown>;

function checkMetadata(metadata: Metadata): void {
  const entries = Object.entries(metadata);
  if (entries.length > MAX_KEYS) throw invalidArgument(`Metadata can hold at most ${MAX_KEYS} keys.`);
  for (const [key, value] of entries) {
    if (!KEY.test(key)) throw invalidArgument(`Metadata key "${key}" must be 1-255 letters, digits, "_" or "-".`);
    if (typeof value !== 'string') throw invalidArgument(`Metadata value of "${key}" must be a string, got ${typeName(value)}.`);
    if (value.length > MAX_VALUE_LENGTH) throw invalidArgument(`Metadata value of "${key}" must be at most ${MAX_VALUE_LENGTH} characters.`);
    if (value.includes('\0')) throw invalidArgument(`Metadata value of "${key}" must not contain NUL characters.`);
  }
}

export interface MetadataTarget {
  /** 'session' or 'refreshToken': the namespace, for call names and the effect key `<ns>.metadata`. */
  namespace: string;
  /** The entity in an event (event.session / event.refresh_token), kept in step with every change. */
  entity(event: PostLoginEvent): { metadata?: Metadata } | undefined;
  /** Throws when the runtime refuses the method here (e.g. an online refresh token). */
  assertAllowed(method: string): void;
  /** Session metadata needs a session; refresh-token metadata may precede the token. */
  requiresEntity: boolean;
}

export function metadataMethods(ctx: ActionContext, target: MetadataTarget) {
  const { namespace: ns } = target;
  // Each Action starts from the metadata as the api left it (the flow's event), as the runtime builds its
  // api per execution from the event it hands the Action, before the Action can touch that event.
  let metadata: Metadata = cloneJson(target.entity(ctx.flow.event)?.metadata ?? {});
  const absent = () => target.requiresEntity && target.entity(ctx.event) === undefined;
  const commit = (next: Metadata) => {
    metadata = next;
    // This Action sees the change in its event at once; later Actions see it in theirs.
    ctx.update((event) => {
      const entity = target.entity(event);
      if (entity) entity.metadata = cloneJson(next);
    });
    ctx.flow.effects.set(`${ns}.metadata`, cloneJson(next));
  };
  return {
    setMetadata(key: string, value: string | null): void {
      ctx.record(`${ns}.setMetadata`, [key, value]);
      target.assertAllowed('setMetadata');
      if (absent()) throw notAllowed(`Cannot set ${ns} metadata: there is no ${ns} (event.${ns === 'session' ? 'session' : 'refresh_token'}).`);
      if (typeof key !== 'string') throw invalidArgument(`${ns}.setMetadata: the key must be a string, got ${typeName(key)}.`);
      // null deletes; deleting a key that is not there does nothing.
      if (value === null && !Object.hasOwn(metadata, key)) return;
      if (value !== null && typeof value !== 'string') throw invalidArgument(`${ns}.setMetadata: the value must be a string or null, got ${typeName(value)}.`);
      const next = { ...metadata };
      if (value === null) delete next[key];
      else setOwn(next, key, value);
      checkMetadata(next);
      commit(next);
    },
    deleteMetadata(key: string): void {
      ctx.record(`${ns}.deleteMetadata`, [key]);
      target.assertAllowed('deleteMetadata');
      if (absent() || typeof key !== 'string' || !Object.hasOwn(metadata, key)) return;
      const next = { ...metadata };
      delete next[key];
      commit(next);
    },
    evictMetadata(): void {
      ctx.record(`${ns}.evictMetadata`, []);
      target.assertAllowed('evictMetadata');
      if (absent() || Object.keys(metadata).length === 0) return;
      commit({});
    },
  };
}

/**
 * setExpiresAt / setIdleExpiresAt: a time in epoch milliseconds. The runtime refuses a missing value and
 * anything but a finite number; the harness also refuses zero and negative times. Called again, the
 * earliest time wins (docs, post-login api object).
 */
export function setEarliestExpiry(ctx: ActionContext, method: string, value: unknown): void {
  if (!isFiniteNumber(value) || value <= 0) {
    throw invalidArgument(`${method} needs a positive time in milliseconds since the epoch, got ${typeName(value)} ${String(value)}.`);
  }
  const previous = ctx.flow.effects.get(method);
  ctx.flow.effects.set(method, isFiniteNumber(previous) ? Math.min(previous, value) : value);
}
