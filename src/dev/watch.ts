// `npm run dev`: rebuild on change, then re-run the tests of the Actions the change touched.
import fs from 'node:fs';
import path from 'node:path';
import { buildProject } from '../build/build.ts';
import { errorsIn, formatFinding } from '../build/findings.ts';
import type { CliIo } from '../cli/io.ts';
import { affectedActions, testsFor } from './affected.ts';

export interface TestRun {
  passed: number;
  failed: number;
}

export type TestRunner = (files: string[]) => Promise<TestRun>;

export interface Cycle {
  changed: string[];
  ok: boolean;
  actions: string[];
  tests: string[];
  result: TestRun | null;
  buildMs: number;
  testMs: number;
}

export interface DevOptions {
  tenantFile: string;
  io: CliIo;
  runTests: TestRunner;
  /** Called after each rebuild-and-test cycle (benchmarks and tests wait on it). */
  onCycle?: (cycle: Cycle) => void;
  signal?: AbortSignal;
  /** Quiet period before a burst of file events is handled. */
  debounceMs?: number;
}

const WATCHED = ['actions', 'src', 'claims.yaml', 'tenant.yaml'];

/** Watches the project until `signal` aborts. Resolves when it has stopped. */
export async function dev(options: DevOptions): Promise<void> {
  const { io } = options;
  const root = path.dirname(options.tenantFile);
  const testDir = path.join(root, 'test');
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const cycle = async (changed: string[]): Promise<void> => {
    const t0 = performance.now();
    const build = await buildProject({ tenantFile: options.tenantFile, env: io.env });
    const buildMs = Math.round(performance.now() - t0);
    for (const f of build.findings) io.stderr(`${formatFinding(f)}\n`);
    const ok = errorsIn(build.findings).length === 0;
    const actions = ok ? affectedActions(changed, build.actions) : [];
    const tests = testsFor(actions, testDir);
    let result: TestRun | null = null;
    const t1 = performance.now();
    if (tests.length > 0) result = await options.runTests(tests);
    const testMs = Math.round(performance.now() - t1);
    const rel = changed.map((f) => path.relative(root, f)).join(', ');
    if (!ok) io.stdout(`[dev] ${rel}: build failed (${buildMs} ms); nothing written\n`);
    else if (result) io.stdout(`[dev] ${rel}: rebuilt in ${buildMs} ms; ${actions.join(', ')}: ${result.passed} passed, ${result.failed} failed in ${testMs} ms\n`);
    else io.stdout(`[dev] ${rel}: rebuilt in ${buildMs} ms; no tests for ${actions.join(', ') || 'the changed files'}\n`);
    options.onCycle?.({ changed, ok, actions, tests, result, buildMs, testMs });
  };

  const flush = () => {
    const changed = [...pending];
    pending = new Set();
    running = running.then(() => cycle(changed));
  };

  const changed = (file: string) => {
    if (/\.(tmp|swp)$|~$/.test(file)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 30);
  };
  // Folders are watched themselves; the files through the project folder, by name, so that one removed,
  // renamed or saved by replacing it (git checkout, an editor's safe write) is still seen afterwards.
  const folders = WATCHED.filter((p) => fs.statSync(path.join(root, p), { throwIfNoEntry: false })?.isDirectory());
  const files = new Set(WATCHED.filter((p) => !folders.includes(p)));
  const watchers = [
    ...folders.map((p) => fs.watch(path.join(root, p), { recursive: true }, (_event, name) => changed(name ? path.join(root, p, name.toString()) : path.join(root, p)))),
    fs.watch(root, (_event, name) => {
      if (name && files.has(name.toString())) changed(path.join(root, name.toString()));
    }),
  ];
  // A watched folder that goes away ends its watcher with an error event: not a reason to crash.
  for (const w of watchers) w.on('error', (err) => io.stderr(`[dev] stopped watching a folder: ${err.message}\n`));
  io.stdout(`[dev] watching ${WATCHED.join(', ')} — Ctrl-C to stop\n`);
  await running;
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
}
