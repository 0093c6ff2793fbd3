import { ApiError } from '../http/errors.ts';
import { issuerOf, managementAudiences, type Tenant } from '../tenant.ts';
import { verifyAccessToken, type AccessClaims } from './tokens.ts';

/** The Management API's bearer check: a token this tenant signed for its `/api/v2/` audience. */
export async function authenticate(tenant: Tenant, request: Request): Promise<AccessClaims> {
  const header = request.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) throw new ApiError(401, 'Missing authentication', { headers: { 'www-authenticate': 'Bearer' } });
  return verifyAccessToken(tenant.key, m[1], { issuer: issuerOf(tenant), audiences: managementAudiences(tenant), now: tenant.now() });
}

/** 403 unless the token has one of `scopes` (Auth0 lists them all in the message). */
export function requireScope(claims: AccessClaims, scopes: readonly string[]): void {
  if (scopes.length === 0) return;
  const granted = new Set(claims.scope.split(' ').filter(Boolean));
  if (!scopes.some((s) => granted.has(s))) {
    throw new ApiError(403, `Insufficient scope, expected any of: ${scopes.join(',')}`, { errorCode: 'insufficient_scope' });
  }
}
