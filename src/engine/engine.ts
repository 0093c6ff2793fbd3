import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import type { EventOverrides } from '../harness/event.ts';
import type { CredentialsExchangeResult } from '../harness/credentials-exchange/result.ts';
import type { FlowResult } from '../harness/result.ts';
import type { Difference } from '../parity/compare.ts';
import type { FlowSnapshot } from '../harness/snapshot.ts';
import type { HttpStub } from '../http-stubs/fixtures.ts';
import type { EffectiveRole, UserGroup } from '../types/api.ts';
import type { CredentialsExchangeEvent } from '../types/credentials-exchange/event.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { engineCode } from './code.ts';
import type { DependencySpec, FlowJob, Job, JobResult, LoadFailure, ModuleSpec } from './protocol.ts';
import { EngineProcess } from './process.ts';
import { ENGINE_DEFAULTS, type EngineSettings } from './settings.ts';

/** One Action for the engine: its bundled code, its declared dependencies and its secret values. */
export interface EngineAction {
  name: string;
  code: string;
  /** Shown in stack traces and errors; default `<name>.js`. */
  filename?: string;
  dependencies?: ReadonlyArray<{ name: string; version: string }>;
  /** Where each declared package is installed at its version (ensureDependencies): name → package folder. */
  packages?: ReadonlyMap<string, string>;
  /** Folder whose node_modules holds the declared packages `packages` does not list. */
  resolveFrom?: string;
  secrets?: Readonly<Record<string, string>>;
}

export interface ExecuteOptions {
  /** The /continue request, used if an Action pauses the flow (redirect or prompt). */
  continueEvent?: EventOverrides;
  /** The flow's clock starts at this time (epoch ms). */
  now?: number;
  /** The clock stands still at `now` (parity: the Rule and the Action read the same moment, however long each runs). */
  frozenClock?: boolean;
  /** The trigger's time budget; default the engine's (Auth0: 20 s for the whole flow). */
  timeoutMs?: number;
  rulesExecuted?: string[];
  directory?: { roles?: EffectiveRole[]; groups?: UserGroup[] };
  /** Answer the Actions' outbound HTTP from these stubs; an unstubbed request makes execute throw ERR_HTTP_UNSTUBBED. */
  http?: readonly HttpStub[];
}

/** How one credentials-exchange execution runs. */
export interface ExchangeExecuteOptions {
  /** The execution's clock starts at this time (epoch ms). */
  now?: number;
  /** The trigger's time budget; default the engine's (Auth0: 20 s for all the Actions). */
  timeoutMs?: number;
  /** Answer the Actions' outbound HTTP from these stubs; an unstubbed request makes it throw ERR_HTTP_UNSTUBBED. */
  http?: readonly HttpStub[];
  /** The client grant's scopes: the target scopes end intersected with them. Default: event.accessToken.scope. */
  grantScopes?: readonly string[];
}

/** A flow's result and, when an Action paused it (a redirect or a prompt), the flow to resume later. */
export interface PausableResult {
  result: FlowResult;
  paused: FlowSnapshot | null;
}

/** The folder holding a package's node_modules tree: …/<entry>/node_modules/<@scope/pkg> → …/<entry>. */
function installRoot(packageDir: string, pkg: string): string {
  return path.resolve(packageDir, ...pkg.split('/').map(() => '..'), '..');
}

/** A legacy Rule for the engine: its script (`code`), the packages it requires with a version, no secrets. */
export type EngineRule = Omit<EngineAction, 'secrets'>;

export interface ExecuteRulesOptions extends ExecuteOptions {
  /** The Rules' global `configuration`. */
  configuration?: Readonly<Record<string, string>>;
  /** The Rules pipeline's own budget; default 20 s (the Actions' budget is `timeoutMs`). */
  rulesTimeoutMs?: number;
}

const modules = new WeakMap<EngineAction | EngineRule, ModuleSpec>();

/** The module an Action (or a Rule) is loaded as; cached per object, which callers reuse across executions. */
function moduleOf(a: EngineAction | EngineRule, format?: 'rule'): ModuleSpec {
  const known = modules.get(a);
  if (known && known.code === a.code && known.format === format) return known;
  const spec = specOf(a, format);
  modules.set(a, spec);
  return spec;
}

