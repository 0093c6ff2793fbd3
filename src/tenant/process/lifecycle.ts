import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { ClaimkitError } from '../../errors.ts';
import type { TenantSettings } from '../defaults.ts';
import { FILE_MODE, writeFileAtomic } from '../store/atomic-file.ts';
import type { TenantData } from '../store/model.ts';
import { bootstrapClient, initialData } from '../store/seed.ts';
import { statePaths } from './paths.ts';
import type { TenantInfo } from './run.ts';
import { secureStateDir } from './secure-dir.ts';

// start (foreground or background), stop, status and reset, coordinated through the pid file and
// tenant.json in the state folder.

export interface TenantStatus {
  running: boolean;
  info: TenantInfo | undefined;
  /** The port of the last run, reused by a start without --port. */
  lastPort: number | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A live pid that is really a claimkit tenant: after a kill -9 the pid file stays behind, and the OS may
 * give its pid to another process, which `stop` must never signal. Checked where /proc exists.
 */
function isTenantProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('tenant');
  } catch {
    return true; // no /proc (macOS, Windows): trust the pid file
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function tenantStatus(stateDir: string): TenantStatus {
  const paths = statePaths(stateDir);
  const info = readJson(paths.infoFile) as (TenantInfo & { port?: number }) | undefined;
  const pid = Number(readJson(paths.pidFile));
  const running = Number.isInteger(pid) && pid > 0 && info?.pid === pid && isTenantProcess(pid);
  const { port, ...rest } = info ?? {};
  return { running, info: running ? (rest as TenantInfo) : undefined, lastPort: typeof port === 'number' ? port : undefined };
}

/** The pid a lock file names; 0 while its owner has created it and not yet written it. */
const lockOwner = (file: string): number => Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : NaN) || 0;

/**
 * One tenant per state folder: two starts at once (two deploys, say) would otherwise both listen and
 * both write state.json. The lock file is created exclusively and holds its owner's pid; one left by a
 * tenant that is gone (kill -9, a pid given to another process) is taken over.
 */
async function lockStateDir(paths: ReturnType<typeof statePaths>): Promise<() => Promise<void>> {
  await secureStateDir(paths);
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.writeFile(paths.lockFile, String(process.pid), { flag: 'wx', mode: FILE_MODE });
      return async () => {
        if (lockOwner(paths.lockFile) === process.pid) await fsp.rm(paths.lockFile, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = lockOwner(paths.lockFile);
      if (attempt > 0 || owner === 0 || (owner !== process.pid && isTenantProcess(owner))) {
        throw new ClaimkitError('ERR_TENANT_START_FAILED', `Another local tenant${owner ? ` (pid ${owner})` : ''} is running or starting on ${paths.stateDir}: use it (claimkit tenant status), or stop it first.`);
      }
      await fsp.rm(paths.lockFile, { force: true });
    }
  }
}

/** The pid of the live tenant that holds this folder's lock, if any. */
function lockHolder(stateDir: string): number | undefined {
  const owner = lockOwner(statePaths(stateDir).lockFile);
  return owner > 0 && isTenantProcess(owner) ? owner : undefined;
}

/** Runs the tenant in this process until SIGINT or SIGTERM; `onReady` gets the info once it listens. */
export async function runForeground(settings: TenantSettings, onReady: (info: TenantInfo) => void, onError: (message: string) => void): Promise<void> {
  const paths = statePaths(settings.stateDir);
  const unlock = await lockStateDir(paths);
  try {
    await serveUntilSignal(settings, paths, onReady, onError);
  } finally {
    await unlock();
  }
}

async function serveUntilSignal(settings: TenantSettings, paths: ReturnType<typeof statePaths>, onReady: (info: TenantInfo) => void, onError: (message: string) => void): Promise<void> {
  // Loaded here, not at the top: a deploy uses this module to start a background tenant and should not
  // load the whole server to do so.
  const { runTenant } = require('./run.ts') as typeof import('./run.ts');
  const running = await runTenant(settings, { onError });
  await writeFileAtomic(paths.infoFile, JSON.stringify({ ...running.info, port: running.port }, null, 2));
  await writeFileAtomic(paths.pidFile, String(process.pid));
  onReady(running.info);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  if (Number(readJson(paths.pidFile)) === process.pid) await fsp.rm(paths.pidFile, { force: true });
}

