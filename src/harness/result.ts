import type { HttpCall } from '../http-stubs/install.ts';
import type { ClaimRuleId, TokenKind } from '../policy/index.ts';
import type { ClaimValue } from '../types/api.ts';

export type Outcome = 'success' | 'denied' | 'error';

export interface DroppedClaim {
  token: TokenKind;
  claim: string;
  reason: string;
  rule: ClaimRuleId;
}

export interface LogEntry {
  action: string;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';
  message: string;
}

export interface ApiCall {
  action: string;
  method: string;
  args: unknown[];
  /** Set when the call came after the Action had finished (an un-awaited promise, a callback): Auth0 ignores it. */
  ignored?: true;
}

/** What one login through a flow of Actions produced. `claimkit run --json` prints exactly this object. */
export interface FlowResult {
  outcome: Outcome;
  denied: null | { reason: string; code?: string };
  /** Why the login failed; `code` is the OAuth `error` Auth0 returns when Auth0 documents one. */
  error: null | { message: string; action: string; code?: string };
  idToken: { claims: Record<string, ClaimValue> };
  accessToken: { claims: Record<string, ClaimValue>; scopes: { added: string[]; removed: string[] } };
  /** The user's metadata as it is after the flow (what Auth0 writes back). */
  user: { app_metadata: Record<string, unknown>; user_metadata: Record<string, unknown> };
  /** Claims Auth0 would silently drop; they are not in `claims`. */
  dropped: DroppedClaim[];
  /** Claims Auth0 keeps today that deserve a second look. */
  warnings: DroppedClaim[];
  /**
   * Set when an Action sent the user away; the flow resumes with continuePostLogin. `url` carries the
   * `state` parameter Auth0 adds; the redirect target must send it back to /continue.
   */
  redirect: null | { url: string; state: string };
  /** Set when an Action rendered a custom prompt; the flow resumes with continuePostLogin. */
  prompt: null | { id: string };
  actions: Array<{ name: string; ran: boolean }>;
  logs: LogEntry[];
  /** Every api call, in order, with its arguments. */
  calls: ApiCall[];
  /** With the `http` option: every outbound request, in order, and the stubbed status (null: no stub). */
  http?: HttpCall[];
}
