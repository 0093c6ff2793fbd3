import { sharedEngine, type EngineAction, type PausableResult } from '../../engine/index.ts';
import type { EventOverrides } from '../../harness/event.ts';
import type { FlowResult } from '../../harness/result.ts';
import type { FlowSnapshot } from '../../harness/snapshot.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import { isoNow, type Tenant } from '../tenant.ts';
import { accessDenied, LoginError } from './errors.ts';
import type { Executions } from './executions.ts';
import { postLoginFlow } from './flow.ts';
import { loginStats } from './stats.ts';

// A login's post-login flow through the Action engine, and what it changes on the tenant: the user's
// metadata (the keys the Actions changed, even when they denied the login: auth0-facts §2), saved before
// the login answers, and, for a completed login, `logins_count` (saved soon after: stats.ts). A failed
// flow writes nothing.

export type FlowOutcome =
  | { kind: 'done'; result: FlowResult; executionId: string }
  | { kind: 'refused'; error: LoginError; executionId: string | null }
  | { kind: 'paused'; url: string; state: string; paused: FlowSnapshot; actions: readonly EngineAction[]; executionId: string };

export interface FlowRun {
  tenant: Tenant;
  executions: Executions;
  /** A login (counted in logins_count) or a refresh-token exchange (not a login). */
  counts: boolean;
}

/** A flow with no Actions bound: nothing to run, nothing to add. */
function emptyResult(event: PostLoginEvent): FlowResult {
  return {
    outcome: 'success',
    denied: null,
    error: null,
    idToken: { claims: {} },
    accessToken: { claims: {}, scopes: { added: [], removed: [] } },
    user: { app_metadata: event.user.app_metadata, user_metadata: event.user.user_metadata },
    dropped: [],
    warnings: [],
    redirect: null,
    prompt: null,
    actions: [],
    logs: [],
    calls: [],
  };
}

/** The keys whose value the flow changed, applied onto what is stored now (a concurrent login may have written others). */
function applyDelta(stored: Record<string, unknown>, before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out = { ...stored };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (Object.hasOwn(after, key)) out[key] = after[key];
    else delete out[key];
  }
  return out;
}

async function saveUser(run: FlowRun, event: PostLoginEvent, result: FlowResult): Promise<void> {
  const { tenant } = run;
  if (result.outcome === 'success' && run.counts) loginStats(tenant.store).record(event.user.user_id, isoNow(tenant), event.request.ip);
  const metadataChanged =
    JSON.stringify(result.user.app_metadata) !== JSON.stringify(event.user.app_metadata) || JSON.stringify(result.user.user_metadata) !== JSON.stringify(event.user.user_metadata);
  if (!metadataChanged) return;
  await tenant.store.write((data) => {
    const user = data.users.find((u) => u.user_id === event.user.user_id);
    if (!user) return () => undefined; // deleted meanwhile
    return () => {
      user.app_metadata = applyDelta(user.app_metadata, event.user.app_metadata, result.user.app_metadata);
      user.user_metadata = applyDelta(user.user_metadata, event.user.user_metadata, result.user.user_metadata);
      user.updated_at = isoNow(tenant);
    };
  });
}

/** What the application is told when the flow did not succeed (Auth0: `error=access_denied` with the reason). */
function refusal(result: FlowResult): LoginError {
  if (result.denied) return accessDenied(result.denied.reason);
  const error = result.error ?? { message: 'The login failed.', action: '' };
  return new LoginError(error.code ?? 'access_denied', error.message, 403);
}

async function settle(run: FlowRun, actions: readonly EngineAction[], event: PostLoginEvent, answer: PausableResult, started: number, executionId?: string): Promise<FlowOutcome> {
  const { result, paused } = answer;
  const id = run.executions.record(result, started, run.tenant.now(), executionId);
  if (result.outcome === 'success' && result.prompt) {
    return {
      kind: 'refused',
      error: new LoginError('access_denied', `api.prompt.render("${result.prompt.id}"): custom prompts (Forms) are not available on the local tenant.`, 403),
      executionId: id,
    };
  }
  if (result.outcome === 'success' && result.redirect && paused) return { kind: 'paused', url: result.redirect.url, state: result.redirect.state, paused, actions, executionId: id };
  if (result.outcome !== 'error') await saveUser(run, event, result);
  return result.outcome === 'success' ? { kind: 'done', result, executionId: id } : { kind: 'refused', error: refusal(result), executionId: id };
}

/** Runs the bound post-login Actions on `event`; a flow that redirects comes back paused. */
export async function runFlow(run: FlowRun, event: PostLoginEvent): Promise<FlowOutcome> {
  const actions = postLoginFlow(run.tenant);
  const started = run.tenant.now();
  if (actions.length === 0) {
    const result = emptyResult(event);
    await saveUser(run, event, result);
    return { kind: 'done', result, executionId: run.executions.record(result, started, started) };
  }
  return settle(run, actions, event, await sharedEngine().start(actions, event, { now: started }), started);
}

/**
 * Resumes a paused flow with the /continue request. The Actions are those the flow started with (a
 * deploy in between does not change a login already under way); `original` is the event the flow began
 * with, for what it writes back.
 */
export async function resumeFlow(run: FlowRun, actions: readonly EngineAction[], original: PostLoginEvent, paused: FlowSnapshot, continueEvent: EventOverrides, executionId: string): Promise<FlowOutcome> {
  const started = run.tenant.now();
  return settle(run, actions, original, await sharedEngine().resume(actions, paused, continueEvent, { now: started }), started, executionId);
}
