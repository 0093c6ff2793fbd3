// Messages between the host (ActionEngine), the supervisor (main thread of each engine process) and
// the executor (a worker thread inside that process, where Action code runs). All plain data: the
// host ↔ supervisor leg is JSON over the IPC channel, the supervisor ↔ executor leg structured clone.
import type { ClaimkitErrorCode } from '../errors.ts';
import type { EventOverrides } from '../harness/event.ts';
import type { HttpStub } from '../http-stubs/fixtures.ts';
import type { FlowResult } from '../harness/result.ts';
import type { FlowSnapshot } from '../harness/snapshot.ts';
import type { EffectiveRole, UserGroup } from '../types/api.ts';
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

export interface LoadJob {
  kind: 'load';
  id: number;
  module: string;
  timeoutMs: number;
}

export type Job = FlowJob | LoadJob;

/** What the loader said about a module: fine, or Auth0's load error. */
export interface LoadFailure {
  code: 'ERR_ACTION_LOAD' | 'ERR_ACTION_NO_HANDLER' | 'ERR_ACTION_NOT_ASYNC';
  message: string;
  line?: number;
}

export type JobResult =
  | { id: number; kind: 'flow'; result: FlowResult; paused?: FlowSnapshot }
  | { id: number; kind: 'load'; failure: LoadFailure | null }
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
export type HostHeader = { t: 'define' } | { t: 'jobs'; jobs: Array<{ id: number; timeoutMs: number; kind: Job['kind'] }> };

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
