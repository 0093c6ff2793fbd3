// The executor: a worker thread inside an engine process, where Action code runs. It keeps the loaded
// modules (module scope runs once per executor, as on a warm Auth0 instance), runs jobs concurrently,
// and writes which Action of each job is running into shared memory so that the supervisor can name
// it if the thread has to be stopped (a synchronous loop, the memory limit).
import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { isClaimkitError } from '../../errors.ts';
import { runCredentialsExchange } from '../../harness/credentials-exchange/run.ts';
import { continuePostLogin, runPostLogin, type NamedAction } from '../../harness/run.ts';
import type { PostLoginAction } from '../../types/action.ts';
import type { CredentialsExchangeAction } from '../../types/credentials-exchange/action.ts';
import { failedJob } from '../failure.ts';
import { transferable } from '../frames.ts';
import type { ExchangeJob, ExecutionJob, ExecutorInbound, FlowJob, Job, JobResult, LoadJob, ModuleSpec } from '../protocol.ts';
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
}

const port = parentPort;
if (!port) throw new Error('the executor runs in a worker thread');
const marks = new Int32Array((workerData as { marks: SharedArrayBuffer }).marks);
const specs = new Map<string, ModuleSpec>();
const loaded = new Map<string, ModuleExports | LoadError>();
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

function markedExchange(run: Running, index: number, mod: ModuleExports | LoadError): CredentialsExchangeAction {
  if (mod instanceof LoadError) return { onExecuteCredentialsExchange: failing(run, index, mod) };
  const action = mod as unknown as CredentialsExchangeAction;
  return { onExecuteCredentialsExchange: async (event, api) => (entering(run, index), action.onExecuteCredentialsExchange(event, api)) };
}

function settle(run: Running, result: JobResult): void {
  if (run.done) return;
  run.done = true;
  Atomics.store(marks, run.slot, 0);
  send(result);
}

const named = <A>(job: ExecutionJob, action: (index: number, hash: string) => A) =>
  job.actions.map((a, i) => ({ name: a.name, action: action(i, a.module), ...(a.secrets ? { secrets: a.secrets } : {}) }));

async function executeFlow(job: FlowJob, run: Running): Promise<JobResult> {
  const actions: NamedAction[] = named(job, (i, hash) => markedPostLogin(run, i, moduleFor(hash, 'post-login')));
  const options = {
    timeoutMs: job.options.timeoutMs,
    now: () => Date.now(),
    ...(job.options.rulesExecuted ? { rulesExecuted: job.options.rulesExecuted } : {}),
    ...(job.options.directory ? { directory: job.options.directory } : {}),
    ...(job.options.http ? { http: job.options.http } : {}),
  };
  let result = await runPostLogin(actions, job.event, options);
  if (job.continueEvent !== undefined && !run.done && (result.redirect || result.prompt)) result = await continuePostLogin(result, job.continueEvent);
  return { id: job.id, kind: 'flow', result };
}

async function executeExchange(job: ExchangeJob, run: Running): Promise<JobResult> {
  const actions = named(job, (i, hash) => markedExchange(run, i, moduleFor(hash, 'credentials-exchange')));
  const options = {
    timeoutMs: job.options.timeoutMs,
    now: () => Date.now(),
    ...(job.options.http ? { http: job.options.http } : {}),
    ...(job.options.grantScopes ? { grantScopes: job.options.grantScopes } : {}),
  };
  return { id: job.id, kind: 'credentials-exchange', result: await runCredentialsExchange(actions, job.event, options) };
}

async function runJob(job: ExecutionJob, slot: number): Promise<void> {
  const offset = job.options.now === undefined ? 0 : job.options.now - Date.now();
  const run: Running = { job, slot, action: 0, done: false, offset };
  await current.run(run, async () => {
    try {
      settle(run, job.kind === 'flow' ? await executeFlow(job, run) : await executeExchange(job, run));
    } catch (err) {
      // The harness refused the run itself (an unstubbed request, an invalid input): the caller's error.
      if (isClaimkitError(err)) settle(run, { id: job.id, kind: 'fault', code: err.code, message: err.message });
      else settle(run, failedJob(job, run.action, err instanceof Error ? err.message : String(err)));
    }
  });
}

function runLoad(job: LoadJob, slot: number): void {
  Atomics.store(marks, slot, 1);
  const m = moduleFor(job.module, job.trigger ?? 'post-login');
  Atomics.store(marks, slot, 0);
  send({ id: job.id, kind: 'load', failure: m instanceof LoadError ? m.failure : null });
}

installClock(() => current.getStore()?.offset ?? 0);

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
