// `npm run bench [-- NAME ...]`: runs the benchmarks and rewrites their sections in BENCHMARKS.md,
// each with the machine and the command that produced it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBenchmark } from './build.bench.ts';
import { claimsBenchmark } from './claims.bench.ts';
import { deployBenchmark } from './deploy.bench.ts';
import { harnessBenchmark } from './harness.bench.ts';
import { loginBenchmark } from './login.bench.ts';
import { m2mTokenBenchmark } from './m2m-token.bench.ts';
import { parityBenchmark } from './parity.bench.ts';
import { pullBenchmark } from './pull.bench.ts';
import { tenantActionsBenchmark } from './tenant-actions.bench.ts';
import { tenantLoadBenchmark } from './tenant-load.bench.ts';
import type { Benchmark, BenchResult } from './types.ts';

const BENCHMARKS: readonly Benchmark[] = [harnessBenchmark, claimsBenchmark, buildBenchmark, deployBenchmark, tenantLoadBenchmark, tenantActionsBenchmark, loginBenchmark, m2mTokenBenchmark, parityBenchmark, pullBenchmark];
const FILE = path.resolve(__dirname, '..', 'BENCHMARKS.md');
const HEADER = '# Benchmarks\n\nProduced by `npm run bench` (one section per benchmark; `npm run bench -- NAME` reruns one). Numbers are from the machine named in each section.\n';

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

function section(b: Benchmark, r: BenchResult): string {
  const { head, rows } = r.table;
  const table = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  return [
    `<!-- bench:${b.name} -->`,
    `## ${b.title}`,
    '',
    r.summary,
    '',
    table,
    '',
    `Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}. Command: \`npm run bench -- ${b.name}\`.`,
    `<!-- /bench:${b.name} -->`,
  ].join('\n');
}

function replaceSection(doc: string, name: string, text: string): string {
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  return re.test(doc) ? doc.replace(re, text) : `${doc.trimEnd()}\n\n${text}\n`;
}

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}.\n`);
    process.exitCode = 2;
    return;
  }
  let doc = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : HEADER;
  for (const b of BENCHMARKS.filter((x) => names.length === 0 || names.includes(x.name))) {
    process.stdout.write(`running ${b.name}…\n`);
    const text = section(b, await b.run());
    process.stdout.write(`${text}\n\n`);
    doc = replaceSection(doc, b.name, text);
  }
  const tmp = `${FILE}.tmp`;
  fs.writeFileSync(tmp, doc);
  fs.renameSync(tmp, FILE);
}

void main(process.argv.slice(2));
