// The executor: a worker thread inside an engine process, where Action code runs. It keeps the loaded
// modules (module scope runs once per executor, as on a warm Auth0 instance), runs jobs concurrently,
// and writes which Action of each job is running into shared memory so that the supervisor can name
// it if the thread has to be stopped (a synchronous loop, the memory limit).
import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { isClaimkitError } from '../../errors.ts';
import { continuePostLogin, runPostLogin, type NamedAction } from '../../harness/run.ts';
import type { FlowResult } from '../../harness/result.ts';
import type { HarnessOptions } from '../../harness/state.ts';
import type { PostLoginAction } from '../../types/action.ts';
import { failedFlow } from '../failure.ts';
import { transferable } from '../frames.ts';
import { jobSteps, type ExecutorInbound, type FlowJob, type Job, type JobResult, type LoadJob, type ModuleSpec, type ParityJob, type RulesJob } from '../protocol.ts';
import { compareResults } from '../../parity/compare.ts';
import { compileRule, type RuleFactory } from '../../rules/compile.ts';
import { ruleRequire } from '../../rules/require.ts';
import { continueRules, rulesPaused, runRules } from '../../rules/run.ts';
import { LoadError, loadModule } from './module.ts';
import { installClock } from './clock.ts';
import { containProcess } from './process.ts';

interface Running {
  job: FlowJob | RulesJob | ParityJob;
  slot: number;
  action: number;
  done: boolean;
  /** The flow's clock minus the real one (claimkit run --now). */
  offset: number;
}

const port = parentPort;
if (!port) throw new Error('the executor runs in a worker thread');
const marks = new Int32Array((workerData as { marks: SharedArrayBuffer }).marks);
const specs = new Map<string, ModuleSpec>();
const loaded = new Map<string, PostLoginAction | LoadError>();
const loadedRules = new Map<string, RuleFactory | LoadError>();
const current = new AsyncLocalStorage<Running>();
let outbox: JobResult[] = [];

function send(result: JobResult): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(result);
}
function flush(): void {
  const results = outbox;
  outbox = [];
  const payload = transferable(Buffer.from(JSON.stringify(results)));
  port?.postMessage({ t: 'results', ids: results.map((r) => r.id), payload }, [payload]);
}

