// Auth0's claim rules for machine-to-machine access tokens (the client-credentials grant, where
// credentials-exchange Actions set claims): the access-token rules of a login, less the ones that cannot
// apply (the grant always names an audience, so the token is never opaque), plus the Management API's
// own rule, which machines meet most: its tokens carry no custom claims at all.
import type { ClaimValue } from '../types/api.ts';
import { isManagementApiAudience, type TokenContext } from './context.ts';
import { filterClaims, type FilteredClaims } from './evaluate.ts';
import { CLAIM_RULES, type ClaimRule } from './rules.ts';

const managementApi: ClaimRule = {
  id: 'claim-on-management-api',
  effect: 'drop',
  tokens: ['access'],
  source: 'Auth0 support, "Custom claims from Actions not present in Auth0 Management API access tokens" (community.auth0.com, 2025): expected behaviour',
  test(name, ctx) {
    return isManagementApiAudience(ctx.audience, ctx.tenantHosts)
      ? `"${name}" is set on a token for the Management API (${ctx.audience}); Auth0 adds no custom claims to Management API tokens. Request a token for your own API to carry it.`
      : undefined;
  },
};

/** The rules for a machine's access token, drops first where two apply. */
export const MACHINE_CLAIM_RULES: readonly ClaimRule[] = [managementApi, ...CLAIM_RULES.filter((r) => r.tokens.includes('access') && r.id !== 'opaque-access-token')];

/** The claims Auth0 would really put into a machine's access token, and what it would drop silently. */
export function filterMachineClaims(claims: Readonly<Record<string, ClaimValue>>, ctx: TokenContext): FilteredClaims {
  return filterClaims('access', claims, ctx, MACHINE_CLAIM_RULES);
}