function specOf(a: EngineAction | EngineRule, format?: 'rule'): ModuleSpec {
  const dependencies: DependencySpec[] = (a.dependencies ?? []).map((d) => {
    const dir = a.packages?.get(d.name);
    return { name: d.name, version: d.version, resolveFrom: dir === undefined ? path.resolve(a.resolveFrom ?? process.cwd()) : installRoot(dir, d.name) };
  });
  const filename = a.filename ?? `${a.name}.js`;
  const hash = createHash('sha256').update(JSON.stringify([filename, a.code, dependencies, format ?? 'action'])).digest('hex').slice(0, 32);
  return { hash, filename, code: a.code, dependencies, ...(format ? { format } : {}) };
}

/** How a job names its Actions: name, module hash, and the Action's own secret values. */
function actionRefs(actions: readonly EngineAction[], modules: readonly ModuleSpec[]): FlowJob['actions'] {
  return actions.map((a, i) => ({ name: a.name, module: (modules[i] as ModuleSpec).hash, ...(a.secrets ? { secrets: { ...a.secrets } } : {}) }));
}

/** A login job's options from the caller's: the budget (the engine's by default) and what was given. */
function loginOptions(options: ExecuteOptions, timeoutMs: number): FlowJob['options'] {
  return {
    timeoutMs: options.timeoutMs ?? timeoutMs,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.frozenClock && options.now !== undefined ? { frozen: true } : {}),
    ...(options.rulesExecuted ? { rulesExecuted: options.rulesExecuted } : {}),
    ...(options.directory ? { directory: options.directory } : {}),
    ...(options.http ? { http: [...options.http] } : {}),
  };
}

/**
 * The Action engine: runs Action code isolated and bounded, as Auth0 does. Each set of Actions gets its
 * own engine processes (warm, reused; module scope runs once per process), so Actions never share a
 * process with other code. Every execution has the trigger's time budget — enforced against
 * synchronous loops too — a memory limit, and its own failure domain: whatever the Action does, the
 * host process only ever sees a result.
 */
export class ActionEngine {
  readonly settings: EngineSettings;
  private readonly pools = new Map<string, EngineProcess[]>();
  private readonly order: string[] = [];
  private nextId = 1;
  private closed = false;

  constructor(settings: Partial<EngineSettings> = {}) {
    this.settings = { ...ENGINE_DEFAULTS, ...settings };
  }

  /** Runs a post-login flow: the Actions in binding order on `event`; the result is the harness's. */
  async execute(actions: readonly EngineAction[], event: PostLoginEvent, options: ExecuteOptions = {}): Promise<FlowResult> {
    return (await this.flow(actions, event, options, {})).result;
  }

  /**
   * Runs a flow that may pause, as a server does: when an Action redirects or renders a prompt, the answer
   * carries the paused flow as plain data (`paused`), to be resumed by `resume` when the user comes back.
   */
  async start(actions: readonly EngineAction[], event: PostLoginEvent, options: Omit<ExecuteOptions, 'continueEvent'> = {}): Promise<PausableResult> {
    return this.flow(actions, event, options, { keepPaused: true });
  }

  /**
   * Resumes a paused flow with the /continue request: the pausing Action's onContinuePostLogin, then the
   * Actions after it, in a new execution (a fresh time budget). It may pause again.
   */
  async resume(actions: readonly EngineAction[], paused: FlowSnapshot, continueEvent: EventOverrides, options: Omit<ExecuteOptions, 'continueEvent'> = {}): Promise<PausableResult> {
    return this.flow(actions, paused.event, { ...options, continueEvent }, { keepPaused: true, resume: paused });
  }

  private async flow(actions: readonly EngineAction[], event: PostLoginEvent, options: ExecuteOptions, extra: Pick<FlowJob, 'keepPaused' | 'resume'>): Promise<PausableResult> {
    const modules = actions.map((a) => moduleOf(a));
    const job: Job = {
      kind: 'flow',
      id: this.nextId++,
      actions: actionRefs(actions, modules),
      event,
      ...(options.continueEvent === undefined ? {} : { continueEvent: options.continueEvent }),
      ...extra,
      options: loginOptions(options, this.settings.timeoutMs),
    };
    const r = await this.run(modules, job);
    if (r.kind === 'flow') return { result: r.result, paused: r.paused ?? null };
    if (r.kind === 'fault') throw new ClaimkitError(r.code, r.message);
    throw new ClaimkitError('ERR_ENGINE', 'The Action engine gave an unexpected answer.');
  }

