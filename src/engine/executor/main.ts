// The executor: a worker thread inside an engine process, where Action code runs. It keeps the loaded
// modules (module scope runs once per executor, as on a warm Auth0 instance), runs jobs concurrently,
// and writes which Action of each job is running into shared memory so that the supervisor can name
// it if the thread has to be stopped (a synchronous loop, the memory limit).
import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { isClaimkitError } from '../../errors.ts';
import { continuePostLogin, pausedFlow, resumePostLogin, runPostLogin, type NamedAction } from '../../harness/run.ts';
import type { FlowResult } from '../../harness/result.ts';
import type { PostLoginAction } from '../../types/action.ts';
import { failedFlow } from '../failure.ts';
import { transferable } from '../frames.ts';
import type { ExecutorInbound, FlowJob, Job, JobResult, LoadJob, ModuleSpec } from '../protocol.ts';
import { LoadError, loadModule } from './module.ts';
import { installClock } from './clock.ts';
import { containProcess } from './process.ts';

interface Running {
  job: FlowJob;
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

function finish(run: Running, result: FlowResult): void {
  if (run.done) return;
  run.done = true;
  Atomics.store(marks, run.slot, 0);
  const paused = run.job.keepPaused && (result.redirect || result.prompt) ? pausedFlow(result) : null;
  send({ id: run.job.id, kind: 'flow', result, ...(paused ? { paused } : {}) });
}

async function runFlow(job: FlowJob, slot: number): Promise<void> {
  const offset = job.options.now === undefined ? 0 : job.options.now - Date.now();
  const run: Running = { job, slot, action: 0, done: false, offset };
  await current.run(run, async () => {
    const actions: NamedAction[] = job.actions.map((a, i) => ({ name: a.name, action: marked(run, i, moduleFor(a.module)), ...(a.secrets ? { secrets: a.secrets } : {}) }));
    const options = {
      timeoutMs: job.options.timeoutMs,
      now: () => Date.now(),
      ...(job.options.rulesExecuted ? { rulesExecuted: job.options.rulesExecuted } : {}),
      ...(job.options.directory ? { directory: job.options.directory } : {}),
      ...(job.options.http ? { http: job.options.http } : {}),
    };
    try {
      let result = job.resume ? await resumePostLogin(actions, job.resume, job.continueEvent, options) : await runPostLogin(actions, job.event, options);
      if (!job.resume && !job.keepPaused && job.continueEvent !== undefined && !run.done && (result.redirect || result.prompt)) result = await continuePostLogin(result, job.continueEvent);
      finish(run, result);
    } catch (err) {
      // The harness refused the run itself (an unstubbed request, an invalid input): the caller's error.
      if (isClaimkitError(err)) {
        if (!run.done) {
          run.done = true;
          Atomics.store(marks, run.slot, 0);
          send({ id: job.id, kind: 'fault', code: err.code, message: err.message });
        }
      } else finish(run, failedFlow(job, run.action, err instanceof Error ? err.message : String(err)));
    }
  });
}

function runLoad(job: LoadJob, slot: number): void {
  Atomics.store(marks, slot, 1);
  const m = moduleFor(job.module);
  Atomics.store(marks, slot, 0);
  send({ id: job.id, kind: 'load', failure: m instanceof LoadError ? m.failure : null });
}

installClock(() => current.getStore()?.offset ?? 0);

// An error the Action did not catch (a throwing timer, an unhandled rejection) or a call to
// process.exit fails that Action's execution, found through the async context it came from.
containProcess((message) => {
  const run = current.getStore();
  if (run) finish(run, failedFlow(run.job, run.action, message));
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
    else void runFlow(job, slot);
  }
});
