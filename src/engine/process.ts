import { spawn, type ChildProcess } from 'node:child_process';
import type { Duplex, Readable } from 'node:stream';
import { BOOTSTRAP } from './code.ts';
import { failedJob } from './failure.ts';
import { encodeFrame, FrameReader } from './frames.ts';
import { jobBudget, type InitMessage, type Job, type JobResult, type ModuleSpec, type SupervisorHeader } from './protocol.ts';

const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
const STDERR_KEEP = 8 * 1024;

export interface ProcessSettings {
  supervisor: string;
  executor: string;
  memoryMb: number;
  graceMs: number;
  /** Folders the Action code may read (its declared dependencies' node_modules). Nothing else. */
  readPaths: readonly string[];
  /** See EngineSettings.trustedCaFile. */
  trustedCaFile?: string;
}

type Settle = (result: JobResult) => void;

/** A job the supervisor had to stop, as the result the caller gets. */
function stopped(job: Job, action: number, message: string): JobResult {
  if (job.kind !== 'load') return failedJob(job, action, message);
  return { id: job.id, kind: 'load', failure: { code: 'ERR_ACTION_LOAD', message: `The Action's module scope did not finish: ${message}` } };
}

/**
 * One engine process, seen from the host: Node's permission model (no file system beyond `readPaths`, no
 * child processes), an empty environment, cwd `/`. Its code arrives over IPC; jobs and results travel as
 * frames on a pipe, in batches. When the process dies, every job in flight fails with the reason.
 */
export class EngineProcess {
  readonly child: ChildProcess;
  readonly defined = new Set<string>();
  private readonly data: Duplex;
  private readonly pending = new Map<number, { job: Job; settle: Settle }>();
  private readonly reader = new FrameReader<SupervisorHeader>();
  private outbox: Job[] = [];
  private stderr = '';
  dead = false;

  constructor(settings: ProcessSettings, private readonly onExit: (p: EngineProcess) => void) {
    const args = [PERMISSION_FLAG, '--allow-worker', '--disable-warning=ExperimentalWarning', ...settings.readPaths.map((p) => `--allow-fs-read=${p}`), '-e', BOOTSTRAP];
    // Node reads NODE_EXTRA_CA_CERTS as it starts; BOOTSTRAP deletes it before any other code runs.
    const env = settings.trustedCaFile === undefined ? {} : { NODE_EXTRA_CA_CERTS: settings.trustedCaFile };
    this.child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc', 'pipe'], env, cwd: '/', serialization: 'json' });
    this.data = this.child.stdio[4] as Duplex;
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
    });
    this.data.on('data', (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) this.receive(frame.header, frame.payload);
    });
    this.data.on('error', () => undefined); // the exit handler reports the death
    this.child.on('error', () => this.die('the engine process could not start'));
    this.child.on('exit', (code, signal) => this.die(signal ? `the engine process was killed (${signal})` : `the engine process exited (code ${code})`));
    const init: InitMessage = { t: 'init', supervisor: settings.supervisor, executor: settings.executor, memoryMb: settings.memoryMb, graceMs: settings.graceMs };
    this.child.send(init);
    this.idle();
  }

  get load(): number {
    return this.pending.size;
  }

  define(modules: readonly ModuleSpec[]): void {
    const fresh = modules.filter((m) => !this.defined.has(m.hash));
    if (fresh.length === 0 || this.dead) return;
    for (const m of fresh) this.defined.add(m.hash);
    this.data.write(encodeFrame({ t: 'define' }, JSON.stringify(fresh)));
  }

  submit(job: Job, settle: Settle): void {
    if (this.dead) {
      settle(stopped(job, 0, "The Action's execution environment is gone; Auth0 fails the execution."));
      return;
    }
    if (this.pending.size === 0) this.busy();
    this.pending.set(job.id, { job, settle });
    // Jobs submitted in the same turn of the event loop travel in one frame.
    if (this.outbox.length === 0) setImmediate(() => this.flushJobs());
    this.outbox.push(job);
  }

  /** Stops the process; its 'exit' is awaited by close(), so it holds the host until then. */
  kill(): void {
    if (this.dead) return;
    this.child.ref();
    this.child.kill('SIGKILL');
  }

  private receive(header: SupervisorHeader, payload: Buffer): void {
    if (header.t === 'results') {
      for (const r of JSON.parse(payload.toString('utf8')) as JobResult[]) this.settle(r.id, () => r);
    } else {
      for (const s of header.stops) this.settle(s.id, (job) => stopped(job, s.action, s.message));
    }
    if (this.pending.size === 0) this.idle();
  }

  private settle(id: number, result: (job: Job) => JobResult): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.settle(result(p.job));
  }

  private flushJobs(): void {
    const jobs = this.outbox;
    this.outbox = [];
    if (jobs.length === 0 || this.dead) return;
    const meta = jobs.map(jobBudget);
    this.data.write(encodeFrame({ t: 'jobs', jobs: meta }, JSON.stringify(jobs)));
  }

  /** Only a process with jobs in flight keeps the host alive. */
  private busy(): void {
    this.child.ref();
    (this.data as Duplex & { ref?: () => void }).ref?.();
    (this.child.stderr as (Readable & { ref?: () => void }) | null)?.ref?.();
    (this.child.channel as { ref?: () => void } | null | undefined)?.ref?.();
  }

  private idle(): void {
    this.child.unref();
    (this.data as Duplex & { unref?: () => void }).unref?.();
    (this.child.stderr as (Readable & { unref?: () => void }) | null)?.unref?.();
    (this.child.channel as { unref?: () => void } | null | undefined)?.unref?.();
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    const tail = this.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
    const why = tail ? `${reason}: ${tail}` : reason;
    for (const id of [...this.pending.keys()]) this.settle(id, (job) => stopped(job, 0, `The Action's execution environment stopped (${why}); Auth0 fails the execution.`));
    this.onExit(this);
  }
}
