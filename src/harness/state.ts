import type { HttpStub } from '../http-stubs/fixtures.ts';
import type { ClaimValue, EffectiveRole, UserGroup } from '../types/api.ts';
import type { PostLoginEvent } from '../types/event.ts';
import type { CacheStore } from './api/cache-store.ts';
import type { ApiCall, LogEntry } from './result.ts';

export interface HarnessOptions {
  /** Clock for cache expiry and redirect tokens, in epoch milliseconds. */
  now?: () => number;
  /** The trigger's cache; pass the same store to several runs to see values survive between logins. */
  cache?: CacheStore;
  /** What api.roles / api.groups answer. Roles default to event.authorization.roles. */
  directory?: { roles?: EffectiveRole[]; groups?: UserGroup[] };
  /** Ids of legacy Rules that ran before the Actions (api.rules.wasExecuted). */
  rulesExecuted?: readonly string[];
  /** Per-execution limit; Auth0 allows 20 s. */
  timeoutMs?: number;
  /**
   * Answer the Actions' outbound HTTP (fetch, node:http/https: axios, SDKs) from these stubs while the
   * flow runs; the requests are in `result.http`. A request no stub matches fails inside the Action and
   * then makes runPostLogin throw ERR_HTTP_UNSTUBBED, so no test passes by reaching the network.
   */
  http?: readonly HttpStub[];
}

export interface ResolvedOptions {
  now: () => number;
  directory: { roles: EffectiveRole[] | undefined; groups: UserGroup[] };
  rulesExecuted: ReadonlySet<string>;
  timeoutMs: number;
  http: readonly HttpStub[] | undefined;
}

/** Everything a login accumulates while its Actions run. */
export interface FlowState {
  /** The flow's own copy of the event; later Actions see earlier metadata changes in it. */
  readonly event: PostLoginEvent;
  readonly claims: { readonly id: Map<string, ClaimValue>; readonly access: Map<string, ClaimValue> };
  /** Which Action last wrote a claim to each token (named when a token is over budget). */
  readonly lastWriter: { id: string | undefined; access: string | undefined };
  readonly scopes: { readonly added: Set<string>; readonly removed: Set<string> };
  /** app_metadata / user_metadata as they are now, all changes applied. */
  readonly metadata: { app: Record<string, unknown>; user: Record<string, unknown> };
  /** Set when metadata changed since it was last copied into `event.user`. */
  metadataChanged: boolean;
  error: null | { message: string; action: string };
  denied: null | { reason: string; code?: string };
  redirect: null | { url: string; action: string };
  prompt: null | { id: string; action: string };
  primaryUser: string | undefined;
  readonly cache: CacheStore;
  readonly calls: ApiCall[];
  readonly logs: LogEntry[];
  readonly options: ResolvedOptions;
  /** Side effects that are not claims (MFA, SAML, sessions…), by api method, last value wins. */
  readonly effects: Map<string, unknown>;
}

/** What one Action's api is bound to. */
export interface ActionContext {
  readonly name: string;
  readonly phase: 'execute' | 'continue';
  /** The event this Action received. */
  readonly event: PostLoginEvent;
  readonly flow: FlowState;
  /** Records an api call in the flow's call log. */
  record(method: string, args: unknown[]): void;
}
