import { ClaimkitError, errorMessage } from '../errors.ts';
import { handlerFailure } from '../engine/executor/module.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { createApi } from './api/index.ts';
import { CacheStore } from './api/cache-store.ts';
import { startBudget, withinBudget, type Budget } from './budget.ts';
import { cloneJson, copyTwoLevels, deepMerge } from './clone.ts';
import type { EventOverrides } from './event.ts';
import { withHttpStubs } from './http-run.ts';
import { normalise, type FlowInput, type NamedAction } from './flow-input.ts';
import { issueTokens } from './issue.ts';
import { withLogCapture } from './logs.ts';
import { completeRequestedMfa } from './mfa.ts';
import { continueStateError, defaultRedirectState, redirectRefusal, withState } from './redirect-rules.ts';
import type { FlowResult } from './result.ts';
import { restoreFlow, snapshotFlow, type FlowSnapshot } from './snapshot.ts';
import type { ActionContext, FlowState, HarnessOptions, Paused, ResolvedOptions } from './state.ts';

export type { FlowInput, NamedAction } from './flow-input.ts';
export type { FlowSnapshot } from './snapshot.ts';

/** Auth0 limit: 20 s per execution of the trigger, all its Actions together (Actions Limitations, Executions). */
export const DEFAULT_TIMEOUT_MS = 20_000;

const paused = new WeakMap<FlowResult, Paused>();

function resolveOptions(options: HarnessOptions, event: PostLoginEvent): ResolvedOptions {
  let state = options.redirectState;
  return {
    now: options.now ?? Date.now,
    directory: { roles: options.directory?.roles, groups: options.directory?.groups ?? [] },
    rulesExecuted: new Set(options.rulesExecuted ?? []),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // Derived (a hash of the event) only when a flow redirects.
    get redirectState() {
      return (state ??= defaultRedirectState(event));
    },
    cacheGiven: options.cache !== undefined,
    http: options.http,
  };
}

/** A fresh flow state for one login: the flow's own copy of the event, no claims yet. */
export function createFlow(event: PostLoginEvent, options: HarnessOptions = {}): FlowState {
  // The flow's own event (see copyTwoLevels): `event.request = …`, `event.user.app_metadata = …`.
  const own = copyTwoLevels(event);
  return {
    event: own,
    claims: { id: new Map(), access: new Map() },
    lastWriter: { id: undefined, access: undefined },
    scopes: { added: new Set(), removed: new Set() },
    metadata: { app: cloneJson(own.user.app_metadata ?? {}), user: cloneJson(own.user.user_metadata ?? {}) },
    metadataChanged: false,
    metadataWrites: { app: new Set(), user: new Set() },
    error: null,
    denied: null,
    redirect: null,
    prompt: null,
    primaryUser: undefined,
    primaryUserAction: undefined,
    mfaRequested: false,
    cache: options.cache ?? new CacheStore(),
    calls: [],
    logs: [],
    options: resolveOptions(options, own),
    effects: new Map(),
  };
}

/**
 * One Action's execution. It gets its own copy of the flow's event ("the event object is read-only
 * transaction context"; Actions "operate independently" — docs, Actions reference and Transaction
 * metadata): what it does to `event` stays with it; only api-made changes reach later Actions.
 */
async function runOne(flow: FlowState, named: NamedAction, phase: 'execute' | 'continue', budget: Budget): Promise<void> {
  const own = cloneJson(flow.event);
  const event = named.secrets ? { ...own, secrets: { ...named.secrets } } : own;
  let finished = false;
  const ctx: ActionContext = {
    name: named.name,
    phase,
    event,
    flow,
    finished: () => finished,
    record: (method, args) => {
      flow.calls.push({ action: named.name, method, args });
    },
    update: (change) => {
      change(event);
      change(flow.event);
    },
  };
  const exportName = phase === 'execute' ? 'onExecutePostLogin' : 'onContinuePostLogin';
  const handler = named.action[exportName];
  const failure = handlerFailure(handler, exportName);
  if (failure || !handler) throw new ClaimkitError(failure?.code ?? 'ERR_ACTION_NO_HANDLER', failure?.message ?? `No ${exportName} handler.`);
  const api = createApi(ctx);
  const userMetadataBefore = { values: cloneJson(flow.metadata.user), writes: [...flow.metadataWrites.user] };
  try {
    await withLogCapture(named.name, flow.logs, () => withinBudget(budget, () => handler(event, api)));
  } finally {
    finished = true;
    // "Any userMetadata set in the same Action as setPrimaryUser is discarded" (Actions Limitations).
    if (flow.primaryUserAction === named.name) {
      flow.metadata.user = userMetadataBefore.values;
      flow.metadataWrites.user.clear();
      for (const key of userMetadataBefore.writes) flow.metadataWrites.user.add(key);
    }
  }
}

