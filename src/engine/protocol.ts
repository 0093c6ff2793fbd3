// Messages between the host (ActionEngine), the supervisor (main thread of each engine process) and
// the executor (a worker thread inside that process, where Action code runs). All plain data: the
// host ↔ supervisor leg is JSON over the IPC channel, the supervisor ↔ executor leg structured clone.
import type { ClaimkitErrorCode } from '../errors.ts';
import type { EventOverrides } from '../harness/event.ts';
import type { HttpStub } from '../http-stubs/fixtures.ts';
import type { FlowResult } from '../harness/result.ts';
import type { CredentialsExchangeResult } from '../harness/credentials-exchange/result.ts';
import type { Difference } from '../parity/compare.ts';
import type { FlowSnapshot } from '../harness/snapshot.ts';
import type { EffectiveRole, UserGroup } from '../types/api.ts';
import type { CredentialsExchangeEvent } from '../types/credentials-exchange/event.ts';
import type { PostLoginEvent } from '../types/event.ts';

/** Action code as the engine runs it: one CommonJS bundle, keywords already replaced. */
export interface ModuleSpec {
  /** Content hash of everything below: the module cache key. */
  hash: string;
  /** File name shown in stack traces and errors. */
  filename: string;
  code: string;
  /** Declared npm packages (tenant.yaml `dependencies`), the only ones `require` finds, each with the
   * folder whose node_modules holds it at that version. */
  dependencies: ReadonlyArray<DependencySpec>;
  /** 'rule': a legacy Rule's script (one function expression), not a CommonJS module. */
  format?: 'rule';
}

export interface DependencySpec {
  name: string;
  version: string;
  resolveFrom: string;
}

export interface FlowOptions {
  /** The trigger's time budget for the whole execution (Auth0: 20 s). */
  timeoutMs: number;
  /** Epoch milliseconds the flow's clock starts at; default: the real clock. */
  now?: number;
  /** The clock stands still at `now` instead of running on from it (parity). */
  frozen?: boolean;
  rulesExecuted?: string[];
  directory?: { roles?: EffectiveRole[]; groups?: UserGroup[] };
  /** Answer the Actions' outbound HTTP from these stubs (claimkit run --http). */
  http?: HttpStub[];
}

export interface FlowJob {
  kind: 'flow';
  id: number;
  /** Module hashes in binding order, with each Action's name and secrets. */
  actions: Array<{ name: string; module: string; secrets?: Record<string, string> }>;
  event: PostLoginEvent;
  /** The /continue request, used when an Action pauses the flow. */
  continueEvent?: EventOverrides;
  /** Resume this paused flow (with continueEvent as the /continue request) instead of starting one. */
  resume?: FlowSnapshot;
  /** Answer a flow that pauses with its snapshot, to be resumed by a later job. */
  keepPaused?: boolean;
  options: FlowOptions;
}

/** The credentials-exchange Actions of one client-credentials token request. */
export interface ExchangeJob {
  kind: 'credentials-exchange';
  id: number;
  actions: FlowJob['actions'];
  event: CredentialsExchangeEvent;
  options: Pick<FlowOptions, 'timeoutMs' | 'now' | 'http'> & {
    /** The client grant's scopes (the target scopes end intersected with them); default: event.accessToken.scope. */
    grantScopes?: string[];
  };
}

export interface LoadJob {
  kind: 'load';
  id: number;
  module: string;
  timeoutMs: number;
  /** The trigger whose handlers the loader checks (any of src/triggers.ts); post-login when absent. */
  trigger?: string;
}

/** A login through legacy Rules (in order, before the Actions), then the post-login Actions. */
export interface RulesJob {
  kind: 'rules';
  id: number;
  rules: Array<{ name: string; module: string }>;
  actions: FlowJob['actions'];
  event: PostLoginEvent;
  /** The Rules' global `configuration`. */
  configuration: Record<string, string>;
  continueEvent?: EventOverrides;
  /** `timeoutMs` is the Actions' budget; the Rules pipeline has its own, `rulesTimeoutMs`. */
  options: FlowOptions & { rulesTimeoutMs: number };
}

/**
 * Parity (claimkit parity): one login through a Rule and, apart, through an Action; the answer is only
 * how they differ, so thousands of logins cost one event each way instead of two full results.
 */
