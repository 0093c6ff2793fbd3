import { randomBytes } from 'node:crypto';
import type { Interaction, KoaContextWithOIDC } from 'oidc-provider';
import type { TransactionProtocol } from '../../types/event.ts';
import { loginConnection } from '../login/authenticate.ts';
import { rolesOf } from '../login/directory.ts';
import { LoginError, userBlocked } from '../login/errors.ts';
import { buildLoginEvent, type LoginRequest, type LoginTransaction } from '../login/event.ts';
import { checkOrganization } from '../login/organization.ts';
import { tokenPlan } from '../login/plan.ts';
import { loginStats } from '../login/stats.ts';
import { runFlow, type FlowOutcome } from '../login/run.ts';
import type { StoredClient, StoredUser } from '../store/model.ts';
import { PENDING_TTL_MS, type AuthState, type PendingLogin } from './service.ts';

// The post-login Actions of a browser login run as the last step of /authorize, once the user is known
// and before the code is issued: a check in the provider's interaction policy. The Actions then decide:
// tokens (the plan rides on the grant), an error redirected to the application, or a redirect away —
// the user comes back to /continue and the provider resumes the authorization.

/** Where /continue records the flow's outcome in the provider's interaction (`result[RESULT_KEY]`). */
export const RESULT_KEY = 'claimkit_post_login';

/**
 * The `scope` the application asked for, kept as an extra parameter of the authorization request:
 * the provider drops `offline_access` without `prompt=consent` (OpenID Connect Core §11), Auth0 does not.
 */
export const REQUESTED_SCOPE = 'claimkit_requested_scope';

interface Paused {
  outcome: Extract<FlowOutcome, { kind: 'paused' }>;
  pending: Omit<PendingLogin, 'uid' | 'paused' | 'actions' | 'executionId' | 'expiresAt'>;
}

const pausedIn = new WeakMap<object, Paused>();

