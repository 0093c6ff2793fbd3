import type { HttpStub } from '../http-stubs/fixtures.ts';
import type { ClaimValue, EffectiveRole, UserGroup } from '../types/api.ts';
import type { PostLoginEvent } from '../types/event.ts';
import type { CacheStore } from './api/cache-store.ts';
import type { NamedAction } from './flow-input.ts';
import type { ApiCall, FlowResult, LogEntry } from './result.ts';

export interface HarnessOptions {
  /** Clock for cache expiry and redirect tokens, in epoch milliseconds. */
  now?: () => number;
  /**
   * The trigger's cache; pass the same store to several runs to see values survive between logins. Without
   * one, each execution starts empty, and so does the one after a redirect: Auth0 does not guarantee the
   * cache there (Actions Limitations, "Cached data").
   */
  cache?: CacheStore;
  /** What api.roles / api.groups answer. Roles default to event.authorization.roles. */
  directory?: { roles?: EffectiveRole[]; groups?: UserGroup[] };
  /** Ids of legacy Rules that ran before the Actions (api.rules.wasExecuted). */
  rulesExecuted?: readonly string[];
  /**
   * Time budget of one execution of the trigger — all its Actions together; Auth0 allows 20 s. A redirect
   * ends an execution: the /continue request starts a new one with a fresh budget.
   */
  timeoutMs?: number;
  /**
   * The `state` Auth0 adds to a redirect URL and expects back at /continue. Defaults to a value derived
   * from the event (stable across runs of the same event, never the application's own `state`).
   */
  redirectState?: string;
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
  redirectState: string;
  /** True when the caller passed its own CacheStore (it then models the instance itself). */
  cacheGiven: boolean;
  http: readonly HttpStub[] | undefined;
}

/** Why a login failed: the Action, what went wrong and, where Auth0 sends one, the OAuth error code. */
export interface FlowError {
  message: string;
  action: string;
  /** The `error` Auth0 returns to the application (e.g. `interaction_required`), when it is documented. */
  code?: string;
}

/** Everything a login accumulates while its Actions run. */
export interface FlowState {
  /**
   * The flow's own copy of the event, changed only through the api (metadata, transaction metadata,
   * session and refresh-token metadata…). Each Action receives a fresh copy of it, so what one Action
   * does to its `event` directly never reaches the next.
   */
  readonly event: PostLoginEvent;
  readonly claims: { readonly id: Map<string, ClaimValue>; readonly access: Map<string, ClaimValue> };
  /** Which Action last wrote a claim to each token (named when a token is over budget). */
  readonly lastWriter: { id: string | undefined; access: string | undefined };
  readonly scopes: { readonly added: Set<string>; readonly removed: Set<string> };
  /** app_metadata / user_metadata as they are now, all changes applied. */
  readonly metadata: { app: Record<string, unknown>; user: Record<string, unknown> };
  /** Set when metadata changed since it was last copied into `event.user`. */
  metadataChanged: boolean;
  /** The metadata keys the api changed in this login: what Auth0 persists after the flow. */
  readonly metadataWrites: { readonly app: Set<string>; readonly user: Set<string> };
  error: null | FlowError;
  denied: null | { reason: string; code?: string };
  redirect: null | { url: string; action: string };
  prompt: null | { id: string; action: string };
  primaryUser: string | undefined;
  /** Set when the running Action requested an MFA challenge or enrollment (api.authentication.*). */
  mfaRequested: boolean;
  /** The Action that called api.authentication.setPrimaryUser. */
  primaryUserAction: string | undefined;
  cache: CacheStore;
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
  /** The event this Action received: its own copy. */
  readonly event: PostLoginEvent;
  readonly flow: FlowState;
  /**
   * Applies an api-made change to this Action's event (seen at once) and to the flow's event (seen by
   * later Actions). `change` runs once per event and must not share objects between them.
   */
  update(change: (event: PostLoginEvent) => void): void;
  /** True once the Action's handler has settled: later api calls change nothing. */
  finished(): boolean;
  /** Records an api call in the flow's call log. */
  record(method: string, args: unknown[]): void;
}

/** A flow between two executions (or paused by a redirect): what it accumulated, which Action runs next. */
export interface Paused {
  flow: FlowState;
  actions: NamedAction[];
  ran: boolean[];
  /** The Action that paused the flow (or the next one to run). */
  at: number;
  originalMetadata: FlowResult['user'];
}