  /**
   * Runs the credentials-exchange Actions of one client-credentials token request, in binding order, on
   * `event`: isolated and bounded like a login (the same time budget, memory limit and containment).
   */
  async executeCredentialsExchange(actions: readonly EngineAction[], event: CredentialsExchangeEvent, options: ExchangeExecuteOptions = {}): Promise<CredentialsExchangeResult> {
    const modules = actions.map((a) => moduleOf(a));
    const job: Job = {
      kind: 'credentials-exchange',
      id: this.nextId++,
      actions: actionRefs(actions, modules),
      event,
      options: {
        timeoutMs: options.timeoutMs ?? this.settings.timeoutMs,
        ...(options.now === undefined ? {} : { now: options.now }),
        ...(options.http ? { http: [...options.http] } : {}),
        ...(options.grantScopes ? { grantScopes: [...options.grantScopes] } : {}),
      },
    };
    const r = await this.run(modules, job);
    if (r.kind === 'credentials-exchange') return r.result;
    if (r.kind === 'fault') throw new ClaimkitError(r.code, r.message);
    throw new ClaimkitError('ERR_ENGINE', 'The Action engine gave an unexpected answer.');
  }

  /**
   * A login through legacy Rules, then Actions: the Rules in order (isolated and bounded like Actions,
   * with their own 20 s pipeline budget), then the Actions with theirs. The result is the harness's, the
   * Rules listed first in `actions`.
   */
  async executeRules(rules: readonly EngineRule[], actions: readonly EngineAction[], event: PostLoginEvent, options: ExecuteRulesOptions = {}): Promise<FlowResult> {
    const ruleModules = rules.map((r) => moduleOf(r, 'rule'));
    const actionModules = actions.map((a) => moduleOf(a));
    const job: Job = {
      kind: 'rules',
      id: this.nextId++,
      rules: rules.map((r, i) => ({ name: r.name, module: (ruleModules[i] as ModuleSpec).hash })),
      actions: actionRefs(actions, actionModules),
      event,
      configuration: { ...options.configuration },
      ...(options.continueEvent === undefined ? {} : { continueEvent: options.continueEvent }),
      options: { ...loginOptions(options, this.settings.timeoutMs), rulesTimeoutMs: options.rulesTimeoutMs ?? this.settings.timeoutMs },
    };
    const r = await this.run([...ruleModules, ...actionModules], job);
    if (r.kind === 'flow') return r.result;
    if (r.kind === 'fault') throw new ClaimkitError(r.code, r.message);
    throw new ClaimkitError('ERR_ENGINE', 'The Action engine gave an unexpected answer.');
  }

  /**
   * One login through a Rule and, apart, through an Action (claimkit parity): only their differences come
   * back. `undefined` when the engine had to stop the job: run each side apart to see which one failed.
   */
  async compareRule(rule: EngineRule, action: EngineAction, event: PostLoginEvent, options: ExecuteRulesOptions = {}): Promise<{ differences: Difference[]; ruleOutcome: FlowResult['outcome'] } | undefined> {
    const ruleModule = moduleOf(rule, 'rule');
    const actionModule = moduleOf(action);
    const job: Job = {
      kind: 'parity',
      id: this.nextId++,
      rule: { name: rule.name, module: ruleModule.hash },
      action: actionRefs([action], [actionModule])[0] as FlowJob['actions'][number],
      event,
      configuration: { ...options.configuration },
      options: { ...loginOptions(options, this.settings.timeoutMs), rulesTimeoutMs: options.rulesTimeoutMs ?? this.settings.timeoutMs },
    };
    const r = await this.run([ruleModule, actionModule], job);
    if (r.kind === 'parity') return r.stopped === undefined ? { differences: r.differences, ruleOutcome: r.ruleOutcome } : undefined;
    if (r.kind === 'fault') throw new ClaimkitError(r.code, r.message);
    throw new ClaimkitError('ERR_ENGINE', 'The Action engine gave an unexpected answer.');
  }

