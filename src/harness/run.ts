import { ClaimkitError, errorMessage } from '../errors.ts';
import { installHttpStubs, unstubbedMessage } from '../http-stubs/install.ts';
import { assertHandler } from '../sandbox/load.ts';
import type { PostLoginAction } from '../types/action.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { createApi } from './api/index.ts';
import { CacheStore } from './api/cache-store.ts';
import { cloneJson, deepMerge } from './clone.ts';
import type { EventOverrides } from './event.ts';
import { issueTokens } from './issue.ts';
import { withLogCapture } from './logs.ts';
import type { FlowResult } from './result.ts';
import type { ActionContext, FlowState, HarnessOptions, ResolvedOptions } from './state.ts';

/** An Action with the name it has in tenant.yaml, and its own secrets (event.secrets). */
export interface NamedAction {
  name: string;
  action: PostLoginAction;
  secrets?: Readonly<Record<string, string>>;
}

export type FlowInput = PostLoginAction | NamedAction | ReadonlyArray<PostLoginAction | NamedAction>;

/** Auth0 limit: 20 s per execution (auth0-facts §2). */
export const DEFAULT_TIMEOUT_MS = 20_000;

interface Paused {
  flow: FlowState;
  actions: NamedAction[];
  ran: boolean[];
  at: number;
  originalMetadata: FlowResult['user'];
}
const paused = new WeakMap<FlowResult, Paused>();

function isNamed(a: PostLoginAction | NamedAction): a is NamedAction {
  return typeof (a as NamedAction).name === 'string' && typeof (a as NamedAction).action === 'object' && (a as NamedAction).action !== null;
}

function normalise(input: FlowInput): NamedAction[] {
  const list: ReadonlyArray<PostLoginAction | NamedAction> = Array.isArray(input) ? input : [input as PostLoginAction | NamedAction];
  return list.map((a, i) => (isNamed(a) ? a : { name: `action-${i + 1}`, action: a }));
}

function resolveOptions(options: HarnessOptions): ResolvedOptions {
  return {
    now: options.now ?? Date.now,
    directory: { roles: options.directory?.roles, groups: options.directory?.groups ?? [] },
    rulesExecuted: new Set(options.rulesExecuted ?? []),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    http: options.http,
  };
}

