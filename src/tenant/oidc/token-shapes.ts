import { SignJWT } from 'jose';
import type { JWTStructured, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { accessTokenPayload, idTokenPayload, isOidcScope, type TokenPlan } from '../login/tokens.ts';
import type { StoredClient } from '../store/model.ts';
import { issuerOf } from '../tenant.ts';
import { requestPlan, type AuthState } from './service.ts';

// Auth0's token shapes on top of the provider: the provider decides whether a token is issued (codes,
// PKCE, refresh-token rotation, client authentication); what the tokens say is claimkit's, from the
// login's token plan (login/tokens.ts). JWT access tokens go through the provider's documented
// customizer; ID tokens through its IdToken model, whose `issue` is replaced for ID tokens only.

/** Auth0's default ID token lifetime (Application Settings › ID Token Expiration: 36000 s). */
export const ID_TOKEN_LIFETIME = 36_000;

export function idTokenLifetime(client: StoredClient | undefined): number {
  const jwt = client?.['jwt_configuration'];
  const lifetime = typeof jwt === 'object' && jwt !== null ? (jwt as Record<string, unknown>)['lifetime_in_seconds'] : undefined;
  return typeof lifetime === 'number' && lifetime > 0 ? lifetime : ID_TOKEN_LIFETIME;
}

interface GrantCarrier {
  grantId?: string;
}

/** The plan for the tokens of this request: one decided in it, else the one of its grant. */
export function planFor(state: AuthState, ctx: KoaContextWithOIDC | undefined, grantId: string | undefined): TokenPlan | undefined {
  return requestPlan(ctx) ?? state.artifacts.plan(grantId ?? (ctx?.oidc.entities.Grant as { jti?: string } | undefined)?.jti);
}

/** formats.customizers.jwt: the JWT access token's header and payload, as Auth0 shapes them. */
export function jwtCustomizer(state: AuthState) {
  return async (ctx: KoaContextWithOIDC, token: GrantCarrier, jwt: JWTStructured): Promise<void> => {
    const plan = planFor(state, ctx, token.grantId);
    const payload = jwt.payload as { aud?: unknown; iat?: number; exp?: number; jti?: string };
    if (!plan || typeof payload.aud !== 'string') throw new Error('No token plan for this access token: the login did not run its post-login flow.');
    const iat = payload.iat ?? Math.floor(state.tenant.now() / 1000);
    jwt.header = { typ: plan.rfc9068 ? 'at+jwt' : 'JWT' };
    jwt.payload = accessTokenPayload({
      issuer: issuerOf(state.tenant),
      plan: { ...plan, audience: payload.aud },
      iat,
      lifetimeSeconds: (payload.exp ?? iat) - iat,
      jti: payload.jti ?? '',
    });
  };
}

interface IssuableIdToken {
  ctx: KoaContextWithOIDC;
  extra: Record<string, unknown>;
  scope?: string;
}

/**
 * ID tokens signed by claimkit (jose, the tenant's key, `typ: JWT`, Auth0's claims). Other uses of the
 * provider's IdToken model (none are enabled) keep the provider's own signing.
 */
export function shapeIdTokens(provider: Provider, state: AuthState): void {
  const proto = provider.IdToken.prototype as unknown as { issue(this: IssuableIdToken, options: { use: string }): Promise<string> };
  const issue = proto.issue;
  proto.issue = async function (this: IssuableIdToken, options: { use: string }): Promise<string> {
    if (options.use !== 'idtoken') return issue.call(this, options);
    const plan = planFor(state, this.ctx, undefined);
    const data = state.tenant.store.data;
    const user = plan ? data.users.find((u) => u.user_id === plan.userId) : undefined;
    if (!plan || !user) throw new Error('No token plan (or no user) for this ID token.');
    const client = data.clients.find((c) => c.client_id === plan.clientId);
    const iat = Math.floor(state.tenant.now() / 1000);
    const claims = idTokenPayload({
      issuer: issuerOf(state.tenant),
      plan,
      user,
      scopes: (this.scope ?? 'openid').split(' ').filter(isOidcScope),
      nonce: typeof this.extra['nonce'] === 'string' ? this.extra['nonce'] : undefined,
      iat,
      lifetimeSeconds: idTokenLifetime(client),
    });
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: state.tenant.key.kid }).sign(state.tenant.key.privateKey);
  };
}
