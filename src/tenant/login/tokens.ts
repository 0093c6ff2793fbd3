import { PROFILE_CLAIM_SCOPE } from '../../policy/index.ts';
import type { ClaimValue } from '../../types/api.ts';
import type { StoredResourceServer, StoredUser } from '../store/model.ts';
import { apiScopes } from './directory.ts';

// What the tokens of one login carry, and their payloads in Auth0's shapes. Pure functions: the
// provider layer decides when to sign them.

/** The OIDC scopes (OpenID Connect Core §5.4, §11); which profile claims each releases is the policy's PROFILE_CLAIM_SCOPE. */
export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'address', 'phone', 'offline_access'];

export const isOidcScope = (scope: string): boolean => OIDC_SCOPES.includes(scope);

/** Token dialects whose access tokens carry `permissions` ("Add Permissions in the Access Token", Enable RBAC for APIs). */
const PERMISSION_DIALECTS = new Set(['access_token_authz', 'rfc9068_profile_authz']);
const RFC9068_DIALECTS = new Set(['rfc9068_profile', 'rfc9068_profile_authz']);

/** Everything the tokens of one login (or refresh) need besides the signing key and the clock. */
export interface TokenPlan {
  userId: string;
  clientId: string;
  /** The API asked for; null: the access token is opaque and only /userinfo takes it. */
  audience: string | null;
  /** The access token's scope: OIDC scopes, API scopes after RBAC, then the Actions' changes. */
  scope: string[];
  /** With RBAC and permissions in the token: every permission the user's roles grant on the API. */
  permissions: string[] | null;
  rfc9068: boolean;
  organization: { id: string; name: string } | null;
  idClaims: Record<string, ClaimValue>;
  accessClaims: Record<string, ClaimValue>;
  /** `gty` of the access token (password grants). */
  grantType: 'password' | null;
  /** The session this login belongs to (`sid` in ID tokens, `event.session.id` in Actions). */
  sid: string | null;
  executionId: string | null;
}

export interface ScopeInput {
  requested: readonly string[];
  api: StoredResourceServer | undefined;
  /** The user's permissions on the API (RBAC). */
  permissions: readonly string[];
  /** Refresh tokens may be issued: otherwise offline_access is not granted. */
  offline: boolean;
  changes: { added: readonly string[]; removed: readonly string[] };
}

/**
 * The access token's scope. API scopes: those requested that the API defines; with RBAC on, only those
 * the user's roles grant ("the scope claim of the access token includes an intersection of the requested
 * permissions and the permissions assigned to the user", Enable Role-Based Access Control for APIs). The
 * Actions' addScope / removeScope come last ("Actions that modify access token scopes ... override the
 * scopes set by RBAC", same page).
 */
export function accessScope(input: ScopeInput): string[] {
  const defined = input.api ? apiScopes(input.api) : [];
  const rbac = input.api?.['enforce_policies'] === true;
  const out = new Set<string>();
  for (const s of input.requested) {
    if (isOidcScope(s)) {
      if (s !== 'offline_access' || input.offline) out.add(s);
    } else if (defined.includes(s) && (!rbac || input.permissions.includes(s))) out.add(s);
  }
  for (const s of input.changes.removed) out.delete(s);
  for (const s of input.changes.added) out.add(s);
  return [...out];
}

export function permissionsClaim(api: StoredResourceServer | undefined, permissions: readonly string[]): string[] | null {
  return api?.['enforce_policies'] === true && PERMISSION_DIALECTS.has(String(api['token_dialect'] ?? '')) ? [...permissions] : null;
}

export const isRfc9068 = (api: StoredResourceServer | undefined): boolean => RFC9068_DIALECTS.has(String(api?.['token_dialect'] ?? ''));

/** The user's OIDC claims the granted scopes release; Auth0 spells `phone_verified` as `phone_number_verified`. */
export function profileClaims(user: StoredUser, scopes: Iterable<string>): Record<string, ClaimValue> {
  const granted = new Set(scopes);
  const source: Record<string, unknown> = { ...user, phone_number_verified: user['phone_verified'] };
  const out: Record<string, ClaimValue> = {};
  for (const [claim, scope] of PROFILE_CLAIM_SCOPE) {
    const value = source[claim];
    if (granted.has(scope) && value !== undefined && value !== null) out[claim] = value as ClaimValue;
  }
  return out;
}

export interface IdTokenInput {
  issuer: string;
  plan: TokenPlan;
  user: StoredUser;
  /** The OIDC scopes the login was granted. */
  scopes: readonly string[];
  nonce: string | undefined;
  iat: number;
  lifetimeSeconds: number;
}

/**
 * An ID token as Auth0 issues it: profile claims per scope, then `iss`, `aud` (the client id), `sub`,
 * `iat`, `exp`, `sid`, `nonce`, `org_id`, and the custom claims the Actions set (ID Token Structure;
 * Organizations › Work with Tokens and Organizations).
 */
export function idTokenPayload(input: IdTokenInput): Record<string, ClaimValue> {
  const { plan } = input;
  return {
    ...profileClaims(input.user, input.scopes),
    ...plan.idClaims,
    iss: input.issuer,
    aud: plan.clientId,
    sub: plan.userId,
    iat: input.iat,
    exp: input.iat + input.lifetimeSeconds,
    ...(plan.sid === null ? {} : { sid: plan.sid }),
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    ...(plan.organization ? { org_id: plan.organization.id } : {}),
  };
}

export interface AccessTokenInput {
  issuer: string;
  plan: TokenPlan & { audience: string };
  iat: number;
  lifetimeSeconds: number;
  jti: string;
}

/**
 * A JWT access token for an API, as Auth0 issues it: the Actions' custom claims, `iss`, `sub`, `aud` —
 * the API, and `https://DOMAIN/userinfo` beside it when `openid` was granted — `iat`, `exp`, `scope`,
 * `azp`, `gty` for password grants, `permissions` with RBAC, `org_id` (Access Token Profiles). The RFC 9068
 * profile names the client `client_id` and adds `jti`.
 */
export function accessTokenPayload(input: AccessTokenInput): Record<string, ClaimValue> {
  const { plan } = input;
  const aud = plan.scope.includes('openid') ? [plan.audience, `${input.issuer}userinfo`] : plan.audience;
  return {
    ...plan.accessClaims,
    iss: input.issuer,
    sub: plan.userId,
    aud,
    iat: input.iat,
    exp: input.iat + input.lifetimeSeconds,
    ...(plan.rfc9068 ? { client_id: plan.clientId, jti: input.jti } : {}),
    scope: plan.scope.join(' '),
    ...(plan.rfc9068 ? {} : { azp: plan.clientId }),
    ...(plan.grantType ? { gty: plan.grantType } : {}),
    ...(plan.permissions ? { permissions: plan.permissions } : {}),
    ...(plan.organization ? { org_id: plan.organization.id } : {}),
  };
}