function moduleFor(hash: string): PostLoginAction | LoadError {
  let m = loaded.get(hash);
  if (m) return m;
  const spec = specs.get(hash);
  if (!spec) return new LoadError({ code: 'ERR_ACTION_LOAD', message: 'The engine was not given this Action\'s code.' });
  try {
    m = loadModule(spec);
  } catch (err) {
    m = err instanceof LoadError ? err : new LoadError({ code: 'ERR_ACTION_LOAD', message: String(err) });
  }
  loaded.set(hash, m);
  return m;
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

/** A Rule marks itself as the running step when the pipeline evaluates it for its call. */
function markedRule(run: Running, index: number, r: RuleFactory | LoadError): RuleFactory {
  return (globals) => {
    run.action = index;
    Atomics.store(marks, run.slot, index + 1);
    if (r instanceof LoadError) throw new Error(r.message);
    return r(globals);
  };
}

/** Each handler marks its Action as the running one before the Action's code runs. */
function marked(run: Running, index: number, mod: PostLoginAction | LoadError): PostLoginAction {
  const enter = () => {
    run.action = index;
    Atomics.store(marks, run.slot, index + 1);
  };
  if (mod instanceof LoadError) {
    // Auth0 fails the login when a bound Action cannot load.
    const fail = async () => {
      enter();
      throw new Error(mod.message);
    };
    return { onExecutePostLogin: fail };
  }
  const out: PostLoginAction = { onExecutePostLogin: async (event, api) => (enter(), mod.onExecutePostLogin(event, api)) };
  const cont = mod.onContinuePostLogin;
  if (cont) out.onContinuePostLogin = async (event, api) => (enter(), cont(event, api));
  return out;
}

/** The harness refused the run itself (an unstubbed request, an invalid input): the caller's error. */
function refuse(run: Running, err: unknown): void {
  if (isClaimkitError(err)) {
    if (!run.done) {
      run.done = true;
      Atomics.store(marks, run.slot, 0);
      send({ id: run.job.id, kind: 'fault', code: err.code, message: err.message });
    }
  } else finish(run, failedFlow(jobSteps(run.job), run.action, err instanceof Error ? err.message : String(err)));
}

function finish(run: Running, result: FlowResult): void {
  if (run.done) return;
  run.done = true;
  Atomics.store(marks, run.slot, 0);
  // A parity job that failed as a whole (a stray error, process.exit): the caller runs each side apart.
  if (run.job.kind === 'parity') send({ id: run.job.id, kind: 'parity', differences: [], ruleOutcome: 'error', stopped: result.error?.message ?? 'stopped' });
  else send({ id: run.job.id, kind: 'flow', result });
}

/** The Rule and the Action on one login, one after the other; only their differences go back. */
async function runParityJob(job: ParityJob, slot: number): Promise<void> {
  const offset = job.options.now === undefined ? 0 : job.options.now - Date.now();
  const run: Running = { job, slot, action: 0, done: false, offset };
  await current.run(run, async () => {
    const options = harnessOptions(job.options);
    try {
      const rule = await runRules([{ name: job.rule.name, factory: markedRule(run, 0, ruleFor(job.rule.module)) }], job.event, { ...options, rulesTimeoutMs: job.options.rulesTimeoutMs, configuration: job.configuration });
      const action = await runPostLogin([{ name: job.action.name, action: marked(run, 1, moduleFor(job.action.module)), ...(job.action.secrets ? { secrets: job.action.secrets } : {}) }], job.event, options);
      if (run.done) return;
      run.done = true;
      Atomics.store(marks, run.slot, 0);
      send({ id: job.id, kind: 'parity', differences: compareResults(rule, action), ruleOutcome: rule.outcome });
    } catch (err) {
      refuse(run, err);
    }
  });
}

/** The harness options of a job: its budget, its clock (the executor's Date already follows the job's), stubs. */
function harnessOptions(o: FlowJob['options']): HarnessOptions {
  return {
    timeoutMs: o.timeoutMs,
    now: () => Date.now(),
    ...(o.rulesExecuted ? { rulesExecuted: o.rulesExecuted } : {}),
    ...(o.directory ? { directory: o.directory } : {}),
    ...(o.http ? { http: o.http } : {}),
  };
}

async function runFlow(job: FlowJob, slot: number): Promise<void> {
  const offset = job.options.now === undefined ? 0 : job.options.now - Date.now();
  const run: Running = { job, slot, action: 0, done: false, offset };
  await current.run(run, async () => {
    const actions: NamedAction[] = job.actions.map((a, i) => ({ name: a.name, action: marked(run, i, moduleFor(a.module)), ...(a.secrets ? { secrets: a.secrets } : {}) }));
    try {
      let result = await runPostLogin(actions, job.event, harnessOptions(job.options));
      if (job.continueEvent !== undefined && !run.done && (result.redirect || result.prompt)) result = await continuePostLogin(result, job.continueEvent);
      finish(run, result);
    } catch (err) {
      refuse(run, err);
    }
  });
}

/** Rules in order, then the Actions: the same containment, the failing step named across both. */
async function runRulesJob(job: RulesJob, slot: number): Promise<void> {
  const offset = job.options.now === undefined ? 0 : job.options.now - Date.now();
  const run: Running = { job, slot, action: 0, done: false, offset };
  await current.run(run, async () => {
    const rules = job.rules.map((r, i) => ({ name: r.name, factory: markedRule(run, i, ruleFor(r.module)) }));
    const actions: NamedAction[] = job.actions.map((a, i) => ({ name: a.name, action: marked(run, job.rules.length + i, moduleFor(a.module)), ...(a.secrets ? { secrets: a.secrets } : {}) }));
    const options = { ...harnessOptions(job.options), rulesTimeoutMs: job.options.rulesTimeoutMs, configuration: job.configuration, actions };
    try {
      let result = await runRules(rules, job.event, options);
      if (job.continueEvent !== undefined && !run.done && (result.redirect || result.prompt)) {
        result = rulesPaused(result) ? await continueRules(result, job.continueEvent) : await continuePostLogin(result, job.continueEvent);
      }
      finish(run, result);
    } catch (err) {
      refuse(run, err);
    }
  });
}

function runLoad(job: LoadJob, slot: number): void {
  Atomics.store(marks, slot, 1);
  if (specs.get(job.module)?.format === 'rule') {
    const r = ruleFor(job.module);
    Atomics.store(marks, slot, 0);
    send({ id: job.id, kind: 'load', failure: r instanceof LoadError ? r.failure : null });
    return;
  }
  const m = moduleFor(job.module);
  Atomics.store(marks, slot, 0);
  send({ id: job.id, kind: 'load', failure: m instanceof LoadError ? m.failure : null });
}

installClock(() => current.getStore()?.offset ?? 0);

// An error the Action did not catch (a throwing timer, an unhandled rejection) or a call to
// process.exit fails that Action's execution, found through the async context it came from.
containProcess((message) => {
  const run = current.getStore();
  if (run) finish(run, failedFlow(jobSteps(run.job), run.action, message));
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
    else if (job.kind === 'rules') void runRulesJob(job, slot);
    else if (job.kind === 'parity') void runParityJob(job, slot);
    else void runFlow(job, slot);
  }
});
