import { customClaimsBytes, filterClaims, MAX_CUSTOM_CLAIMS_BYTES, type TokenContext, type TokenKind } from '../policy/index.ts';
import type { ClaimValue } from '../types/api.ts';
import type { PostLoginEvent } from '../types/event.ts';
import type { DroppedClaim } from './result.ts';
import type { FlowState } from './state.ts';

/**
 * The scopes Auth0 will grant before addScope/removeScope: the target set the Actions left (docs, Handling
 * scopes in Actions: it "is initially populated with the requested scopes" and "changes accumulate across
 * Actions"), else the transaction's requested scopes, else the authorize request's `scope`. Authorization
 * policies that drop unauthorized additions are not modelled (docs/fidelity.md).
 */
function requestedScopes(event: PostLoginEvent): string[] {
  if (Array.isArray(event.transaction?.target_scopes)) return event.transaction.target_scopes;
  if (event.transaction?.requested_scopes) return event.transaction.requested_scopes;
  const scope = event.request.query['scope'];
  return typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [];
}

export function tokenContext(flow: FlowState): TokenContext {
  const { event, scopes } = flow;
  const granted = new Set(requestedScopes(event));
  for (const s of scopes.added) granted.add(s);
  for (const s of scopes.removed) granted.delete(s);
  const hosts = [event.request.hostname, event.custom_domain?.domain].filter((h): h is string => typeof h === 'string');
  return { audience: event.resource_server?.identifier, scopes: granted, tenantHosts: hosts };
}

export interface IssuedTokens {
  id: Record<string, ClaimValue>;
  access: Record<string, ClaimValue>;
  dropped: DroppedClaim[];
  warnings: DroppedClaim[];
  /** Set when a token's custom claims are over Auth0's budget: the login fails. */
  overBudget: null | { token: TokenKind; bytes: number; action: string };
}

const TOKENS: readonly TokenKind[] = ['id', 'access'];

/** What Auth0 would put into each token from the claims the flow set. */
export function issueTokens(flow: FlowState): IssuedTokens {
  const ctx = tokenContext(flow);
  const out: IssuedTokens = { id: {}, access: {}, dropped: [], warnings: [], overBudget: null };
  for (const token of TOKENS) {
    const filtered = filterClaims(token, Object.fromEntries(flow.claims[token]), ctx);
    out[token] = filtered.claims;
    out.dropped.push(...filtered.dropped);
    out.warnings.push(...filtered.warnings);
    const bytes = customClaimsBytes(filtered.claims);
    if (bytes > MAX_CUSTOM_CLAIMS_BYTES && out.overBudget === null) {
      out.overBudget = { token, bytes, action: flow.lastWriter[token] ?? '' };
    }
  }
  return out;
}