/** After an Action: what ends this execution — a failure, a denial, a refused redirect or a pause. */
function stopsHere(flow: FlowState): boolean {
  if (flow.error || flow.denied) return true;
  if (flow.redirect) flow.error = redirectRefusal(flow.event, flow.redirect.action) ?? null;
  return flow.error !== null || flow.redirect !== null || flow.prompt !== null;
}

/** Runs the flow with its HTTP stubs installed (when it has some); an unstubbed request fails the call. */
function runFrom(state: Paused, start: number, phase: 'execute' | 'continue'): Promise<FlowResult> {
  return withHttpStubs(state.flow.options.http, () => runActions(state, start, phase));
}

async function runActions(state: Paused, start: number, phase: 'execute' | 'continue'): Promise<FlowResult> {
  const { flow } = state;
  // One budget per execution; the /continue request is a new execution.
  const budget = startBudget(flow.options.timeoutMs);
  try {
    await runEach(state, start, phase, budget);
  } finally {
    budget.end();
  }
  const result = finish(state);
  if (result.outcome === 'success' && (flow.redirect || flow.prompt)) paused.set(result, state);
  return result;
}

async function runEach(state: Paused, start: number, phase: 'execute' | 'continue', budget: Budget): Promise<void> {
  const { flow, actions, ran } = state;
  for (let i = start; i < actions.length; i++) {
    const named = actions[i] as NamedAction;
    ran[i] = true;
    try {
      await runOne(flow, named, i === start ? phase : 'execute', budget);
    } catch (err) {
      // An abort recorded by the api (e.g. redirect and render in one Action) keeps its own message.
      flow.error ??= { message: errorMessage(err), action: named.name };
    }
    if (flow.metadataChanged) {
      // Later Actions see metadata changes in event.user (auth0-facts §2).
      flow.event.user.app_metadata = cloneJson(flow.metadata.app);
      flow.event.user.user_metadata = cloneJson(flow.metadata.user);
      flow.metadataChanged = false;
    }
    if (stopsHere(flow)) {
      flow.mfaRequested = false;
      state.at = i;
      break;
    }
    completeRequestedMfa(flow);
  }
}

function finish({ flow, actions, ran, originalMetadata }: Paused): FlowResult {
  const redirectState = flow.redirect ? flow.options.redirectState : '';
  const result: FlowResult = {
    outcome: 'success',
    denied: null,
    error: null,
    idToken: { claims: {} },
    accessToken: { claims: {}, scopes: { added: [...flow.scopes.added], removed: [...flow.scopes.removed] } },
    user: { app_metadata: cloneJson(flow.metadata.app), user_metadata: cloneJson(flow.metadata.user) },
    dropped: [],
    warnings: [],
    redirect: flow.redirect && { url: withState(flow.redirect.url, redirectState), state: redirectState },
    prompt: flow.prompt && { id: flow.prompt.id },
    actions: actions.map((a, i) => ({ name: a.name, ran: ran[i] === true })),
    // Copies: a late call from an un-awaited promise must not change a result already handed out.
    logs: [...flow.logs],
    calls: [...flow.calls],
  };
  if (flow.error) {
    // A failed login writes nothing back.
    return { ...result, outcome: 'error', error: flow.error, user: cloneJson(originalMetadata), redirect: null, prompt: null };
  }
  if (flow.denied) return { ...result, outcome: 'denied', denied: flow.denied, redirect: null, prompt: null };
  const tokens = issueTokens(flow);
  if (tokens.overBudget) {
    const { token, bytes, action } = tokens.overBudget;
    const error = {
      message: `The ${token === 'id' ? 'ID' : 'access'} token's custom claims are ${bytes} bytes; Auth0 allows ${100 * 1024} bytes per token and fails the login.`,
      action,
    };
    return { ...result, outcome: 'error', error, user: cloneJson(originalMetadata), dropped: tokens.dropped, warnings: tokens.warnings };
  }
  result.idToken.claims = tokens.id;
  result.accessToken.claims = tokens.access;
  result.dropped = tokens.dropped;
  result.warnings = tokens.warnings;
  return result;
}

