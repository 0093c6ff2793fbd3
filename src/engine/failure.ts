import type { CredentialsExchangeResult } from '../harness/credentials-exchange/result.ts';
import type { FlowResult } from '../harness/result.ts';
import { ACTIONS_TIMEOUT_TEXT } from '../harness/time-budget-text.ts';
import { jobSteps, type ExchangeJob, type ExecutionJob, type FlowJob, type JobResult } from './protocol.ts';

/**
 * The result of a flow the engine had to stop (time budget, memory, a stray error, process.exit): the
 * login fails with the message, attributed to the Action that was running; nothing is written back.
 */
export function failedFlow(job: Pick<FlowJob, 'actions' | 'event'>, actionIndex: number, message: string): FlowResult {
  const at = Math.min(Math.max(actionIndex, 0), Math.max(job.actions.length - 1, 0));
  const user = job.event.user;
  return {
    outcome: 'error',
    denied: null,
    error: { message, action: job.actions[at]?.name ?? '' },
    idToken: { claims: {} },
    accessToken: { claims: {}, scopes: { added: [], removed: [] } },
    user: { app_metadata: user.app_metadata ?? {}, user_metadata: user.user_metadata ?? {} },
    dropped: [],
    warnings: [],
    redirect: null,
    prompt: null,
    actions: job.actions.map((a, i) => ({ name: a.name, ran: i <= at })),
    logs: [],
    calls: [],
  };
}

/** The same for a credentials-exchange execution: no token is issued. */
export function failedExchange(job: Pick<ExchangeJob, 'actions'>, actionIndex: number, message: string): CredentialsExchangeResult {
  const at = Math.min(Math.max(actionIndex, 0), Math.max(job.actions.length - 1, 0));
  return {
    outcome: 'error',
    denied: null,
    error: { message, action: job.actions[at]?.name ?? '' },
    accessToken: { claims: {}, scope: [], scopes: { added: [], removed: [] } },
    dropped: [],
    warnings: [],
    actions: job.actions.map((a, i) => ({ name: a.name, ran: i <= at })),
    logs: [],
    calls: [],
  };
}

/** A stopped execution of any kind, as the result its caller gets. */
export function failedJob(job: ExecutionJob, actionIndex: number, message: string): JobResult {
  switch (job.kind) {
    case 'credentials-exchange':
      return { id: job.id, kind: 'credentials-exchange', result: failedExchange(job, actionIndex, message) };
    case 'parity':
      // The caller runs each side of a stopped parity job apart, to see which one it was.
      return { id: job.id, kind: 'parity', differences: [], ruleOutcome: 'error', stopped: message };
    default:
      // A login (Rules first, if any): the step that was running is named across Rules and Actions.
      return { id: job.id, kind: 'flow', result: failedFlow(jobSteps(job), actionIndex, message) };
  }
}

/** Auth0's message when an execution runs past the trigger's budget. */
export function timeoutMessage(ms: number): string {
  return `${ACTIONS_TIMEOUT_TEXT} (${ms} ms): Auth0 stops a trigger's Actions after ${ms / 1000} s in all.`;
}
