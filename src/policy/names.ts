// The data behind Auth0's custom-claim rules. Every list cites where Auth0 says so.

/**
 * Claim names Auth0 silently drops from both tokens.
 * Source: Auth0 docs, "Create Custom Claims" (secure/tokens/json-web-tokens/create-custom-claims),
 * section "General restrictions".
 */
export const RESTRICTED_CLAIM_NAMES: ReadonlySet<string> = new Set([
  'acr', 'act', 'active', 'amr', 'at_hash', 'ath', 'attest', 'aud', 'auth_time', 'authorization_details',
  'azp', 'c_hash', 'client_id', 'cnf', 'cty', 'dest', 'entitlements', 'events', 'exp', 'groups', 'gty',
  'htm', 'htu', 'iat', 'internalService', 'iss', 'jcard', 'jku', 'jti', 'jwe', 'jwk', 'kid', 'may_act',
  'mky', 'nbf', 'nonce', 'object_id', 'org_id', 'org_name', 'orig', 'origid', 'permissions', 'roles', 'rph',
  's_hash', 'sid', 'sip_callid', 'sip_cseq_num', 'sip_date', 'sip_from_tag', 'sip_via_branch', 'sub',
  'sub_jwk', 'toe', 'txn', 'typ', 'uuid', 'vot', 'vtm', 'x5t#S256',
]);

/**
 * OIDC standard profile claims and the scope that releases each into an ACCESS token.
 * Source: OpenID Connect Core 1.0 §5.4; Auth0 docs "Migrate Custom Claims" ("to add the email claim to
 * access tokens, the flow must be triggered with a scope that contains email").
 */
export const PROFILE_CLAIM_SCOPE: ReadonlyMap<string, string> = new Map([
  ...['name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile',
    'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at'].map((c) => [c, 'profile'] as const),
  ['email', 'email'],
  ['email_verified', 'email'],
  ['address', 'address'],
  ['phone_number', 'phone'],
  ['phone_number_verified', 'phone'],
]);

/**
 * Namespaces Auth0 reserves: claims under these hosts (and their subdomains) are silently dropped.
 * Source: Auth0 docs "Create Custom Claims"; auth0-facts §1.
 */
export const RESERVED_NAMESPACE_HOSTS: readonly string[] = ['auth0.com', 'webtask.io', 'webtask.run'];

/** URNs under this prefix are Auth0's own (docs "Create Custom Claims": URNs are fine except urn:auth0). */
export const RESERVED_URN_PREFIX = 'urn:auth0';

/**
 * The restricted token audiences, as Auth0 lists them (docs "Migrate Custom Claims", "Restricted token
 * audience"): `https://YOUR_TENANT.auth0.com` or `https://YOUR_TENANT.auth0app.com` followed by `/api`,
 * `/api/v2` or `/mfa`. `/userinfo` is exempt. The same page's example requests `…/api/v2/`, so a trailing
 * slash is the same audience.
 */
export const AUTH0_API_PATHS: readonly string[] = ['/api', '/api/', '/api/v2', '/api/v2/', '/mfa', '/mfa/'];
export const AUTH0_API_HOST_SUFFIXES: readonly string[] = ['.auth0.com', '.auth0app.com'];

/**
 * All custom claims of one token, names and values, must fit in 100 KB, or the login fails.
 * Source: Auth0 docs "Create Custom Claims" ("Custom claims payload is set to a maximum of 100KB") and
 * "Migrate Custom Claims" (over it the transaction fails). We count 100 × 1024 bytes of JSON.
 */
export const MAX_CUSTOM_CLAIMS_BYTES = 100 * 1024;

/** The one claim the api refuses outright. Source: @auth0/actions runtime, api.*.setCustomClaim. */
export const SCOPE_CLAIM = 'scope';
export const SCOPE_CLAIM_MESSAGE = 'The "scope" claim cannot be set.';
