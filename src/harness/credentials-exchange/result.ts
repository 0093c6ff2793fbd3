import type { HttpCall } from '../../http-stubs/install.ts';
import type { ClaimValue } from '../../types/api.ts';
import type { AccessDeniedCode } from '../../types/credentials-exchange/api.ts';
import type { ApiCall, DroppedClaim, LogEntry, Outcome } from '../result.ts';

/**
 * What one client-credentials exchange through the credentials-exchange Actions produced. The keys a
 * machine token shares with a login's FlowResult have the same shape (`claimkit run --json` prints it);
 * a machine has no ID token, no user, no redirect and no prompt.
 */
export interface CredentialsExchangeResult {
  outcome: Outcome;
  /** api.access.deny: the token endpoint answers `{ error: code, error_description: reason }`. */
  denied: null | { reason: string; code: AccessDeniedCode };
  /** Why the exchange failed (an Action threw, ran out of time, a token over 100 KB): no token is issued. */
  error: null | { message: string; action: string; code?: string };
  accessToken: {
    /** Only what Auth0 would really put into the token. */
    claims: Record<string, ClaimValue>;
    /** The token's scopes: the target scopes the Actions left, within the client grant. */
    scope: string[];
    /** What the Actions changed against event.accessToken.scope (scopes the grant lacks are dropped, not added). */
    scopes: { added: string[]; removed: string[] };
  };
  dropped: DroppedClaim[];
  warnings: DroppedClaim[];
  actions: Array<{ name: string; ran: boolean }>;
  logs: LogEntry[];
  calls: ApiCall[];
  http?: HttpCall[];
}
