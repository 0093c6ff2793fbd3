import { spawn, type ChildProcess } from 'node:child_process';
import type { HostMessage, Job, JobResult, ModuleSpec, SupervisorMessage } from './protocol.ts';
import { BOOTSTRAP } from './code.ts';

const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
const STDERR_KEEP = 8 * 1024;

export interface ProcessSettings {
  supervisor: string;
  executor: string;
  memoryMb: number;
  graceMs: number;
  /** Folders the Action code may read (its declared dependencies' node_modules). Nothing else. */
  readPaths: readonly string[];
}

type Settle = (result: JobResult) => void;

/**
 * One engine process, seen from the host: Node's permission model (no file system beyond `readPaths`, no
 * child processes), an empty environment, cwd `/`. Jobs go out in batches; results come back in batches.
 * When the process dies, every job in flight is settled with `onDeath`'s result.
 */
export class EngineProcess {
  readonly child: ChildProcess;
  readonly defined = new Set<string>();
  private readonly pending = new Map<number, { job: Job; settle: Settle }>();
  private outbox: Job[] = [];
  private stderr = '';
  dead = false;

  constructor(
    settings: ProcessSettings,
    private readonly onDeath: (job: Job, reason: string) => JobResult,
    private readonly onExit: (p: EngineProcess) => void,
  ) {
    const args = [PERMISSION_FLAG, '--allow-worker', '--disable-warning=ExperimentalWarning', ...settings.readPaths.map((p) => `--allow-fs-read=${p}`), '-e', BOOTSTRAP];
    this.child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: {}, cwd: '/', serialization: 'json' });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
    });
    this.child.on('message', (msg: SupervisorMessage) => {
      if (msg.t !== 'results') return;
      for (const r of msg.results) {
        const p = this.pending.get(r.id);
        if (!p) continue;
        this.pending.delete(r.id);
        p.settle(r);
      }
      this.idle();
    });
    this.child.on('error', () => this.die('the engine process could not start'));
    this.child.on('exit', (code, signal) => this.die(signal ? `the engine process was killed (${signal})` : `the engine process exited (code ${code})`));
    const init: HostMessage = { t: 'init', supervisor: settings.supervisor, executor: settings.executor, memoryMb: settings.memoryMb, graceMs: settings.graceMs };
    this.child.send(init);
  }

  get load(): number {
    return this.pending.size;
  }

  define(modules: readonly ModuleSpec[]): void {
    const fresh = modules.filter((m) => !this.defined.has(m.hash));
    if (fresh.length === 0) return;
    for (const m of fresh) this.defined.add(m.hash);
    this.post({ t: 'define', modules: fresh });
  }

  submit(job: Job, settle: Settle): void {
    if (this.dead) {
      settle(this.onDeath(job, 'the engine process is gone'));
      return;
    }
    this.pending.set(job.id, { job, settle });
    this.child.ref();
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
    // Jobs submitted in the same turn of the event loop travel in one message.
    if (this.outbox.length === 0) setImmediate(() => this.flushJobs());
    this.outbox.push(job);
  }

  kill(): void {
    if (!this.dead) this.child.kill('SIGKILL');
  }

  private flushJobs(): void {
    const jobs = this.outbox;
    this.outbox = [];
    if (jobs.length > 0 && !this.dead) this.post({ t: 'jobs', jobs });
  }

  private post(msg: HostMessage): void {
    if (this.dead || !this.child.connected) return;
    this.child.send(msg);
  }

  /** An idle engine process does not keep the host alive. */
  private idle(): void {
    if (this.pending.size > 0) return;
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    const tail = this.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
    const why = tail ? `${reason}: ${tail}` : reason;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.settle(this.onDeath(p.job, why));
    }
    this.onExit(this);
  }
}
