// The executor: a worker thread inside an engine process, where Action code runs. It keeps the loaded
// modules (module scope runs once per executor, as on a warm Auth0 instance), runs jobs concurrently,
// and writes which Action of each job is running into shared memory so that the supervisor can name
// it if the thread has to be stopped (a synchronous loop, the memory limit).
import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { isClaimkitError } from '../../errors.ts';
import { runCredentialsExchange } from '../../harness/credentials-exchange/run.ts';
import { continuePostLogin, pausedFlow, resumePostLogin, runPostLogin, type NamedAction } from '../../harness/run.ts';
import type { HarnessOptions } from '../../harness/state.ts';
import { compareResults } from '../../parity/compare.ts';
import { compileRule, type RuleFactory } from '../../rules/compile.ts';
import { ruleRequire } from '../../rules/require.ts';
import { continueRules, rulesPaused, runRules } from '../../rules/run.ts';
import type { PostLoginAction } from '../../types/action.ts';
import type { CredentialsExchangeAction } from '../../types/credentials-exchange/action.ts';
import { failedJob } from '../failure.ts';
import { transferable } from '../frames.ts';
import type { ExchangeJob, ExecutionJob, ExecutorInbound, FlowJob, Job, JobResult, LoadJob, ModuleSpec, ParityJob, RulesJob } from '../protocol.ts';
import { encodeResult } from './encode.ts';
import { evaluateModule, LoadError, triggerFailure, type ModuleExports } from './module.ts';
import { installClock } from './clock.ts';
import { containProcess } from './process.ts';

interface Running {
  job: ExecutionJob;
  slot: number;
  action: number;
  done: boolean;
  /** The flow's clock minus the real one (claimkit run --now). */
  offset: number;
  /** The flow's clock stands still at this time (parity: both sides see the same moment). */
  frozen?: number;
}

const port = parentPort;
if (!port) throw new Error('the executor runs in a worker thread');
const marks = new Int32Array((workerData as { marks: SharedArrayBuffer }).marks);
const specs = new Map<string, ModuleSpec>();
const loaded = new Map<string, ModuleExports | LoadError>();
const loadedRules = new Map<string, RuleFactory | LoadError>();
const current = new AsyncLocalStorage<Running>();
/** Results waiting to go, each already JSON (see encodeResult). */
let outbox: Array<{ id: number; json: string }> = [];

function send(id: number, json: string): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push({ id, json });
}
function flush(): void {
  const results = outbox;
  outbox = [];
  const payload = transferable(Buffer.from(`[${results.map((r) => r.json).join(',')}]`));
  port?.postMessage({ t: 'results', ids: results.map((r) => r.id), payload }, [payload]);
}

/** The module's exports, its scope run once per executor whatever trigger asks for it. */
function evaluated(hash: string): ModuleExports | LoadError {
  let m = loaded.get(hash);
  if (m) return m;
  const spec = specs.get(hash);
  if (!spec) return new LoadError({ code: 'ERR_ACTION_LOAD', message: 'The engine was not given this Action\'s code.' });
  try {
    m = evaluateModule(spec);
  } catch (err) {
    m = err instanceof LoadError ? err : new LoadError({ code: 'ERR_ACTION_LOAD', message: String(err) });
  }
  loaded.set(hash, m);
  return m;
}

/** The module checked for a trigger's handlers, as Auth0's loader does. */
function moduleFor(hash: string, trigger: string): ModuleExports | LoadError {
  const m = evaluated(hash);
  if (m instanceof LoadError) return m;
  const failure = triggerFailure(m, trigger);
  return failure ? new LoadError(failure) : m;
}

/** A Rule's script compiled once, with its own `require` (its versioned packages). */
function ruleFor(hash: string): RuleFactory | LoadError {
  let r = loadedRules.get(hash);
  if (r) return r;
  const spec = specs.get(hash);
  if (!spec) r = new LoadError({ code: 'ERR_RULE_LOAD', message: "The engine was not given this Rule's script." });
  else {
    try {
      const factory = compileRule(spec.code, spec.filename);
      const require = ruleRequire(spec.dependencies);
      // Evaluated once as the loader would: the script must be a function.
      factory({ require, configuration: {}, global: {}, UnauthorizedError: Error, auth0: {}, console });
      r = (globals) => factory({ ...globals, require });
    } catch (err) {
      r = new LoadError({ code: 'ERR_RULE_LOAD', message: isClaimkitError(err) ? err.detail : String(err), ...(isClaimkitError(err) && err.location?.line !== undefined ? { line: err.location.line } : {}) });
    }
  }
  loadedRules.set(hash, r);
  return r;
}