const words = (value: unknown): string[] => (typeof value === 'string' ? value.split(' ').filter(Boolean) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function loginRequest(ctx: KoaContextWithOIDC, host: string, query: Record<string, unknown>, body: Record<string, unknown> = {}): LoginRequest {
  return {
    ip: ctx.ip,
    method: ctx.method,
    hostname: host.split(':')[0] ?? host,
    userAgent: text(ctx.get('user-agent')),
    language: text(ctx.get('accept-language').split(',')[0]?.split(';')[0]),
    query,
    body,
  };
}

/** The authorization request's parameters as the application sent them. */
export function requestParams(params: Record<string, unknown>): Record<string, unknown> {
  const { [REQUESTED_SCOPE]: asked, ...rest } = params;
  return typeof asked === 'string' ? { ...rest, scope: asked } : rest;
}

function transactionOf(params: Record<string, unknown>, protocol: TransactionProtocol): LoginTransaction {
  return {
    id: randomBytes(24).toString('base64url'),
    protocol,
    requestedScopes: words(params['scope']),
    ...(text(params['redirect_uri']) ? { redirectUri: text(params['redirect_uri']) as string } : {}),
    ...(text(params['state']) ? { state: text(params['state']) as string } : {}),
    prompt: words(params['prompt']),
    responseType: words(params['response_type']) as Array<'code' | 'token' | 'id_token'>,
    responseMode: (text(params['response_mode']) ?? 'query') as LoginTransaction['responseMode'],
    ...(text(params['login_hint']) ? { loginHint: text(params['login_hint']) as string } : {}),
    uiLocales: words(params['ui_locales']),
    acrValues: words(params['acr_values']),
  };
}

/** The audience of an authorization request: Auth0's `audience`, or RFC 8707's `resource`. */
export function audienceOf(params: Record<string, unknown>): string | undefined {
  return text(params['audience']) ?? (typeof params['resource'] === 'string' ? params['resource'] : undefined);
}

function parties(state: AuthState, ctx: KoaContextWithOIDC): { user: StoredUser; client: StoredClient } {
  const data = state.tenant.store.data;
  const user = data.users.find((u) => u.user_id === ctx.oidc.session?.accountId);
  const client = data.clients.find((c) => c.client_id === ctx.oidc.client?.clientId);
  if (!user || !client) throw new LoginError('access_denied', 'The user or the application of this login no longer exists.', 403);
  return { user, client };
}

/** Adds the user to the organization, as a connection with `assign_membership_on_login` does at login. */
async function joinOrganization(state: AuthState, organizationId: string, userId: string): Promise<void> {
  await state.tenant.store.write((data) => {
    const org = data.organizations.find((o) => o.id === organizationId);
    return () => {
      if (org && !org.members.includes(userId)) org.members.push(userId);
    };
  });
}

/** The policy check: runs the flow; true ("interaction needed") only when an Action redirected. */
export async function postLoginCheck(state: AuthState, ctx: KoaContextWithOIDC): Promise<boolean> {
  if ((ctx.oidc.result as Record<string, unknown> | undefined)?.[RESULT_KEY]) return false; // decided at /continue
  const data = state.tenant.store.data;
  const { user, client } = parties(state, ctx);
  // A session (single sign-on, prompt=none) does not outlive a block: Auth0 checks at every authorization.
  if (user['blocked'] === true) throw userBlocked();
  const params = requestParams(ctx.oidc.params as Record<string, unknown>);
  const connection = loginConnection(data, user.connection, client);
  const membership = checkOrganization(data, text(params['organization']), client, user, connection);
  if (membership?.join) await joinOrganization(state, membership.organization.id, user.user_id);
  const organization = membership?.organization;
  const roles = rolesOf(data, user, organization);
  const audience = audienceOf(params);
  const transaction = transactionOf(params, 'oidc-basic-profile');
  // A login in which the user authenticated counts; single sign-on from the session does not.
  const counts = Boolean((ctx.oidc.result as Record<string, unknown> | undefined)?.['login']);
  const authTime = ctx.oidc.session?.authTime();
  const event = buildLoginEvent(
    {
      user,
      client,
      connection,
      organization,
      roles,
      audience,
      sessionId: ctx.oidc.session?.uid,
      authenticatedAt: new Date((authTime ?? Math.floor(state.tenant.now() / 1000)) * 1000).toISOString(),
      loginsCount: loginStats(state.tenant.store).count(user) + (counts ? 1 : 0),
    },
    transaction,
    loginRequest(ctx, state.tenant.domain, params),
  );
  const outcome = await runFlow({ tenant: state.tenant, executions: state.executions, counts }, event);
  const grantId = (ctx.oidc.entities.Grant as { jti?: string } | undefined)?.jti;
  if (!grantId) throw new LoginError('server_error', 'No grant for this authorization.', 500);
  if (outcome.kind === 'refused') throw outcome.error;
  if (outcome.kind === 'paused') {
    pausedIn.set(ctx, {
      outcome,
      pending: { event, userId: user.user_id, clientId: client.client_id, organizationId: organization?.id, audience, requestedScopes: transaction.requestedScopes, grantId, counts },
    });
    return true;
  }
  const plan = tokenPlan(data, { userId: user.user_id, client, organization, roles, audience, requestedScopes: transaction.requestedScopes, result: outcome.result, grantType: null, executionId: outcome.executionId, sid: event.session?.id ?? null });
  state.artifacts.setPlan(grantId, plan);
  return false;
}

/** interactions.url for the redirect prompt: remembers the paused login and sends the user to the Action's URL. */
export function redirectDestination(state: AuthState, ctx: KoaContextWithOIDC, interaction: Interaction): string | undefined {
  const paused = pausedIn.get(ctx);
  if (!paused) return undefined;
  const { outcome, pending } = paused;
  const now = state.tenant.now();
  if (state.pending.size > 1000) for (const [key, p] of state.pending) if (p.expiresAt <= now) state.pending.delete(key);
  state.pending.set(outcome.state, {
    ...pending,
    uid: interaction.uid,
    paused: outcome.paused,
    actions: outcome.actions,
    executionId: outcome.executionId,
    expiresAt: now + PENDING_TTL_MS,
  });
  return outcome.url;
}
