import type { Configuration, KoaContextWithOIDC, Provider, RefreshToken } from 'oidc-provider';
import { LoginError } from '../login/errors.ts';
import { offlineAllowed } from '../login/plan.ts';
import { OIDC_SCOPES } from '../login/tokens.ts';
import { PROFILE_CLAIM_SCOPE } from '../../policy/index.ts';
import { issuerOf } from '../tenant.ts';
import { adapterClass } from './artifacts.ts';
import { postLoginCheck, redirectDestination, REQUESTED_SCOPE, RESULT_KEY } from './authorize-actions.ts';
import { clientMetadata } from './clients.ts';
import { auth0Errors, providerError, rememberGrantFailure } from './errors.ts';
import { PASSWORD, PASSWORD_PARAMS, PASSWORD_REALM, passwordGrant } from './password-grant.ts';
import { refreshFlow } from './refresh.ts';
import { tidyScope } from './scope.ts';
import { errorPage } from './pages.ts';
import { ACCESS_TOKEN_LIFETIME, resourceServerInfo } from './resources.ts';
import type { AuthState } from './service.ts';
import { idTokenLifetime, jwtCustomizer, planFor, shapeIdTokens } from './token-shapes.ts';

// The OpenID provider behind the Authentication API, configured as Auth0 behaves. Every setting is in
// this one table; where a value comes from Auth0, the comment says where.

type OidcModule = typeof import('oidc-provider');

/** Auth0 defaults: refresh tokens 30 days (Refresh Token Expiration), sessions 3 days idle (Session Lifetime Limits). */
const REFRESH_TOKEN_LIFETIME = 2_592_000;
const SESSION_LIFETIME = 3 * 86_400;
const INTERACTION_LIFETIME = 3600;
const AUTHORIZATION_CODE_LIFETIME = 600;

/** Routes at Auth0's paths (Authentication API reference). */
export const ROUTES = {
  authorization: '/authorize',
  token: '/oauth/token',
  userinfo: '/userinfo',
  revocation: '/oauth/revoke',
  jwks: '/.well-known/jwks.json',
} as const;

/** The provider's `claims` setting: each scope's profile claims (the policy's table), and `sid`. */
function claimsByScope(): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = { openid: ['sub'], sid: null };
  for (const [claim, scope] of PROFILE_CLAIM_SCOPE) (out[scope] ??= []).push(claim);
  return out;
}

function refreshSettings(state: AuthState, clientId: string): Record<string, unknown> {
  const client = state.tenant.store.data.clients.find((c) => c.client_id === clientId);
  const settings = client?.['refresh_token'];
  return typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
}