  /** Loads a Rule's script as Auth0 did (it must be one function expression); null when it loads. */
  async loadRule(rule: EngineRule): Promise<LoadFailure | null> {
    const module = moduleOf(rule, 'rule');
    const r = await this.run([module], { kind: 'load', id: this.nextId++, module: module.hash, timeoutMs: this.settings.timeoutMs });
    if (r.kind === 'load') return r.failure;
    return { code: 'ERR_RULE_LOAD', message: r.kind === 'fault' ? r.message : 'unexpected answer' };
  }

  /** Loads an Action as Auth0's loader does (module scope, the trigger's handlers); null when it loads. */
  async load(action: EngineAction, trigger = 'post-login'): Promise<LoadFailure | null> {
    const module = moduleOf(action);
    const r = await this.run([module], { kind: 'load', id: this.nextId++, module: module.hash, timeoutMs: this.settings.timeoutMs, ...(trigger === 'post-login' ? {} : { trigger }) });
    if (r.kind === 'load') return r.failure;
    return { code: 'ERR_ACTION_LOAD', message: r.kind === 'fault' ? r.message : 'unexpected answer' };
  }

  /** Stops every engine process. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.all(all.map((p) => new Promise<void>((resolve) => {
      if (p.dead) return resolve();
      p.child.once('exit', () => resolve());
      p.kill();
    })));
  }

  private async run(modules: readonly ModuleSpec[], job: Job): Promise<JobResult> {
    if (this.closed) throw new ClaimkitError('ERR_ENGINE', 'The Action engine is closed.');
    const code = await engineCode();
    if (this.closed) throw new ClaimkitError('ERR_ENGINE', 'The Action engine is closed.');
    // From here to the eviction nothing awaits: the process chosen gets its job before any other call
    // can see it idle and stop it (many Actions built at once once lost their processes that way).
    const proc = this.processFor(code, modules);
    proc.define(modules);
    const result = new Promise<JobResult>((resolve) => proc.submit(job, resolve));
    this.evict();
    return result;
  }

  private processFor(code: { supervisor: string; executor: string }, modules: readonly ModuleSpec[]): EngineProcess {
    const key = modules.map((m) => m.hash).sort().join(',');
    let pool = this.pools.get(key);
    if (!pool) {
      pool = [];
      this.pools.set(key, pool);
    }
    this.touch(key);
    const least = pool.reduce<EngineProcess | undefined>((best, p) => (best === undefined || p.load < best.load ? p : best), undefined);
    if (least && (least.load === 0 || pool.length >= this.settings.processesPerFlow)) return least;
    const readPaths = [...new Set(modules.flatMap((m) => m.dependencies.map((d) => path.join(d.resolveFrom, 'node_modules'))))];
    const { memoryMb, graceMs, trustedCaFile } = this.settings;
    const proc = new EngineProcess(
      { supervisor: code.supervisor, executor: code.executor, memoryMb, graceMs, readPaths, ...(trustedCaFile === undefined ? {} : { trustedCaFile }) },
      (p) => this.forget(key, p),
    );
    pool.push(proc);
    return proc;
  }

  private touch(key: string): void {
    const i = this.order.indexOf(key);
    if (i !== -1) this.order.splice(i, 1);
    this.order.push(key);
  }

  /** Keeps at most `maxProcesses` engine processes: the least recently used idle ones go first. */
  private evict(): void {
    let total = [...this.pools.values()].reduce((n, p) => n + p.length, 0);
    for (const key of [...this.order]) {
      if (total <= this.settings.maxProcesses) return;
      const pool = this.pools.get(key) ?? [];
      for (const p of pool.filter((q) => q.load === 0)) {
        // Out of the pool at once: it dies later (its 'exit'), and no job may be given to it meanwhile.
        this.forget(key, p);
        p.kill();
        total--;
        if (total <= this.settings.maxProcesses) return;
      }
    }
  }

  private forget(key: string, p: EngineProcess): void {
    const pool = this.pools.get(key);
    if (!pool) return;
    const i = pool.indexOf(p);
    if (i !== -1) pool.splice(i, 1);
    if (pool.length === 0) {
      this.pools.delete(key);
      const j = this.order.indexOf(key);
      if (j !== -1) this.order.splice(j, 1);
    }
  }
}

let shared: ActionEngine | undefined;

/** The process-wide engine (its processes never keep the host alive when idle). */
export function sharedEngine(): ActionEngine {
  shared ??= new ActionEngine({ processesPerFlow: Math.max(1, Math.min(4, os.availableParallelism())) });
  return shared;
}
