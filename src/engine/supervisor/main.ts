// The supervisor: the main thread of an engine process. It runs no Action code. It starts the executor
// (a worker thread with a heap limit), hands it jobs, and enforces what the executor cannot enforce on
// itself: the time budget against synchronous loops, the memory limit and a thread that ends. Each case
// fails the jobs in flight with a message naming the Action that was running, and a fresh executor
// takes over. It ends itself when the host process goes away.
import { Worker } from 'node:worker_threads';
import { failedFlow, timeoutMessage } from '../failure.ts';
import type { ExecutorOutbound, HostMessage, Job, JobResult, ModuleSpec } from '../protocol.ts';

const SLOTS = 1024;

interface InFlight {
  job: Job;
  slot: number;
  deadline: number;
}

interface Settings {
  executor: string;
  memoryMb: number;
  graceMs: number;
}

export function start(init: Extract<HostMessage, { t: 'init' }>): void {
  const settings: Settings = { executor: init.executor, memoryMb: init.memoryMb, graceMs: init.graceMs };
  const marks = new SharedArrayBuffer(SLOTS * 4);
  const markView = new Int32Array(marks);
  const modules = new Map<string, ModuleSpec>();
  const inFlight = new Map<number, InFlight>();
  const freeSlots = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  const waiting: Job[] = [];
  let executor: Worker | null = null;
  let outbox: JobResult[] = [];
  let watchdog: NodeJS.Timeout | null = null;

  const send = (results: JobResult[]) => {
    if (outbox.length === 0) setImmediate(() => {
      const batch = outbox;
      outbox = [];
      process.send?.({ t: 'results', results: batch });
    });
    outbox.push(...results);
  };

  const release = (id: number) => {
    const f = inFlight.get(id);
    if (!f) return;
    inFlight.delete(id);
    markView[f.slot] = 0;
    freeSlots.push(f.slot);
  };

  function spawn(): Worker {
    const w = new Worker(settings.executor, {
      eval: true,
      workerData: { marks },
      env: {},
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, settings.memoryMb / 8)), stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    // An Action's direct writes to stdout/stderr are not the host's output: read and dropped.
    w.stdout.resume();
    w.stderr.resume();
    w.on('message', (msg: ExecutorOutbound) => {
      for (const r of msg.results) release(r.id);
      send(msg.results);
      pump();
    });
    w.on('error', (err: Error & { code?: string }) => {
      if (executor !== w) return;
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      replace(memory ? `The Action ran out of memory (the engine allows ${settings.memoryMb} MB per execution environment); Auth0 fails the execution.` : `The Action engine's executor failed: ${err.message}`);
    });
    w.on('exit', (code) => {
      if (executor !== w) return;
      replace(`The Action ended its execution environment (exit code ${code}); Auth0 fails the execution.`);
    });
    if (modules.size > 0) w.postMessage({ t: 'define', modules: [...modules.values()] });
    return w;
  }

  /** Stops the executor and fails every job in flight: `culprit` jobs with `message`, the rest as collateral. */
  function replace(message: string, culprits?: ReadonlySet<number>): void {
    const old = executor;
    executor = null;
    if (old) void old.terminate();
    const results: JobResult[] = [];
    for (const f of inFlight.values()) {
      const running = markView[f.slot] ?? 0;
      const own = culprits === undefined || culprits.has(f.job.id);
      const text = own ? message : 'Stopped with its execution environment, which another execution of the same Actions made unresponsive; Auth0 fails the execution.';
      results.push(f.job.kind === 'flow' ? { id: f.job.id, kind: 'flow', result: failedFlow(f.job, running - 1, text) } : { id: f.job.id, kind: 'load', failure: { code: 'ERR_ACTION_LOAD', message: `The Action's module scope did not finish: ${text}` } });
    }
    for (const r of results) release(r.id);
    send(results);
    pump();
  }

  function check(): void {
    const now = Date.now();
    const late = new Set<number>();
    let budget = 0;
    for (const f of inFlight.values()) {
      if (now >= f.deadline) {
        late.add(f.job.id);
        budget = f.job.kind === 'flow' ? f.job.options.timeoutMs : f.job.timeoutMs;
      }
    }
    if (late.size > 0) replace(timeoutMessage(budget), late);
    if (inFlight.size === 0 && watchdog) {
      clearInterval(watchdog);
      watchdog = null;
    }
  }

  function pump(): void {
    if (waiting.length === 0) return;
    executor ??= spawn();
    const batch: Array<Job & { slot: number }> = [];
    const now = Date.now();
    while (waiting.length > 0 && freeSlots.length > 0) {
      const job = waiting.shift() as Job;
      const slot = freeSlots.pop() as number;
      const budget = job.kind === 'flow' ? job.options.timeoutMs : job.timeoutMs;
      inFlight.set(job.id, { job, slot, deadline: now + budget + settings.graceMs });
      batch.push({ ...job, slot });
    }
    if (batch.length > 0) executor.postMessage({ t: 'jobs', jobs: batch });
    watchdog ??= setInterval(check, Math.min(100, Math.max(10, settings.graceMs / 4)));
  }

  process.on('message', (msg: HostMessage) => {
    if (msg.t === 'define') {
      for (const m of msg.modules) modules.set(m.hash, m);
      executor?.postMessage({ t: 'define', modules: msg.modules });
    } else if (msg.t === 'jobs') {
      waiting.push(...msg.jobs);
      pump();
    }
  });
  // The host went away: nothing is left to answer to.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ t: 'ready' });
}
