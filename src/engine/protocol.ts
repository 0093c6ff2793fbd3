// Messages between the host (ActionEngine), the supervisor (main thread of each engine process) and
// the executor (a worker thread inside that process, where Action code runs). All plain data: the
// host ↔ supervisor leg is JSON over the IPC channel, the supervisor ↔ executor leg structured clone.
import type { EventOverrides } from '../harness/event.ts';
import type { FlowResult } from '../harness/result.ts';
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
}

export interface FlowJob {
  kind: 'flow';
  id: number;
  /** Module hashes in binding order, with each Action's name and secrets. */
  actions: Array<{ name: string; module: string; secrets?: Record<string, string> }>;
  event: PostLoginEvent;
  /** The /continue request, used when an Action pauses the flow. */
  continueEvent?: EventOverrides;
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
  | { id: number; kind: 'flow'; result: FlowResult }
  | { id: number; kind: 'load'; failure: LoadFailure | null }
  /** The job could not run at all (not the Action's fault): an engine error. */
  | { id: number; kind: 'fault'; message: string };

/** Host → supervisor. */
export type HostMessage =
  | { t: 'init'; supervisor: string; executor: string; memoryMb: number; graceMs: number }
  | { t: 'define'; modules: ModuleSpec[] }
  | { t: 'jobs'; jobs: Job[] };

/** Supervisor → host. */
export type SupervisorMessage = { t: 'results'; results: JobResult[] } | { t: 'ready' };

/** Supervisor → executor. */
export type ExecutorInbound = { t: 'define'; modules: ModuleSpec[] } | { t: 'jobs'; jobs: Array<Job & { slot: number }> };

/** Executor → supervisor. */
export type ExecutorOutbound = { t: 'results'; results: JobResult[] };