function configuration(oidc: OidcModule, state: AuthState, cookieKey: string): Configuration {
  const { tenant } = state;
  const { Prompt, Check, base } = oidc.interactionPolicy;
  const policy = base();
  policy.remove('consent'); // Auth0 skips consent for first-party applications; the grant is made below
  policy.add(
    new Prompt(
      { name: 'post-login', requestable: false },
      new Check('post_login_redirect', 'a post-login Action sent the user elsewhere', async (ctx) => {
        try {
          return await postLoginCheck(state, ctx);
        } catch (err) {
          throw err instanceof LoginError ? providerError(oidc.errors, err) : err;
        }
      }),
    ),
  );
  return {
    adapter: adapterClass(state.artifacts, (id) => {
      const client = tenant.store.data.clients.find((c) => c.client_id === id);
      return client ? clientMetadata(client) : undefined;
    }),
    jwks: { keys: [tenant.key.privateJwk as never] },
    routes: ROUTES,
    cookies: { keys: [cookieKey] },
    // Scopes and the claims each releases (OpenID Connect Core §5.4); `sid` for ID tokens.
    scopes: [...OIDC_SCOPES],
    claims: claimsByScope(),
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    // Auth0 takes PKCE (S256) but does not require it.
    pkce: { required: () => false },
    extraParams: ['audience', 'organization', 'connection', 'invitation', 'screen_hint', REQUESTED_SCOPE],
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // Only the client a token was issued to may revoke it (RFC 7009 §2.1; Auth0's /oauth/revoke takes the
        // refresh token's own client). A public client naming another's token changes nothing; a
        // confidential one is told no.
        allowedPolicy: (_ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === 'none') return false;
          throw new oidc.errors.InvalidRequest('client is not authorized to revoke the presented token');
        },
      },
      userinfo: { enabled: true },
      pushedAuthorizationRequests: { enabled: false },
      // auth0-spa-js's silent authentication (getTokenSilently without refresh tokens): prompt=none in
      // an iframe with response_mode=web_message, answered by postMessage to the page (Auth0 supports it).
      webMessageResponseMode: { enabled: true, ack: 'individual-draft-01' },
      resourceIndicators: {
        enabled: true,
        // Auth0's `audience` names the API (the tenant's default_audience when absent).
        defaultResource: (ctx, _client, oneOf) => {
          if (oneOf) return oneOf;
          const audience = (ctx.oidc.params as { audience?: unknown } | undefined)?.audience;
          const fallback = tenant.store.data.tenantSettings['default_audience'];
          return typeof audience === 'string' && audience !== '' ? audience : typeof fallback === 'string' && fallback !== '' ? fallback : undefined;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          try {
            return resourceServerInfo(tenant, indicator);
          } catch (err) {
            throw err instanceof LoginError ? providerError(oidc.errors, err) : err;
          }
        },
      },
    },
    formats: { customizers: { jwt: jwtCustomizer(state) as never } },
    interactions: {
      policy,
      url: (ctx, interaction) => (interaction.prompt.name === 'post-login' ? (redirectDestination(state, ctx, interaction) ?? '/') : `/u/login?state=${interaction.uid}`),
    },
    async findAccount(ctx, sub, token) {
      const user = tenant.store.data.users.find((u) => u.user_id === sub);
      if (!user) return undefined;
      if (ctx.oidc?.route === 'token' && (token as { kind?: string } | undefined)?.kind === 'RefreshToken') {
        try {
          await refreshFlow(state, ctx, user, token as RefreshToken);
        } catch (err) {
          throw err instanceof LoginError ? providerError(oidc.errors, err) : err;
        }
      }
      return { accountId: sub, claims: () => ({ sub }) };
    },
    // One grant per authorization, with what was asked for: RBAC and the Actions shape the token's scope.
    async loadExistingGrant(ctx) {
      const decided = (ctx.oidc.result as Record<string, { grantId?: string }> | undefined)?.[RESULT_KEY]?.grantId;
      if (decided) return ctx.oidc.provider.Grant.find(decided);
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId: ctx.oidc.client.clientId });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      for (const [indicator, rs] of Object.entries(ctx.oidc.resourceServers ?? {})) {
        grant.addResourceScope(indicator, [...ctx.oidc.requestParamScopes].filter((s) => rs.scopes.has(s)).join(' '));
      }
      await grant.save();
      return grant;
    },
    issueRefreshToken: (ctx, client, code) => {
      const stored = tenant.store.data.clients.find((c) => c.client_id === client.clientId);
      const plan = planFor(state, ctx, code.grantId);
      return Boolean(stored && plan?.scope.includes('offline_access') && offlineAllowed(tenant.store.data, stored, plan.audience ?? undefined, plan.scope));
    },
    // Auth0 keeps access and refresh tokens valid after a logout (they expire or are revoked on their own).
    expiresWithSession: () => false,
    // Rotation as the application sets it (Refresh Token Rotation: `rotation_type`).
    rotateRefreshToken: (ctx) => refreshSettings(state, ctx.oidc.client?.clientId ?? '')['rotation_type'] === 'rotating',
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? ACCESS_TOKEN_LIFETIME,
      AuthorizationCode: AUTHORIZATION_CODE_LIFETIME,
      IdToken: (_ctx, _token, client) => idTokenLifetime(tenant.store.data.clients.find((c) => c.client_id === client.clientId)),
      RefreshToken: (_ctx, token) => {
        const lifetime = refreshSettings(state, token.clientId ?? '')['token_lifetime'];
        return typeof lifetime === 'number' && lifetime > 0 ? lifetime : REFRESH_TOKEN_LIFETIME;
      },
      Grant: REFRESH_TOKEN_LIFETIME,
      Session: SESSION_LIFETIME,
      Interaction: INTERACTION_LIFETIME,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out['error'] ?? 'server_error'), String(out['error_description'] ?? ''));
    },
  };
}

export function buildProvider(oidc: OidcModule, state: AuthState, cookieKey: string): Provider {
  const provider = new oidc.Provider(issuerOf(state.tenant), configuration(oidc, state, cookieKey));
  provider.proxy = true; // the bridge says https (see bridge.ts)
  provider.registerGrantType(PASSWORD, passwordGrant(state, PASSWORD), PASSWORD_PARAMS);
  provider.registerGrantType(PASSWORD_REALM, passwordGrant(state, PASSWORD_REALM), PASSWORD_PARAMS);
  provider.on('grant.error', rememberGrantFailure);
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    if (ctx.method === 'GET' && ctx.path === ROUTES.authorization && typeof ctx.query['scope'] === 'string') {
      const scope = tidyScope(ctx.query['scope']);
      ctx.query = { ...ctx.query, scope, [REQUESTED_SCOPE]: scope };
    }
    await next();
  });
  provider.use(auth0Errors);
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    await next();
    // The token response's `scope` is the access token's (RBAC and the Actions changed it).
    const body = ctx.body as { scope?: string; access_token?: string } | undefined;
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200 || !body?.access_token) return;
    const plan = planFor(state, ctx, undefined);
    if (plan?.audience) body.scope = plan.scope.join(' ');
    // A local-tenant extension: GET /api/v2/actions/executions/{id} explains these tokens.
    if (plan?.executionId) ctx.set('x-claimkit-execution', plan.executionId);
  });
  shapeIdTokens(provider, state);
  return provider;
}