export interface ParityJob {
  kind: 'parity';
  id: number;
  rule: { name: string; module: string };
  action: { name: string; module: string; secrets?: Record<string, string> };
  event: PostLoginEvent;
  configuration: Record<string, string>;
  options: FlowOptions & { rulesTimeoutMs: number };
}

/** A job that runs code (as opposed to loading it). */
export type ExecutionJob = FlowJob | ExchangeJob | RulesJob | ParityJob;
export type Job = ExecutionJob | LoadJob;

/**
 * What the supervisor enforces for a job (the grace period comes on top of each budget): `timeoutMs` for
 * the job, or — for a job whose first steps are legacy Rules — `rules.timeoutMs` while one of its first
 * `rules.steps` steps runs, then `timeoutMs` for the Actions, counted from when they start.
 */
export interface JobBudget {
  id: number;
  kind: Job['kind'];
  timeoutMs: number;
  rules?: { steps: number; timeoutMs: number };
}

export function jobBudget(job: Job): JobBudget {
  const base = { id: job.id, kind: job.kind };
  if (job.kind === 'load') return { ...base, timeoutMs: job.timeoutMs };
  if (job.kind === 'rules') return { ...base, timeoutMs: job.options.timeoutMs, rules: { steps: job.rules.length, timeoutMs: job.options.rulesTimeoutMs } };
  if (job.kind === 'parity') return { ...base, timeoutMs: job.options.timeoutMs, rules: { steps: 1, timeoutMs: job.options.rulesTimeoutMs } };
  return { ...base, timeoutMs: job.options.timeoutMs };
}

/** The names of everything a login job runs, in order (Rules first): what a failure is attributed to. */
export function jobSteps(job: FlowJob | RulesJob | ParityJob): Pick<FlowJob, 'actions' | 'event'> {
  if (job.kind === 'parity') return { actions: [job.rule, job.action], event: job.event };
  return job.kind === 'rules' ? { actions: [...job.rules, ...job.actions], event: job.event } : job;
}

/** What the loader said about a module: fine, or Auth0's load error. */
export interface LoadFailure {
  code: 'ERR_ACTION_LOAD' | 'ERR_ACTION_NO_HANDLER' | 'ERR_ACTION_NOT_ASYNC' | 'ERR_RULE_LOAD';
  message: string;
  line?: number;
}

export type JobResult =
  | { id: number; kind: 'flow'; result: FlowResult; paused?: FlowSnapshot }
  | { id: number; kind: 'credentials-exchange'; result: CredentialsExchangeResult }
  | { id: number; kind: 'load'; failure: LoadFailure | null }
  /** A parity job: how the Rule's and the Action's results differ (empty: they agree), or why it stopped. */
  | { id: number; kind: 'parity'; differences: Difference[]; ruleOutcome: FlowResult['outcome']; stopped?: string }
  /** The job could not run at all (not the Action's fault): an engine error. */
  | { id: number; kind: 'fault'; code: ClaimkitErrorCode; message: string };

/** How the supervisor stopped a job the executor could not finish: the host turns it into a result. */
export interface Stop {
  id: number;
  /** Index of the Action that was running (from the executor's marks), -1 if none had started. */
  action: number;
  message: string;
}

/** Host → supervisor, over IPC, once: the code to run. */
export interface InitMessage {
  t: 'init';
  supervisor: string;
  executor: string;
  memoryMb: number;
  graceMs: number;
}

/** Host → supervisor frame headers; payloads are JSON of ModuleSpec[] and Job[]. */
export type HostHeader = { t: 'define' } | { t: 'jobs'; jobs: JobBudget[] };

/** Supervisor → host frame headers; a results payload is JSON of JobResult[]. */
export type SupervisorHeader = { t: 'results' } | { t: 'stopped'; stops: Stop[] };

/** Supervisor → executor (payloads transferred, not copied). */
export type ExecutorInbound = { t: 'define'; payload: ArrayBuffer } | { t: 'jobs'; slots: Record<number, number>; payload: ArrayBuffer };

/** Executor → supervisor. */
export interface ExecutorOutbound {
  t: 'results';
  ids: number[];
  payload: ArrayBuffer;
}
