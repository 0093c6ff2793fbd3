import { ClaimkitError, errorMessage } from '../../errors.ts';
import { handlerFailure } from '../../engine/executor/module.ts';
import { MAX_CUSTOM_CLAIMS_BYTES } from '../../policy/index.ts';
import type { CredentialsExchangeAction } from '../../types/credentials-exchange/action.ts';
import type { CredentialsExchangeEvent } from '../../types/credentials-exchange/event.ts';
import { CacheStore } from '../api/cache-store.ts';
import { startBudget, withinBudget, type Budget } from '../budget.ts';
import { cloneJson, copyTwoLevels } from '../clone.ts';
import { normalise, type ActionsInput, type Named } from '../flow-input.ts';
import { withHttpStubs } from '../http-run.ts';
import { withLogCapture } from '../logs.ts';
import { DEFAULT_TIMEOUT_MS } from '../run.ts';
import { createCredentialsExchangeApi } from './api.ts';
import { issueMachineToken } from './issue.ts';
import type { CredentialsExchangeResult } from './result.ts';
import type { ExchangeContext, ExchangeOptions, ExchangeState } from './state.ts';

export type NamedExchangeAction = Named<CredentialsExchangeAction>;
export type ExchangeInput = ActionsInput<CredentialsExchangeAction>;

/** A fresh state for one exchange: target scopes start as the scopes to be issued (the client grant's, as requested). */
export function createExchange(event: CredentialsExchangeEvent, options: ExchangeOptions = {}): ExchangeState {
  const own = copyTwoLevels(event);
  const initial = own.transaction?.target_scopes ?? own.accessToken?.scope ?? [];
  return {
    event: own,
    claims: new Map(),
    lastWriter: undefined,
    transaction: { target_scopes: [...initial] },
    denied: null,
    error: null,
    cache: options.cache ?? new CacheStore(),
    calls: [],
    logs: [],
    options: {
      now: options.now ?? Date.now,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      http: options.http,
      grantScopes: options.grantScopes ?? own.accessToken?.scope ?? [],
    },
  };
}

/** One Action's execution, on its own copy of the event: only api-made changes reach later Actions. */
async function runOne(state: ExchangeState, named: NamedExchangeAction, budget: Budget): Promise<void> {
  const own = cloneJson(state.event);
  const event = named.secrets ? { ...own, secrets: { ...named.secrets } } : own;
  let finished = false;
  const ctx: ExchangeContext = {
    name: named.name,
    event,
    flow: state,
    finished: () => finished,
    record: (method, args) => {
      state.calls.push({ action: named.name, method, args });
    },
  };
  const handler = named.action.onExecuteCredentialsExchange;
  const failure = handlerFailure(handler, 'onExecuteCredentialsExchange');
  if (failure) throw new ClaimkitError(failure.code, failure.message);
  const api = createCredentialsExchangeApi(ctx);
  try {
    await withLogCapture(named.name, state.logs, () => withinBudget(budget, () => handler(event, api)));
  } finally {
    finished = true;
  }
}

function finish(state: ExchangeState, actions: readonly NamedExchangeAction[], ran: readonly boolean[]): CredentialsExchangeResult {
  const initial = state.event.accessToken?.scope ?? [];
  const result: CredentialsExchangeResult = {
    outcome: 'success',
    denied: null,
    error: null,
    accessToken: { claims: {}, scope: [], scopes: { added: [], removed: [] } },
    dropped: [],
    warnings: [],
    actions: actions.map((a, i) => ({ name: a.name, ran: ran[i] === true })),
    // Copies: a late call from an un-awaited promise must not change a result already handed out.
    logs: [...state.logs],
    calls: [...state.calls],
  };
  if (state.error) return { ...result, outcome: 'error', error: state.error };
  if (state.denied) return { ...result, outcome: 'denied', denied: state.denied };
  const token = issueMachineToken(state);
  const diff = { added: token.scope.filter((s) => !initial.includes(s)), removed: initial.filter((s) => !token.scope.includes(s)) };
  if (token.overBudget) {
    const error = {
      message: `The access token's custom claims are ${token.overBudget.bytes} bytes; Auth0 allows ${MAX_CUSTOM_CLAIMS_BYTES} bytes per token and fails the exchange.`,
      action: token.overBudget.action,
    };
    return { ...result, outcome: 'error', error, dropped: token.dropped, warnings: token.warnings };
  }
  return { ...result, accessToken: { claims: token.claims, scope: token.scope, scopes: diff }, dropped: token.dropped, warnings: token.warnings };
}

async function runActions(state: ExchangeState, actions: readonly NamedExchangeAction[]): Promise<CredentialsExchangeResult> {
  const ran = actions.map(() => false);
  const budget = startBudget(state.options.timeoutMs);
  for (let i = 0; i < actions.length; i++) {
    const named = actions[i] as NamedExchangeAction;
    ran[i] = true;
    try {
      await runOne(state, named, budget);
    } catch (err) {
      state.error ??= { message: errorMessage(err), action: named.name };
    }
    if (state.error || state.denied) break;
  }
  return finish(state, actions, ran);
}

/**
 * Runs one credentials-exchange Action, or the trigger's Actions in binding order, with Auth0's
 * semantics: each Action gets its own copy of the event; claims accumulate and the last write wins;
 * api.access.deny lets the current Action finish and skips the rest; target-scope changes are seen at
 * once by later Actions and end intersected with the client grant; an Action that throws fails the
 * exchange; all Actions share one 20 s budget.
 */
export async function runCredentialsExchange(input: ExchangeInput, event: CredentialsExchangeEvent, options: ExchangeOptions = {}): Promise<CredentialsExchangeResult> {
  const actions = normalise(input);
  const state = createExchange(event, options);
  return withHttpStubs(state.options.http, () => runActions(state, actions));
}
