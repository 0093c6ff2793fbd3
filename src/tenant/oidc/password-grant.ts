import { randomBytes } from 'node:crypto';
import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import { checkCredentials, loginConnection } from '../login/authenticate.ts';
import { rolesOf } from '../login/directory.ts';
import { LoginError, serviceNotFound } from '../login/errors.ts';
import { buildLoginEvent } from '../login/event.ts';
import { offlineAllowed, tokenPlan } from '../login/plan.ts';
import { loginStats } from '../login/stats.ts';
import { runFlow } from '../login/run.ts';
import { isOidcScope } from '../login/tokens.ts';
import { loginRequest } from './authorize-actions.ts';
import { resourceServerInfo } from './resources.ts';
import { setRequestPlan, type AuthState } from './service.ts';

// The Resource Owner Password grants at /oauth/token (Authentication API, "Resource Owner Password"):
// `password` logs in through the connection named by `realm` or else the tenant's default directory
// (Auth0's SDKs send it with `realm`), Auth0's `http://auth0.com/oauth/grant-type/password-realm`
// through the connection `realm` names. Both
// run the post-login Actions (protocol `oauth2-resource-owner` / `oauth2-password`; no redirects) and
// answer the tokens at once. Refresh tokens come with `offline_access` where allowed, and are then
// exchanged by the provider's refresh_token grant like any other.

export const PASSWORD = 'password';
export const PASSWORD_REALM = 'http://auth0.com/oauth/grant-type/password-realm';
export const PASSWORD_PARAMS = ['username', 'password', 'realm', 'audience', 'scope'];

type PasswordGrant = typeof PASSWORD | typeof PASSWORD_REALM;

const param = (ctx: KoaContextWithOIDC, name: string): string | undefined => {
  const value = (ctx.oidc.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The connection: `realm` (required by password-realm; the plain grant takes it too), else the tenant's default directory. */
function connectionName(state: AuthState, ctx: KoaContextWithOIDC, grant: PasswordGrant): string {
  const realm = param(ctx, 'realm');
  if (realm) return realm;
  if (grant === PASSWORD_REALM) throw new LoginError('invalid_request', 'Missing required parameter: realm', 400);
  const fallback = state.tenant.store.data.tenantSettings['default_directory'];
  // Auth0 answers this when the tenant's "Default Directory" is not set (Resource Owner Password Flow docs).
  if (typeof fallback !== 'string' || fallback === '') throw new LoginError('server_error', 'Authorization server not configured with default connection.', 500);
  return fallback;
}

export function passwordGrant(state: AuthState, grant: PasswordGrant) {
  return async (ctx: KoaContextWithOIDC): Promise<void> => {
    try {
      await issue(state, ctx, grant);
    } catch (err) {
      if (!(err instanceof LoginError)) throw err;
      ctx.status = err.status;
      ctx.body = { error: err.error, error_description: err.description };
    }
  };
}

async function issue(state: AuthState, ctx: KoaContextWithOIDC, grantType: PasswordGrant): Promise<void> {
  const provider = ctx.oidc.provider as Provider;
  const data = state.tenant.store.data;
  const client = data.clients.find((c) => c.client_id === ctx.oidc.client?.clientId);
  const username = param(ctx, 'username');
  const password = param(ctx, 'password');
  if (!client || !ctx.oidc.client) throw new LoginError('access_denied', 'Unauthorized', 401);
  if (!username || !password) throw new LoginError('invalid_request', `Missing required parameter: ${username ? 'password' : 'username'}`, 400);
  const connection = loginConnection(data, connectionName(state, ctx, grantType), client);
  const user = await checkCredentials(data, connection, username, password, state.tenant.now());
  const defaultAudience = data.tenantSettings['default_audience'];
  const audience = param(ctx, 'audience') ?? (typeof defaultAudience === 'string' && defaultAudience !== '' ? defaultAudience : undefined);
  if (audience && !data.resourceServers.some((rs) => rs.identifier === audience)) throw serviceNotFound(audience);
  const requestedScopes = (param(ctx, 'scope') ?? '').split(' ').filter(Boolean);
  const roles = rolesOf(data, user, undefined);
  const event = buildLoginEvent(
    { user, client, connection, organization: undefined, roles, audience, sessionId: undefined, authenticatedAt: new Date(state.tenant.now()).toISOString(), loginsCount: loginStats(state.tenant.store).count(user) + 1 },
    { id: randomBytes(24).toString('base64url'), protocol: grantType === PASSWORD ? 'oauth2-resource-owner' : 'oauth2-password', requestedScopes },
    loginRequest(ctx, state.tenant.domain, {}, { ...(ctx.oidc.params as Record<string, unknown>) }),
  );
  const outcome = await runFlow({ tenant: state.tenant, executions: state.executions, counts: true }, event);
  if (outcome.kind === 'refused') throw outcome.error;
  if (outcome.kind === 'paused') throw new LoginError('access_denied', 'A post-login Action redirected during a password grant, where Auth0 cannot redirect.', 403);

  const grant = new provider.Grant({ accountId: user.user_id, clientId: client.client_id });
  const oidcScopes = requestedScopes.filter(isOidcScope);
  grant.addOIDCScope(oidcScopes.join(' '));
  const info = audience ? resourceServerInfo(state.tenant, audience) : undefined;
  if (audience && info) grant.addResourceScope(audience, requestedScopes.filter((s) => !isOidcScope(s)).join(' '));
  const grantId = await grant.save();
  ctx.oidc.entity('Grant', grant);
  const plan = tokenPlan(data, { userId: user.user_id, client, organization: undefined, roles, audience, requestedScopes, result: outcome.result, grantType: 'password', executionId: outcome.executionId, sid: null });
  state.artifacts.setPlan(grantId, plan);
  setRequestPlan(ctx, plan);

  const at = new provider.AccessToken({ accountId: user.user_id, client: ctx.oidc.client, grantId, gty: grantType, scope: plan.scope.join(' ') });
  if (audience && info) at.resourceServer = new provider.ResourceServer(audience, info);
  ctx.oidc.entity('AccessToken', at);
  const accessToken = await at.save();

  let refreshToken: string | undefined;
  if (plan.scope.includes('offline_access') && offlineAllowed(data, client, audience, requestedScopes)) {
    const rt = new provider.RefreshToken({ accountId: user.user_id, client: ctx.oidc.client, grantId, gty: grantType, scope: requestedScopes.join(' '), rotations: 0, ...(audience ? { resource: audience } : {}) });
    ctx.oidc.entity('RefreshToken', rt);
    refreshToken = await rt.save();
  }
  let idToken: string | undefined;
  if (oidcScopes.includes('openid')) {
    const token = new provider.IdToken({ sub: user.user_id }, { ctx });
    (token as unknown as { scope: string }).scope = oidcScopes.join(' ');
    idToken = await token.issue({ use: 'idtoken' });
  }
  ctx.body = {
    access_token: accessToken,
    ...(idToken ? { id_token: idToken } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    scope: plan.scope.join(' '),
    expires_in: at.expiration,
    token_type: 'Bearer',
  };
}
