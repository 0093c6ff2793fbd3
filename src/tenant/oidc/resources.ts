import type { ResourceServer } from 'oidc-provider';
import { apiScopes, resourceServer } from '../login/directory.ts';
import { serviceNotFound } from '../login/errors.ts';
import type { Tenant } from '../tenant.ts';

// An API (resource server) as the provider needs it: its scopes, its token lifetime, JWT access tokens
// signed RS256 (Auth0 issues JWT access tokens for APIs; the opaque kind only for /userinfo).

/** Auth0's default access token lifetime for an API ("Token Expiration": 86400 s). */
export const ACCESS_TOKEN_LIFETIME = 86_400;

export function accessTokenLifetime(tenant: Tenant, audience: string): number {
  const lifetime = resourceServer(tenant.store.data, audience)?.['token_lifetime'];
  return typeof lifetime === 'number' && lifetime > 0 ? lifetime : ACCESS_TOKEN_LIFETIME;
}

/** The provider's view of an API; an audience the tenant does not have is Auth0's "Service not found". */
export function resourceServerInfo(tenant: Tenant, audience: string): ResourceServer {
  const rs = resourceServer(tenant.store.data, audience);
  if (!rs) throw serviceNotFound(audience);
  return { scope: apiScopes(rs).join(' '), audience, accessTokenTTL: accessTokenLifetime(tenant, audience), accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
}