/** The flags that give a child process the same settings. */
function settingsArgs(settings: TenantSettings): string[] {
  const args = ['--state', settings.stateDir, '--port', String(settings.port), '--build-delay', String(settings.buildDelayMs)];
  return settings.faults === '' ? args : [...args, '--faults', settings.faults];
}

/** Starts the tenant as a detached background process and waits until it answers (or failed). */
export async function startBackground(settings: TenantSettings, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<TenantInfo> {
  const paths = statePaths(settings.stateDir);
  await secureStateDir(paths);
  // 0600 even when the log existed with another mode; what the tenant prints is redacted (redact.ts).
  const log = fs.openSync(paths.logFile, 'a', FILE_MODE);
  fs.fchmodSync(log, FILE_MODE);
  const entry = path.join(__dirname, 'daemon-entry.cjs');
  const child = spawn(process.execPath, [entry, '--log-output', 'start', '--foreground', ...settingsArgs(settings)], {
    detached: true,
    stdio: ['ignore', log, log],
    env,
  });
  fs.closeSync(log);
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? 1;
  });
  child.unref();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = tenantStatus(settings.stateDir);
    if (status.running && status.info && status.info.pid === child.pid) return status.info;
    // Another start won the folder's lock (two deploys at once): that tenant is the one to use.
    const holder = exited === null ? undefined : lockHolder(settings.stateDir);
    if (status.running && status.info && status.info.pid === holder) return status.info;
    if (exited !== null && holder === undefined) break;
    await sleep(100);
  }
  if (exited === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
  const tail = fs.existsSync(paths.logFile) ? fs.readFileSync(paths.logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new ClaimkitError('ERR_TENANT_START_FAILED', `The tenant did not start${exited === null ? ` within ${timeoutMs} ms` : ` (exit code ${exited})`}. Last lines of ${paths.logFile}:\n${tail}`);
}

/** Stops the running tenant: SIGTERM, then SIGKILL after `graceMs`. Returns the pid stopped, or null. */
export async function stopTenant(stateDir: string, graceMs = 10_000): Promise<number | null> {
  const status = tenantStatus(stateDir);
  if (!status.running || !status.info) return null;
  const { pid } = status.info;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(20);
  await fsp.rm(statePaths(stateDir).pidFile, { force: true });
  return pid;
}

/**
 * Empties the tenant's data. The CA, the certificates, the signing key and the Management API client's
 * credentials are kept, so clients configured for this tenant keep working. Call with the tenant stopped.
 */
export async function resetTenantData(stateDir: string): Promise<{ credentialsLost: boolean }> {
  const paths = statePaths(stateDir);
  const existed = fs.existsSync(paths.stateFile);
  const previous = readJson(paths.stateFile) as TenantData | undefined;
  const client = previous && Array.isArray(previous.clients) ? bootstrapClient(previous) : undefined;
  await secureStateDir(paths);
  await writeFileAtomic(paths.stateFile, JSON.stringify(initialData(client && { client_id: client.client_id, client_secret: client.client_secret })));
  // A state.json that was not readable (truncated, hand-edited) had no credentials to keep.
  return { credentialsLost: existed && client === undefined };
}

/** Whether 127.0.0.1:port can be listened on right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * The running tenant of this state folder, or a new one started in the background: on the port asked
 * for, else the one it used last, else the default — and, when that port was not asked for and is
 * taken (another project's tenant, say), on any free port.
 */
export async function ensureTenant(settings: TenantSettings, env: NodeJS.ProcessEnv, explicitPort: boolean): Promise<{ info: TenantInfo; started: boolean }> {
  const status = tenantStatus(settings.stateDir);
  if (status.running && status.info) return { info: status.info, started: false };
  let chosen = !explicitPort && status.lastPort !== undefined ? { ...settings, port: status.lastPort } : settings;
  if (!explicitPort && chosen.port !== 0 && !(await portFree(chosen.port))) chosen = { ...chosen, port: 0 };
  return { info: await startBackground(chosen, env), started: true };
}
