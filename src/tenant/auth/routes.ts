import { json } from '../http/body.ts';
import type { Route } from '../http/router.ts';
import { continueLogin } from './continue.ts';
import { showLoginForm, submitLoginForm } from './login-form.ts';
import { logout } from './logout.ts';
import { oauthToken } from './oauth-token.ts';
import { toProvider } from './provider-routes.ts';
import { userinfo } from './userinfo.ts';

/**
 * The Authentication API on the tenant's origin (outside /api/v2), at Auth0's paths. The OpenID
 * provider (src/tenant/oidc/) answers /authorize, its resume step, discovery and revocation; the token
 * endpoint hands it the login grants; the rest is claimkit's: the login form, /continue, /userinfo,
 * /v2/logout and the signing keys.
 */
export const authenticationRoutes: readonly Route[] = [
  { method: 'GET', path: '/.well-known/openid-configuration', scopes: [], handle: toProvider },
  { method: 'GET', path: '/.well-known/jwks.json', scopes: [], handle: ({ tenant }) => json({ keys: [tenant.key.publicJwk] }) },
  { method: 'GET', path: '/authorize', scopes: [], handle: toProvider },
  { method: 'GET', path: '/authorize/:uid', scopes: [], handle: toProvider },
  { method: 'GET', path: '/u/login', scopes: [], handle: showLoginForm },
  { method: 'POST', path: '/u/login', scopes: [], handle: submitLoginForm },
  { method: 'GET', path: '/continue', scopes: [], handle: continueLogin },
  { method: 'POST', path: '/continue', scopes: [], handle: continueLogin },
  { method: 'POST', path: '/oauth/token', scopes: [], handle: oauthToken },
  { method: 'POST', path: '/oauth/revoke', scopes: [], handle: toProvider },
  { method: 'GET', path: '/userinfo', scopes: [], handle: userinfo },
  { method: 'POST', path: '/userinfo', scopes: [], handle: userinfo },
  { method: 'GET', path: '/v2/logout', scopes: [], handle: logout },
];
