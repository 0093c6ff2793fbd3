// The supervisor: the main thread of an engine process. It runs no Action code and parses no event: it
// forwards job and result bytes between the host and the executor (a worker thread with a heap limit),
// and enforces what the executor cannot enforce on itself — the time budget against synchronous loops,
// the memory limit, a thread that ends. Each case stops the jobs in flight naming the Action that was
// running, and a fresh executor takes over. It ends itself when the host goes away.
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { rulesTimeoutMessage } from '../../rules/timeout.ts';
import { timeoutMessage } from '../failure.ts';
import { encodeFrame, FrameReader, transferable } from '../frames.ts';
import type { ExecutorOutbound, HostHeader, InitMessage, JobBudget, Stop } from '../protocol.ts';

const SLOTS = 1024;
/** The host ↔ supervisor byte stream (fd 3 is the IPC channel that delivered the code). */
const DATA_FD = 4;

interface InFlight {
  id: number;
  slot: number;
  deadline: number;
  /** The budget the deadline stands for: the Rules' while they run, then the Actions'. */
  timeoutMs: number;
  /** While legacy Rules run (the job's first steps): their count, and the Actions' budget that follows. */
  rules?: { steps: number; actionsMs: number };
}

export function start(init: InitMessage): void {
  const marks = new SharedArrayBuffer(SLOTS * 4);
  const markView = new Int32Array(marks);
  const definitions: Buffer[] = [];
  const inFlight = new Map<number, InFlight>();
  const freeSlots = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  const waiting: Array<{ meta: JobBudget[]; payload: Buffer }> = [];
  const host = new net.Socket({ fd: DATA_FD, readable: true, writable: true });
  const reader = new FrameReader<HostHeader>();
  let executor: Worker | null = null;
  let watchdog: NodeJS.Timeout | null = null;

  const release = (id: number) => {
    const f = inFlight.get(id);
    if (!f) return;
    inFlight.delete(id);
    markView[f.slot] = 0;
    freeSlots.push(f.slot);
  };

  function spawn(): Worker {
    const w = new Worker(init.executor, {
      eval: true,
      workerData: { marks },
      env: {},
      resourceLimits: { maxOldGenerationSizeMb: init.memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, init.memoryMb / 8)), stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    // An Action's direct writes to stdout/stderr are not the host's output: read and dropped.
    w.stdout.resume();
    w.stderr.resume();
    w.on('message', (msg: ExecutorOutbound) => {
      for (const id of msg.ids) release(id);
      host.write(encodeFrame({ t: 'results' }, Buffer.from(msg.payload)));
      pump();
    });
    w.on('error', (err: Error & { code?: string }) => {
      if (executor !== w) return;
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      replace(memory ? `The Action ran out of memory (the engine allows ${init.memoryMb} MB per execution environment); Auth0 fails the execution.` : `The Action engine's executor failed: ${err.message}`);
    });
    w.on('exit', (code) => {
      if (executor !== w) return;
      replace(`The Action ended its execution environment (exit code ${code}); Auth0 fails the execution.`);
    });
    for (const d of definitions) {
      const copy = Buffer.from(d);
      const ab = transferable(copy);
      w.postMessage({ t: 'define', payload: ab }, [ab]);
    }
    return w;
  }

  /** Stops the executor and every job in flight: `culprits` with `message`, the others as collateral. */
  function replace(message: string, culprits?: ReadonlySet<number>): void {
    const old = executor;
    executor = null;
    if (old) void old.terminate();
    const stops: Stop[] = [];
    for (const f of inFlight.values()) {
      const own = culprits === undefined || culprits.has(f.id);
      const text = own ? message : 'Stopped with its execution environment, which another execution of the same Actions made unresponsive; Auth0 fails the execution.';
      stops.push({ id: f.id, action: (markView[f.slot] ?? 0) - 1, message: text });
    }
    for (const s of stops) release(s.id);
    if (stops.length > 0) host.write(encodeFrame({ t: 'stopped', stops }));
    pump();
  }

  function check(): void {
    const now = Date.now();
    const late = new Set<number>();
    let message = '';
    for (const f of inFlight.values()) {
      // The Rules are done once a later step is marked running: the Actions' budget starts now.
      if (f.rules && (markView[f.slot] ?? 0) - 1 >= f.rules.steps) {
        f.deadline = now + f.rules.actionsMs + init.graceMs;
        f.timeoutMs = f.rules.actionsMs;
        delete f.rules;
      }
      if (now >= f.deadline) {
        late.add(f.id);
        message = f.rules ? rulesTimeoutMessage(f.timeoutMs) : timeoutMessage(f.timeoutMs);
      }
    }
    if (late.size > 0) replace(message, late);
    if (inFlight.size === 0 && watchdog) {
      clearInterval(watchdog);
      watchdog = null;
    }
  }

  function admit(m: JobBudget, slot: number, now: number): InFlight {
    if (!m.rules) return { id: m.id, slot, deadline: now + m.timeoutMs + init.graceMs, timeoutMs: m.timeoutMs };
    return { id: m.id, slot, deadline: now + m.rules.timeoutMs + init.graceMs, timeoutMs: m.rules.timeoutMs, rules: { steps: m.rules.steps, actionsMs: m.timeoutMs } };
  }

  function pump(): void {
    while (waiting.length > 0 && freeSlots.length >= (waiting[0]?.meta.length ?? 0)) {
      const batch = waiting.shift() as (typeof waiting)[number];
      executor ??= spawn();
      const now = Date.now();
      const slots: Record<number, number> = {};
      for (const m of batch.meta) {
        const slot = freeSlots.pop() as number;
        slots[m.id] = slot;
        inFlight.set(m.id, admit(m, slot, now));
      }
      const ab = transferable(batch.payload);
      executor.postMessage({ t: 'jobs', slots, payload: ab }, [ab]);
      watchdog ??= setInterval(check, Math.min(100, Math.max(10, init.graceMs / 4)));
    }
  }

  host.on('data', (chunk: Buffer) => {
    for (const { header, payload } of reader.push(chunk)) {
      if (header.t === 'define') {
        definitions.push(payload);
        if (executor) {
          const copy = Buffer.from(payload);
          const ab = transferable(copy);
          executor.postMessage({ t: 'define', payload: ab }, [ab]);
        }
      } else {
        waiting.push({ meta: header.jobs, payload });
        pump();
      }
    }
  });
  // The host went away: nothing is left to answer to.
  host.on('end', () => process.exit(0));
  host.on('error', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}
