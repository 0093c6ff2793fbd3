import type { KoaContextWithOIDC, RefreshToken } from 'oidc-provider';
import { loginConnection } from '../login/authenticate.ts';
import { rolesOf } from '../login/directory.ts';
import { LoginError, refreshUserBlocked } from '../login/errors.ts';
import { buildLoginEvent } from '../login/event.ts';
import { tokenPlan } from '../login/plan.ts';
import { loginStats } from '../login/stats.ts';
import { runFlow } from '../login/run.ts';
import type { StoredUser } from '../store/model.ts';
import { audienceOf, loginRequest } from './authorize-actions.ts';
import { setRequestPlan, type AuthState } from './service.ts';

// A refresh-token exchange runs the post-login Actions again (Refresh Tokens with Actions: "the
// post-login trigger runs when a refresh token is exchanged"; auth0-facts §2), with protocol
// `oauth2-refresh-token` and `event.refresh_token`: claims must be set again, a redirect fails, a
// denial refuses the exchange. The provider calls this once the client is authenticated and the
// refresh token is valid.

const iso = (seconds: number | undefined) => new Date((seconds ?? 0) * 1000).toISOString();

export async function refreshFlow(state: AuthState, ctx: KoaContextWithOIDC, user: StoredUser, token: RefreshToken): Promise<void> {
  const data = state.tenant.store.data;
  const client = data.clients.find((c) => c.client_id === token.clientId);
  if (!client) throw new LoginError('invalid_grant', 'Unknown or invalid refresh token.', 403);
  if (user['blocked'] === true) throw refreshUserBlocked();
  const previous = state.artifacts.plan(token.grantId);
  const connection = loginConnection(data, user.connection, client);
  const organization = previous?.organization ? data.organizations.find((o) => o.id === previous.organization?.id) : undefined;
  const roles = rolesOf(data, user, organization);
  const audience = previous ? (previous.audience ?? undefined) : audienceOf({ resource: token.resource });
  const narrowed = (ctx.oidc.params as { scope?: unknown } | undefined)?.scope;
  // The provider's refresh token leaves out offline_access (see REQUESTED_SCOPE); the login had it.
  const granted = [...new Set([...(token.scope ?? '').split(' ').filter(Boolean), ...(previous?.scope.includes('offline_access') ? ['offline_access'] : [])])];
  const requestedScopes = typeof narrowed === 'string' && narrowed !== '' ? narrowed.split(' ').filter((s) => granted.includes(s)) : granted;
  const event = buildLoginEvent(
    { user, client, connection, organization, roles, audience, sessionId: token.sessionUid, authenticatedAt: iso(token.authTime ?? token.iat), loginsCount: loginStats(state.tenant.store).count(user) },
    { id: token.jti, protocol: 'oauth2-refresh-token', requestedScopes },
    loginRequest(ctx, state.tenant.domain, {}, { grant_type: 'refresh_token', client_id: client.client_id, ...(typeof narrowed === 'string' ? { scope: narrowed } : {}) }),
  );
  event.refresh_token = {
    id: token.jti,
    created_at: iso(token.iiat ?? token.iat),
    client_id: client.client_id,
    user_id: user.user_id,
    ...(token.exp ? { expires_at: iso(token.exp) } : {}),
    rotating: client['refresh_token'] !== null && typeof client['refresh_token'] === 'object' && (client['refresh_token'] as Record<string, unknown>)['rotation_type'] === 'rotating',
    ...(audience ? { resource_servers: [{ audience, scopes: requestedScopes.join(' ') }] } : {}),
  };
  const outcome = await runFlow({ tenant: state.tenant, executions: state.executions, counts: false }, event);
  if (outcome.kind === 'refused') throw outcome.error;
  if (outcome.kind === 'paused') throw new LoginError('access_denied', 'A post-login Action redirected during a refresh-token exchange, where Auth0 cannot redirect.', 403);
  const plan = tokenPlan(data, { userId: user.user_id, client, organization, roles, audience, requestedScopes, result: outcome.result, grantType: null, executionId: outcome.executionId, sid: previous?.sid ?? null });
  setRequestPlan(ctx, plan);
  if (token.grantId) state.artifacts.setPlan(token.grantId, plan);
}
