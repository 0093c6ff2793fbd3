import { customClaimsBytes, filterMachineClaims, MAX_CUSTOM_CLAIMS_BYTES, type TokenContext } from '../../policy/index.ts';
import type { ClaimValue } from '../../types/api.ts';
import type { DroppedClaim } from '../result.ts';
import type { ExchangeState } from './state.ts';

export interface IssuedMachineToken {
  claims: Record<string, ClaimValue>;
  /** The token's scopes: the target scopes within the client grant. */
  scope: string[];
  dropped: DroppedClaim[];
  warnings: DroppedClaim[];
  /** Set when the custom claims are over Auth0's budget: the exchange fails. */
  overBudget: null | { bytes: number; action: string };
}

/**
 * The scopes Auth0 issues: the target scopes the Actions left, intersected with the client grant
 * ("Scopes not present in the grant are silently dropped from the final access token", @auth0/actions
 * credentials-exchange/v2, TransactionAPI), in the order the Actions left them.
 */
export function issuedScopes(state: ExchangeState): string[] {
  const grant = new Set(state.options.grantScopes);
  return state.transaction.target_scopes.filter((s) => grant.has(s));
}

export function machineTokenContext(state: ExchangeState, scope: readonly string[]): TokenContext {
  const { event } = state;
  const hosts = [event.request?.hostname, event.custom_domain?.domain].filter((h): h is string => typeof h === 'string');
  return { audience: event.resource_server?.identifier, scopes: new Set(scope), tenantHosts: hosts };
}

/** What Auth0 would put into the machine's access token from the claims the Actions set. */
export function issueMachineToken(state: ExchangeState): IssuedMachineToken {
  const scope = issuedScopes(state);
  const filtered = filterMachineClaims(Object.fromEntries(state.claims), machineTokenContext(state, scope));
  const bytes = customClaimsBytes(filtered.claims);
  return {
    claims: filtered.claims,
    scope,
    dropped: filtered.dropped,
    warnings: filtered.warnings,
    overBudget: bytes > MAX_CUSTOM_CLAIMS_BYTES ? { bytes, action: state.lastWriter ?? '' } : null,
  };
}
