import { ClaimkitError } from '../errors.ts';
import type { ClaimValue } from '../types/api.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { cloneJson } from './clone.ts';
import type { NamedAction } from './flow-input.ts';
import type { ApiCall, FlowResult, LogEntry } from './result.ts';
import type { FlowState, Paused } from './state.ts';

/**
 * A paused flow as plain JSON: what Auth0 keeps server-side while the user is at the redirect target.
 * Everything the Actions accumulated before the pause comes back at /continue (claims, scopes, metadata
 * changes, transaction metadata, logs); the trigger's cache does not (Auth0 does not guarantee it there).
 */
export interface FlowSnapshot {
  version: 1;
  /** The Actions' names in binding order: resuming with other Actions is refused. */
  actions: string[];
  ran: boolean[];
  at: number;
  event: PostLoginEvent;
  claims: { id: Array<[string, ClaimValue]>; access: Array<[string, ClaimValue]> };
  lastWriter: { id?: string; access?: string };
  scopes: { added: string[]; removed: string[] };
  metadata: { app: Record<string, unknown>; user: Record<string, unknown> };
  metadataWrites: { app: string[]; user: string[] };
  redirect: FlowState['redirect'];
  prompt: FlowState['prompt'];
  primaryUser?: string;
  primaryUserAction?: string;
  effects: Array<[string, unknown]>;
  calls: ApiCall[];
  logs: LogEntry[];
  redirectState: string;
  originalMetadata: FlowResult['user'];
}

export function snapshotFlow({ flow, actions, ran, at, originalMetadata }: Paused): FlowSnapshot {
  return cloneJson({
    version: 1 as const,
    actions: actions.map((a) => a.name),
    ran: [...ran],
    at,
    event: flow.event,
    claims: { id: [...flow.claims.id], access: [...flow.claims.access] },
    lastWriter: { ...(flow.lastWriter.id ? { id: flow.lastWriter.id } : {}), ...(flow.lastWriter.access ? { access: flow.lastWriter.access } : {}) },
    scopes: { added: [...flow.scopes.added], removed: [...flow.scopes.removed] },
    metadata: flow.metadata,
    metadataWrites: { app: [...flow.metadataWrites.app], user: [...flow.metadataWrites.user] },
    redirect: flow.redirect,
    prompt: flow.prompt,
    ...(flow.primaryUser === undefined ? {} : { primaryUser: flow.primaryUser }),
    ...(flow.primaryUserAction === undefined ? {} : { primaryUserAction: flow.primaryUserAction }),
    effects: [...flow.effects],
    calls: flow.calls,
    logs: flow.logs,
    redirectState: flow.options.redirectState,
    originalMetadata,
  });
}

/** The paused flow a snapshot describes, bound to `actions` (the same names, in the same order). */
export function restoreFlow(snapshot: FlowSnapshot, actions: NamedAction[], fresh: (event: PostLoginEvent) => FlowState): Paused {
  const names = actions.map((a) => a.name);
  if (snapshot.version !== 1 || names.length !== snapshot.actions.length || names.some((n, i) => n !== snapshot.actions[i])) {
    throw new ClaimkitError('ERR_USAGE', `This paused flow was made by the Actions [${snapshot.actions.join(', ')}]; it cannot resume with [${names.join(', ')}].`);
  }
  const s = cloneJson(snapshot);
  const flow = fresh(s.event);
  for (const [k, v] of s.claims.id) flow.claims.id.set(k, v);
  for (const [k, v] of s.claims.access) flow.claims.access.set(k, v);
  flow.lastWriter.id = s.lastWriter.id;
  flow.lastWriter.access = s.lastWriter.access;
  for (const scope of s.scopes.added) flow.scopes.added.add(scope);
  for (const scope of s.scopes.removed) flow.scopes.removed.add(scope);
  flow.metadata.app = s.metadata.app;
  flow.metadata.user = s.metadata.user;
  for (const key of s.metadataWrites.app) flow.metadataWrites.app.add(key);
  for (const key of s.metadataWrites.user) flow.metadataWrites.user.add(key);
  flow.redirect = s.redirect;
  flow.prompt = s.prompt;
  flow.primaryUser = s.primaryUser;
  flow.primaryUserAction = s.primaryUserAction;
  for (const [k, v] of s.effects) flow.effects.set(k, v);
  flow.calls.push(...s.calls);
  flow.logs.push(...s.logs);
  return { flow, actions, ran: s.ran, at: s.at, originalMetadata: s.originalMetadata };
}
