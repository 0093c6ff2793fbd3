// `npm run bench [-- NAME ...]`: runs the benchmarks and rewrites their sections in BENCHMARKS.md,
// each with the machine and the command that produced it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Benchmark, BenchResult } from './types.ts';

/**
 * Every benchmark, in the order `npm run bench` runs them: its name and the module that defines it. Each
 * runs in a process of its own that loads only its module, so no benchmark measures the heap and
 * start-up another one's libraries leave behind (loading the auth0 SDK alone makes the in-process
 * harness three times slower).
 */
const BENCHMARKS: ReadonlyArray<{ name: string; load: () => Benchmark }> = [
  { name: 'harness', load: () => (require('./harness.bench.ts') as typeof import('./harness.bench.ts')).harnessBenchmark },
  { name: 'claims', load: () => (require('./claims.bench.ts') as typeof import('./claims.bench.ts')).claimsBenchmark },
  { name: 'build', load: () => (require('./build.bench.ts') as typeof import('./build.bench.ts')).buildBenchmark },
  { name: 'deploy', load: () => (require('./deploy.bench.ts') as typeof import('./deploy.bench.ts')).deployBenchmark },
  { name: 'tenant-load', load: () => (require('./tenant-load.bench.ts') as typeof import('./tenant-load.bench.ts')).tenantLoadBenchmark },
  { name: 'tenant-actions', load: () => (require('./tenant-actions.bench.ts') as typeof import('./tenant-actions.bench.ts')).tenantActionsBenchmark },
  { name: 'login', load: () => (require('./login.bench.ts') as typeof import('./login.bench.ts')).loginBenchmark },
  { name: 'm2m-token', load: () => (require('./m2m-token.bench.ts') as typeof import('./m2m-token.bench.ts')).m2mTokenBenchmark },
  { name: 'parity', load: () => (require('./parity.bench.ts') as typeof import('./parity.bench.ts')).parityBenchmark },
  { name: 'pull', load: () => (require('./pull.bench.ts') as typeof import('./pull.bench.ts')).pullBenchmark },
];
const FILE = path.resolve(__dirname, '..', 'BENCHMARKS.md');
const HEADER = '# Benchmarks\n\nProduced by `npm run bench` (one section per benchmark; `npm run bench -- NAME` reruns one). Numbers are from the machine named in each section.\n';

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

function section(name: string, title: string, r: BenchResult): string {
  const { head, rows } = r.table;
  const table = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  return [
    `<!-- bench:${name} -->`,
    `## ${title}`,
    '',
    r.summary,
    '',
    table,
    '',
    `Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}. Command: \`npm run bench -- ${name}\`.`,
    `<!-- /bench:${name} -->`,
  ].join('\n');
}

function replaceSection(doc: string, name: string, text: string): string {
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  return re.test(doc) ? doc.replace(re, text) : `${doc.trimEnd()}\n\n${text}\n`;
}

/** Runs one benchmark in this process and prints its section as JSON (the child side). */
async function runChild(name: string): Promise<void> {
  const entry = BENCHMARKS.find((b) => b.name === name);
  if (!entry) throw new Error(`unknown benchmark ${name}`);
  const b = entry.load();
  const result = await b.run();
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ title: b.title, result })}\n`);
}

const RESULT_MARK = 'claimkit-bench-result:';

/** Runs one benchmark in a fresh process (its output shown as it goes) and returns its section. */
function runInChild(name: string): { title: string; result: BenchResult } {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'run.cjs'), '--child', name], { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  const out = child.stdout.toString('utf8');
  const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (child.status !== 0 || line === undefined) throw new Error(`the ${name} benchmark failed (exit ${child.status ?? child.signal}):\n${out.slice(-2000)}`);
  process.stdout.write(out.split('\n').filter((l) => !l.startsWith(RESULT_MARK)).join('\n'));
  return JSON.parse(line.slice(RESULT_MARK.length)) as { title: string; result: BenchResult };
}

async function main(args: string[]): Promise<void> {
  if (args[0] === '--child' && args[1] !== undefined) return runChild(args[1]);
  const names = args;
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}.\n`);
    process.exitCode = 2;
    return;
  }
  let doc = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : HEADER;
  for (const b of BENCHMARKS.filter((x) => names.length === 0 || names.includes(x.name))) {
    process.stdout.write(`running ${b.name}…\n`);
    const { title, result } = runInChild(b.name);
    const text = section(b.name, title, result);
    process.stdout.write(`${text}\n\n`);
    doc = replaceSection(doc, b.name, text);
    // Written after each benchmark: a later one that fails keeps what was measured.
    const tmp = `${FILE}.tmp`;
    fs.writeFileSync(tmp, doc);
    fs.renameSync(tmp, FILE);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