/**
 * Runs one Action, or a flow of several in binding order, with Auth0's semantics: each Action gets its own
 * copy of the event; claims accumulate and the last write wins; api.access.deny lets the current Action
 * finish and skips the rest; later Actions see api-made metadata changes; an Action that throws fails the
 * login; all Actions share one 20 s budget; a redirect pauses the flow (or fails it where Auth0 cannot
 * redirect).
 */
export async function runPostLogin(input: FlowInput, event: PostLoginEvent, options: HarnessOptions = {}): Promise<FlowResult> {
  return runActionsOn(createFlow(event, options), input);
}

/**
 * Runs Actions on a flow that a step before them — the legacy Rules, which ran before the Actions — may
 * already have changed (claims, metadata), stopped (a denial, an error) or paused (a redirect). A stopped
 * or paused flow runs no Action. Metadata written before this call counts as written: a failed login
 * keeps it (Rules wrote through the Management API at once).
 */
export async function runActionsOn(flow: FlowState, input: FlowInput): Promise<FlowResult> {
  const actions = normalise(input);
  const state: Paused = {
    flow,
    actions,
    ran: actions.map(() => false),
    at: 0,
    originalMetadata: { app_metadata: cloneJson(flow.metadata.app), user_metadata: cloneJson(flow.metadata.user) },
  };
  if (flow.error || flow.denied || flow.redirect) return finish(state);
  return runFrom(state, 0, 'execute');
}

/**
 * Resumes a flow paused by api.redirect.sendUserTo or api.prompt.render: the redirecting Action's
 * onContinuePostLogin runs with the /continue request merged in, then the remaining Actions. The
 * /continue request carries the redirect's `state` unless `continueEvent` says otherwise; a wrong or
 * missing state fails the login with invalid_request, as on Auth0.
 */
export async function continuePostLogin(previous: FlowResult, continueEvent: EventOverrides = {}): Promise<FlowResult> {
  const state = paused.get(previous);
  if (!state) {
    throw new ClaimkitError('ERR_USAGE', 'continuePostLogin needs the result of a flow that an Action paused with api.redirect.sendUserTo or api.prompt.render.');
  }
  paused.delete(previous);
  return continueFrom(state, continueEvent);
}

/**
 * The paused flow behind `result` as plain data (what a server keeps while the user is away), or null when
 * the flow did not pause. Resume it with resumePostLogin, in this process or another.
 */
export function pausedFlow(result: FlowResult): FlowSnapshot | null {
  const state = paused.get(result);
  return state ? snapshotFlow(state) : null;
}

/**
 * continuePostLogin for a flow kept as a snapshot: the same Actions (by name, in binding order) are given
 * again, the snapshot brings back everything the flow had accumulated before the pause.
 */
export async function resumePostLogin(input: FlowInput, snapshot: FlowSnapshot, continueEvent: EventOverrides = {}, options: HarnessOptions = {}): Promise<FlowResult> {
  const actions = normalise(input);
  return continueFrom(restoreFlow(snapshot, actions, (event) => createFlow(event, { ...options, redirectState: snapshot.redirectState })), continueEvent);
}

async function continueFrom(state: Paused, continueEvent: EventOverrides): Promise<FlowResult> {
  const { flow } = state;
  const expected = flow.options.redirectState;
  // The user comes back on a new request, /continue?state=…: its query and body replace the authorize ones
  // ("A new event.request object is issued anytime an Action trigger is suspended and then resumed").
  flow.event.request = { ...flow.event.request, method: 'GET', query: { state: expected }, body: {} };
  Object.assign(flow.event, deepMerge(flow.event, continueEvent));
  if (flow.prompt && continueEvent.prompt === undefined) flow.event.prompt = { id: flow.prompt.id };
  flow.redirect = null;
  flow.prompt = null;
  // "A user returning from a redirect action" may land on another instance: the cache is not guaranteed
  // (Actions Limitations, "Cached data"). Start empty unless the caller models the instance with its own.
  if (!flow.options.cacheGiven) flow.cache = new CacheStore();
  const resumed = state.actions[state.at] as NamedAction;
  flow.error = continueStateError(flow.event, expected, resumed.name) ?? null;
  if (flow.error) return finish(state);
  return runFrom(state, state.at, 'continue');
}