/** A fresh flow state for one login: the flow's own copy of the event, no claims yet. */
export function createFlow(event: PostLoginEvent, options: HarnessOptions = {}): FlowState {
  const own = cloneJson(event);
  return {
    event: own,
    claims: { id: new Map(), access: new Map() },
    lastWriter: { id: undefined, access: undefined },
    scopes: { added: new Set(), removed: new Set() },
    metadata: { app: cloneJson(own.user.app_metadata ?? {}), user: cloneJson(own.user.user_metadata ?? {}) },
    metadataChanged: false,
    error: null,
    denied: null,
    redirect: null,
    prompt: null,
    primaryUser: undefined,
    cache: options.cache ?? new CacheStore(),
    calls: [],
    logs: [],
    options: resolveOptions(options),
    effects: new Map(),
  };
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClaimkitError('ERR_ACTION_THREW', `Script execution time exceeded (${ms} ms).`)), ms);
  });
  try {
    await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function runOne(flow: FlowState, named: NamedAction, phase: 'execute' | 'continue'): Promise<void> {
  const event = named.secrets ? { ...flow.event, secrets: named.secrets } : flow.event;
  const ctx: ActionContext = {
    name: named.name,
    phase,
    event,
    flow,
    record: (method, args) => {
      flow.calls.push({ action: named.name, method, args });
    },
  };
  const exportName = phase === 'execute' ? 'onExecutePostLogin' : 'onContinuePostLogin';
  const handler: unknown = named.action[exportName];
  assertHandler(handler, exportName);
  const api = createApi(ctx);
  await withLogCapture(named.name, flow.logs, () => withTimeout(handler(event, api), flow.options.timeoutMs));
}

/** Runs the flow with its HTTP stubs installed (when it has some); an unstubbed request fails the call. */
async function runFrom(state: Paused, start: number, phase: 'execute' | 'continue'): Promise<FlowResult> {
  const fixtures = state.flow.options.http;
  if (fixtures === undefined) return runActions(state, start, phase);
  const stubs = installHttpStubs(fixtures);
  let result: FlowResult;
  try {
    result = await runActions(state, start, phase);
  } finally {
    stubs.restore();
  }
  const missing = stubs.unstubbed();
  if (missing.length > 0) {
    throw new ClaimkitError('ERR_HTTP_UNSTUBBED', `${missing.length} HTTP request(s) had no stub and were not sent:\n${missing.map((c) => `  ${unstubbedMessage(c)}`).join('\n')}`);
  }
  // The same object (a paused flow is found by it).
  result.http = stubs.calls;
  return result;
}

async function runActions(state: Paused, start: number, phase: 'execute' | 'continue'): Promise<FlowResult> {
  const { flow, actions, ran } = state;
  for (let i = start; i < actions.length; i++) {
    const named = actions[i] as NamedAction;
    ran[i] = true;
    try {
      await runOne(flow, named, i === start ? phase : 'execute');
    } catch (err) {
      flow.error = { message: errorMessage(err), action: named.name };
      break;
    }
    if (flow.metadataChanged) {
      // Later Actions see metadata changes in event.user (auth0-facts §2).
      flow.event.user.app_metadata = cloneJson(flow.metadata.app);
      flow.event.user.user_metadata = cloneJson(flow.metadata.user);
      flow.metadataChanged = false;
    }
    if (flow.denied) break;
    if (flow.redirect || flow.prompt) {
      state.at = i;
      break;
    }
  }
  const result = finish(state);
  if (result.outcome === 'success' && (flow.redirect || flow.prompt)) paused.set(result, state);
  return result;
}

function finish({ flow, actions, ran, originalMetadata }: Paused): FlowResult {
  const result: FlowResult = {
    outcome: 'success',
    denied: null,
    error: null,
    idToken: { claims: {} },
    accessToken: { claims: {}, scopes: { added: [...flow.scopes.added], removed: [...flow.scopes.removed] } },
    user: { app_metadata: cloneJson(flow.metadata.app), user_metadata: cloneJson(flow.metadata.user) },
    dropped: [],
    warnings: [],
    redirect: flow.redirect && { url: flow.redirect.url },
    prompt: flow.prompt && { id: flow.prompt.id },
    actions: actions.map((a, i) => ({ name: a.name, ran: ran[i] === true })),
    logs: flow.logs,
    calls: flow.calls,
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
 * Runs one Action, or a flow of several in binding order, with Auth0's semantics: claims accumulate and
 * the last write wins; api.access.deny lets the current Action finish and skips the rest; later Actions
 * see metadata changes; an Action that throws fails the login; a redirect pauses the flow.
 */
export async function runPostLogin(input: FlowInput, event: PostLoginEvent, options: HarnessOptions = {}): Promise<FlowResult> {
  const actions = normalise(input);
  const flow = createFlow(event, options);
  const state: Paused = {
    flow,
    actions,
    ran: actions.map(() => false),
    at: 0,
    originalMetadata: { app_metadata: cloneJson(flow.metadata.app), user_metadata: cloneJson(flow.metadata.user) },
  };
  return runFrom(state, 0, 'execute');
}

/**
 * Resumes a flow paused by api.redirect.sendUserTo or api.prompt.render: the redirecting Action's
 * onContinuePostLogin runs with the /continue request merged in, then the remaining Actions.
 */
export async function continuePostLogin(previous: FlowResult, continueEvent: EventOverrides = {}): Promise<FlowResult> {
  const state = paused.get(previous);
  if (!state) {
    throw new ClaimkitError('ERR_USAGE', 'continuePostLogin needs the result of a flow that an Action paused with api.redirect.sendUserTo or api.prompt.render.');
  }
  paused.delete(previous);
  const { flow } = state;
  // The user comes back on a new request, /continue?state=…: its query and body replace the authorize ones.
  const txState = flow.event.transaction?.state;
  flow.event.request = { ...flow.event.request, method: 'GET', query: txState === undefined ? {} : { state: txState }, body: {} };
  Object.assign(flow.event, deepMerge(flow.event, continueEvent));
  if (flow.prompt && continueEvent.prompt === undefined) flow.event.prompt = { id: flow.prompt.id };
  flow.redirect = null;
  flow.prompt = null;
  return runFrom(state, state.at, 'continue');
}
