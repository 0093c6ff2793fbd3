// Auth0's custom-claim rules as one table. At login a `drop` rule removes the claim silently, exactly as
// Auth0 does; `warn` rules keep it but tell the user. The same table drives configuration and lint errors.
import { isAuth0ApiAudience, type TokenContext, type TokenKind } from './context.ts';
import { namespaceKind, reservedNamespace } from './namespace.ts';
import { PROFILE_CLAIM_SCOPE, RESTRICTED_CLAIM_NAMES } from './names.ts';

export type ClaimRuleId =
  | 'reserved-namespace'
  | 'restricted-name'
  | 'profile-claim-without-scope'
  | 'private-claim-on-auth0-api'
  | 'opaque-access-token'
  | 'namespaced-claim-on-auth0-api'
  | 'not-namespaced'
  | 'claim-on-management-api';

export interface ClaimRule {
  id: ClaimRuleId;
  effect: 'drop' | 'warn';
  tokens: readonly TokenKind[];
  /** Where Auth0 says so. */
  source: string;
  /** A reason when the rule applies to this claim name, else undefined. */
  test(name: string, ctx: TokenContext): string | undefined;
}

const CREATE_CUSTOM_CLAIMS = 'Auth0 docs, "Create Custom Claims" (secure/tokens/json-web-tokens/create-custom-claims)';

export const CLAIM_RULES: readonly ClaimRule[] = [
  {
    id: 'reserved-namespace',
    effect: 'drop',
    tokens: ['id', 'access'],
    source: CREATE_CUSTOM_CLAIMS,
    test(name) {
      const ns = reservedNamespace(name);
      return ns && `"${name}" is under ${ns}, a namespace Auth0 reserves; Auth0 drops it. Use a namespace on a domain you own, such as https://claims.example.com/.`;
    },
  },
  {
    id: 'restricted-name',
    effect: 'drop',
    tokens: ['id', 'access'],
    source: `${CREATE_CUSTOM_CLAIMS}, the restricted claims list`,
    test(name) {
      return RESTRICTED_CLAIM_NAMES.has(name)
        ? `"${name}" is a restricted claim name; Auth0 drops it. Use a namespaced name such as "https://claims.example.com/${name}".`
        : undefined;
    },
  },
  {
    id: 'opaque-access-token',
    effect: 'drop',
    tokens: ['access'],
    source: `${CREATE_CUSTOM_CLAIMS} ("you must use JWTs and pass an audience")`,
    test(name, ctx) {
      return ctx.audience === undefined
        ? `"${name}" cannot reach the access token: the login asked for no audience, so the access token is opaque. Request an API audience.`
        : undefined;
    },
  },
  {
    id: 'profile-claim-without-scope',
    effect: 'drop',
    tokens: ['access'],
    source: 'Auth0 docs, "Migrate Custom Claims"; OpenID Connect Core 1.0 §5.4',
    test(name, ctx) {
      const scope = PROFILE_CLAIM_SCOPE.get(name);
      return scope !== undefined && !ctx.scopes.has(scope)
        ? `"${name}" is an OIDC profile claim; it reaches an access token only when the "${scope}" scope was requested.`
        : undefined;
    },
  },
  {
    id: 'private-claim-on-auth0-api',
    effect: 'drop',
    tokens: ['access'],
    source: `${CREATE_CUSTOM_CLAIMS} (Auth0 API audiences other than /userinfo)`,
    test(name, ctx) {
      return namespaceKind(name) === 'none' && !PROFILE_CLAIM_SCOPE.has(name) && isAuth0ApiAudience(ctx.audience, ctx.tenantHosts)
        ? `"${name}" is a private, non-namespaced claim and the audience ${ctx.audience} is an Auth0 API; Auth0 drops it. Use a namespaced name.`
        : undefined;
    },
  },
  {
    id: 'namespaced-claim-on-auth0-api',
    effect: 'warn',
    tokens: ['access'],
    source: 'Auth0 support: Management API tokens take no custom claims (auth0-facts §1)',
    test(name, ctx) {
      return namespaceKind(name) !== 'none' && isAuth0ApiAudience(ctx.audience, ctx.tenantHosts)
        ? `"${name}" is set on an access token for ${ctx.audience}, an Auth0 API; Auth0 may not keep custom claims there.`
        : undefined;
    },
  },
  {
    id: 'not-namespaced',
    effect: 'warn',
    tokens: ['id', 'access'],
    source: 'Auth0 docs, "Migrate Custom Claims" (allowed since 2022-07-28; namespaced claims recommended)',
    test(name) {
      return namespaceKind(name) === 'none' && !RESTRICTED_CLAIM_NAMES.has(name) && !PROFILE_CLAIM_SCOPE.has(name)
        ? `"${name}" is not namespaced: allowed since 2022-07-28, but tenants created before then may still drop it.`
        : undefined;
    },
  },
];