/** Marks the Action as the running one, then runs its code: each handler calls this first. */
function entering(run: Running, index: number): void {
  run.action = index;
  Atomics.store(marks, run.slot, index + 1);
}

/** A module that did not load: Auth0 fails the execution when a bound Action cannot load. */
const failing = (run: Running, index: number, mod: LoadError) => async () => {
  entering(run, index);
  throw new Error(mod.message);
};

function markedPostLogin(run: Running, index: number, mod: ModuleExports | LoadError): PostLoginAction {
  if (mod instanceof LoadError) return { onExecutePostLogin: failing(run, index, mod) };
  const action = mod as unknown as PostLoginAction;
  const out: PostLoginAction = { onExecutePostLogin: async (event, api) => (entering(run, index), action.onExecutePostLogin(event, api)) };
  const cont = action.onContinuePostLogin;
  if (cont) out.onContinuePostLogin = async (event, api) => (entering(run, index), cont(event, api));
  return out;
}

/** A Rule marks itself as the running step when the pipeline evaluates it for its call. */
function markedRule(run: Running, index: number, r: RuleFactory | LoadError): RuleFactory {
  return (globals) => {
    entering(run, index);
    if (r instanceof LoadError) throw new Error(r.message);
    return r(globals);
  };
}

function markedExchange(run: Running, index: number, mod: ModuleExports | LoadError): CredentialsExchangeAction {
  if (mod instanceof LoadError) return { onExecuteCredentialsExchange: failing(run, index, mod) };
  const action = mod as unknown as CredentialsExchangeAction;
  return { onExecuteCredentialsExchange: async (event, api) => (entering(run, index), action.onExecuteCredentialsExchange(event, api)) };
}

function settle(run: Running, result: JobResult): void {
  if (run.done) return;
  run.done = true;
  // Encoded while the job is still marked as running: a toJSON that loops is stopped like any loop.
  const json = encodeResult(run.job, result, run.action);
  Atomics.store(marks, run.slot, 0);
  send(result.id, json);
}

const named = <A>(actions: FlowJob['actions'], action: (index: number, hash: string) => A) =>
  actions.map((a, i) => ({ name: a.name, action: action(i, a.module), ...(a.secrets ? { secrets: a.secrets } : {}) }));

/** The harness options of a login job: its budget, its clock (the executor's Date already follows the job's), stubs. */
function harnessOptions(o: FlowJob['options']): HarnessOptions {
  return {
    timeoutMs: o.timeoutMs,
    now: () => Date.now(),
    ...(o.rulesExecuted ? { rulesExecuted: o.rulesExecuted } : {}),
    ...(o.directory ? { directory: o.directory } : {}),
    ...(o.http ? { http: o.http } : {}),
  };
}

const postLoginActions = (run: Running, actions: FlowJob['actions'], first = 0): NamedAction[] =>
  named(actions, (i, hash) => markedPostLogin(run, first + i, moduleFor(hash, 'post-login')));

/**
 * A login: from the start, or resumed from a paused flow (a server's /continue). A job that keeps its
 * pause answers with the paused flow as plain data; otherwise a pause is continued at once when the job
 * carries the /continue request (claimkit run --continue).
 */
async function executeFlow(job: FlowJob, run: Running): Promise<JobResult> {
  const actions = postLoginActions(run, job.actions);
  const options = harnessOptions(job.options);
  let result = job.resume ? await resumePostLogin(actions, job.resume, job.continueEvent, options) : await runPostLogin(actions, job.event, options);
  if (!job.resume && !job.keepPaused && job.continueEvent !== undefined && !run.done && (result.redirect || result.prompt)) result = await continuePostLogin(result, job.continueEvent);
  const paused = job.keepPaused && (result.redirect || result.prompt) ? pausedFlow(result) : null;
  return { id: job.id, kind: 'flow', result, ...(paused ? { paused } : {}) };
}

