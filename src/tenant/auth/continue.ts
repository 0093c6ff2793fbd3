import { readText } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { guardJson } from '../http/json-guard.ts';
import type { RouteContext } from '../http/router.ts';
import { rolesOf } from '../login/directory.ts';
import { tokenPlan } from '../login/plan.ts';
import { resumeFlow } from '../login/run.ts';
import { RESULT_KEY } from '../oidc/authorize-actions.ts';
import { errorPage } from '../oidc/pages.ts';
import { authService, PENDING_TTL_MS } from '../oidc/service.ts';
import { html, redirect } from './html.ts';

// GET|POST /continue?state=…: the user comes back from where a post-login Action sent them. The paused
// flow resumes (the Action's onContinuePostLogin, then the Actions after it) and the authorization goes
// on: tokens, an error for the application, or another redirect. A state this tenant did not send is
// Auth0's invalid_request (Redirect with Actions, "Resume the authentication flow").

/** The body the Actions see as `event.request.body`; a JSON one nested too deep or with prototype keys is refused (json-guard.ts). */
function parseBody(request: Request, text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  if ((request.headers.get('content-type') ?? '').includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return {};
    }
    guardJson(parsed);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const refusedBody = (err: ApiError) => html(errorPage('invalid_request', err.message), err.statusCode);

export async function continueLogin(ctx: RouteContext): Promise<Response> {
  const { tenant, request, url } = ctx;
  let body: Record<string, unknown> = {};
  try {
    if (request.method === 'POST') body = parseBody(request, await readText(request, tenant.settings.bodyLimitBytes));
  } catch (err) {
    if (err instanceof ApiError) return refusedBody(err);
    throw err;
  }
  const state = url.searchParams.get('state') ?? (typeof body['state'] === 'string' ? body['state'] : null);
  const service = await authService(tenant);
  const pending = state === null ? undefined : service.pending.get(state);
  const interaction = pending && pending.expiresAt > tenant.now() ? await service.provider.Interaction.find(pending.uid) : undefined;
  if (!pending || !interaction || state === null) {
    return html(errorPage('invalid_request', 'The /continue request does not carry the state of a login in progress: the login transaction is lost. Start again from the application.'), 400);
  }
  service.pending.delete(state);
  const continueEvent = {
    request: { method: request.method, query: Object.fromEntries(url.searchParams), body, ...(request.headers.get('user-agent') ? { user_agent: request.headers.get('user-agent') as string } : {}) },
  };
  const run = { tenant, executions: service.executions, counts: pending.counts };
  const outcome = await resumeFlow(run, pending.actions, pending.event, pending.paused, continueEvent, pending.executionId);
  if (outcome.kind === 'paused') {
    service.pending.set(outcome.state, { ...pending, paused: outcome.paused, executionId: outcome.executionId, expiresAt: tenant.now() + PENDING_TTL_MS });
    return redirect(outcome.url);
  }
  const ttl = Math.max(1, interaction.exp - Math.floor(Date.now() / 1000));
  if (outcome.kind === 'refused') {
    interaction.result = { error: outcome.error.error, error_description: outcome.error.description };
  } else {
    const data = tenant.store.data;
    const user = data.users.find((u) => u.user_id === pending.userId);
    const client = data.clients.find((c) => c.client_id === pending.clientId);
    const organization = data.organizations.find((o) => o.id === pending.organizationId);
    if (!user || !client) {
      interaction.result = { error: 'access_denied', error_description: 'The user or the application of this login no longer exists.' };
    } else {
      const plan = tokenPlan(data, {
        userId: user.user_id,
        client,
        organization,
        roles: rolesOf(data, user, organization),
        audience: pending.audience,
        requestedScopes: pending.requestedScopes,
        result: outcome.result,
        grantType: null,
        executionId: outcome.executionId,
        sid: pending.event.session?.id ?? null,
      });
      service.artifacts.setPlan(pending.grantId, plan);
      interaction.result = { ...(interaction.result ?? {}), [RESULT_KEY]: { grantId: pending.grantId } };
    }
  }
  await interaction.save(ttl);
  return redirect(interaction.returnTo);
}
