import { json } from '../http/body.ts';
import type { Route } from '../http/router.ts';
import { oauthToken } from './oauth-token.ts';

/**
 * The Authentication API on the tenant's origin (outside /api/v2). Today: the token endpoint for
 * machine-to-machine clients and the signing keys. Login (/authorize, /userinfo, the OIDC discovery
 * document) is added to this table later.
 */
export const authenticationRoutes: readonly Route[] = [
  { method: 'POST', path: '/oauth/token', scopes: [], handle: oauthToken },
  { method: 'GET', path: '/.well-known/jwks.json', scopes: [], handle: ({ tenant }) => json({ keys: [tenant.key.publicJwk] }) },
];