/** Rules in order, then the Actions: the same containment, the failing step named across both. */
async function executeRules(job: RulesJob, run: Running): Promise<JobResult> {
  const rules = job.rules.map((r, i) => ({ name: r.name, factory: markedRule(run, i, ruleFor(r.module)) }));
  const actions = postLoginActions(run, job.actions, job.rules.length);
  let result = await runRules(rules, job.event, { ...harnessOptions(job.options), rulesTimeoutMs: job.options.rulesTimeoutMs, configuration: job.configuration, actions });
  if (job.continueEvent !== undefined && !run.done && (result.redirect || result.prompt)) {
    result = rulesPaused(result) ? await continueRules(result, job.continueEvent) : await continuePostLogin(result, job.continueEvent);
  }
  return { id: job.id, kind: 'flow', result };
}

/** The Rule and the Action on one login, one after the other; only their differences go back. */
async function executeParity(job: ParityJob, run: Running): Promise<JobResult> {
  const options = harnessOptions(job.options);
  const rule = await runRules([{ name: job.rule.name, factory: markedRule(run, 0, ruleFor(job.rule.module)) }], job.event, { ...options, rulesTimeoutMs: job.options.rulesTimeoutMs, configuration: job.configuration });
  const action = await runPostLogin(postLoginActions(run, [job.action], 1), job.event, options);
  return { id: job.id, kind: 'parity', differences: compareResults(rule, action), ruleOutcome: rule.outcome };
}

async function executeExchange(job: ExchangeJob, run: Running): Promise<JobResult> {
  const actions = named(job.actions, (i, hash) => markedExchange(run, i, moduleFor(hash, 'credentials-exchange')));
  const options = {
    timeoutMs: job.options.timeoutMs,
    now: () => Date.now(),
    ...(job.options.http ? { http: job.options.http } : {}),
    ...(job.options.grantScopes ? { grantScopes: job.options.grantScopes } : {}),
  };
  return { id: job.id, kind: 'credentials-exchange', result: await runCredentialsExchange(actions, job.event, options) };
}

/** How each kind of job runs. */
const EXECUTE: { [K in ExecutionJob['kind']]: (job: Extract<ExecutionJob, { kind: K }>, run: Running) => Promise<JobResult> } = {
  flow: executeFlow,
  'credentials-exchange': executeExchange,
  rules: executeRules,
  parity: executeParity,
};

async function runJob(job: ExecutionJob, slot: number): Promise<void> {
  const offset = job.options.now === undefined ? 0 : job.options.now - Date.now();
  const run: Running = { job, slot, action: 0, done: false, offset, ...('frozen' in job.options && job.options.frozen && job.options.now !== undefined ? { frozen: job.options.now } : {}) };
  await current.run(run, async () => {
    try {
      settle(run, await EXECUTE[job.kind](job as never, run));
    } catch (err) {
      // The harness refused the run itself (an unstubbed request, an invalid input): the caller's error.
      if (isClaimkitError(err)) settle(run, { id: job.id, kind: 'fault', code: err.code, message: err.message });
      else settle(run, failedJob(job, run.action, err instanceof Error ? err.message : String(err)));
    }
  });
}

function runLoad(job: LoadJob, slot: number): void {
  Atomics.store(marks, slot, 1);
  const m = specs.get(job.module)?.format === 'rule' ? ruleFor(job.module) : moduleFor(job.module, job.trigger ?? 'post-login');
  Atomics.store(marks, slot, 0);
  const result: JobResult = { id: job.id, kind: 'load', failure: m instanceof LoadError ? m.failure : null };
  send(job.id, JSON.stringify(result));
}

installClock((real) => {
  const run = current.getStore();
  return run?.frozen ?? real + (run?.offset ?? 0);
});

// An error the Action did not catch (a throwing timer, an unhandled rejection) or a call to
// process.exit fails that Action's execution, found through the async context it came from.
containProcess((message) => {
  const run = current.getStore();
  if (run) settle(run, failedJob(run.job, run.action, message));
  return run !== undefined;
});

const parse = (payload: ArrayBuffer): unknown => JSON.parse(Buffer.from(payload).toString('utf8'));

port.on('message', (msg: ExecutorInbound) => {
  if (msg.t === 'define') {
    for (const m of parse(msg.payload) as ModuleSpec[]) specs.set(m.hash, m);
    return;
  }
  for (const job of parse(msg.payload) as Job[]) {
    const slot = msg.slots[job.id] ?? 0;
    if (job.kind === 'load') runLoad(job, slot);
    else void runJob(job, slot);
  }
});
