import type { HttpStub } from '../../http-stubs/fixtures.ts';
import type { ClaimValue } from '../../types/api.ts';
import type { AccessDeniedCode } from '../../types/credentials-exchange/api.ts';
import type { CredentialsExchangeEvent } from '../../types/credentials-exchange/event.ts';
import type { CacheStore } from '../api/cache-store.ts';
import type { ApiCall, LogEntry } from '../result.ts';
import type { FlowError } from '../state.ts';

export interface ExchangeOptions {
  /** Clock for cache expiry, in epoch milliseconds. */
  now?: () => number;
  /** The trigger's cache; pass the same store to several runs to see values survive between exchanges. */
  cache?: CacheStore;
  /** Time budget of the execution, all Actions together; Auth0 allows 20 s. */
  timeoutMs?: number;
  /** Answer the Actions' outbound HTTP from these stubs (see HarnessOptions.http). */
  http?: readonly HttpStub[];
  /**
   * The client grant's scopes: the target scopes are intersected with them after the Actions (Auth0
   * drops the others silently). Default: event.accessToken.scope.
   */
  grantScopes?: readonly string[];
}

/** Everything one exchange accumulates while its Actions run. */
export interface ExchangeState {
  /** The exchange's own copy of the event; each Action gets a fresh copy of it. */
  readonly event: CredentialsExchangeEvent;
  readonly claims: Map<string, ClaimValue>;
  /** Which Action last wrote a claim (named when the token is over budget). */
  lastWriter: string | undefined;
  /** The target scopes as the Actions leave them (api.transaction). */
  readonly transaction: { target_scopes: string[] };
  denied: null | { reason: string; code: AccessDeniedCode };
  error: null | FlowError;
  readonly cache: CacheStore;
  readonly calls: ApiCall[];
  readonly logs: LogEntry[];
  readonly options: { now: () => number; timeoutMs: number; http: readonly HttpStub[] | undefined; grantScopes: readonly string[] };
}

/** What one Action's api is bound to. */
export interface ExchangeContext {
  readonly name: string;
  /** This Action's own copy of the event. */
  readonly event: CredentialsExchangeEvent;
  readonly flow: ExchangeState;
  finished(): boolean;
  record(method: string, args: unknown[]): void;
}
