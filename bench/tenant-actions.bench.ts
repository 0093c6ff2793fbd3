// Action executions on the local tenant under concurrency: the two example Actions of the post-login
// flow are created on a tenant in its own process, then `POST /api/v2/actions/actions/{id}/test` is
// called for each, many at once. Each test request runs the Action's code in the tenant's Action
// engine (its own processes, permission model, time budget), so two test requests are one login's
// worth of Action executions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadActionFile } from '../src/project/load-action.ts';
import { fmtRate } from './measure.ts';
import { startBenchTenant, type BenchTenant } from './tenant-process.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(__dirname, '..');
const FLOW = ['add-role-claims', 'add-api-claims'];
const LEVELS = [8, 64];
const SECONDS = 5;
const PAYLOAD = {
  authorization: { roles: ['admin', 'editor', 'viewer'] },
  resource_server: { identifier: 'https://api.example.com' },
  user: { app_metadata: { tenant_id: 't-42' } },
};

async function createActions(t: BenchTenant): Promise<string[]> {
  const ids: string[] = [];
  for (const name of FLOW) {
    const { code } = await loadActionFile(path.join(ROOT, 'actions', `${name}.ts`), { root: ROOT });
    const res = await t.post('/api/v2/actions/actions', { name, code, runtime: 'node22', supported_triggers: [{ id: 'post-login', version: 'v3' }] });
    if (res.status !== 201) throw new Error(`creating ${name} answered ${res.status}: ${JSON.stringify(res.json)}`);
    ids.push(String(res.json['id']));
  }
  for (const id of ids) {
    for (let status = ''; status !== 'built'; ) {
      status = String((await t.get(`/api/v2/actions/actions/${id}`)).json['status']);
      if (status === 'failed') throw new Error(`the build of ${id} failed`);
      if (status !== 'built') await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return ids;
}

/** `concurrency` callers, each testing the flow's Actions in turn, for `seconds`: executions per second and latencies. */
async function drive(t: BenchTenant, ids: readonly string[], concurrency: number, seconds: number) {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const caller = async (offset: number) => {
    for (let i = offset; performance.now() < until; i++) {
      const res = await t.post(`/api/v2/actions/actions/${ids[i % ids.length]}/test`, { payload: PAYLOAD });
      const outcome = (res.json['payload'] as { outcome?: string } | undefined)?.outcome;
      if (res.status !== 200 || outcome !== 'success') throw new Error(`a test answered ${res.status} (${outcome})`);
      latencies.push(res.ms);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => caller(i)));
  const rate = latencies.length / ((performance.now() - start) / 1000);
  latencies.sort((a, b) => a - b);
  return { rate, p50: latencies[Math.floor(latencies.length / 2)] ?? NaN, p99: latencies[Math.floor(latencies.length * 0.99)] ?? NaN };
}

export const tenantActionsBenchmark: Benchmark = {
  name: 'tenant-actions',
  title: 'Local tenant: Action executions per second under concurrency (issue 9)',
  async run() {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-actions-'));
    const t = await startBenchTenant(stateDir, Math.max(...LEVELS) + 4);
    try {
      const ids = await createActions(t);
      await drive(t, ids, 8, 1); // warm-up: engine processes started, modules loaded
      const rows: string[][] = [];
      for (const concurrency of LEVELS) {
        const r = await drive(t, ids, concurrency, SECONDS);
        rows.push([String(concurrency), fmtRate(r.rate), fmtRate(r.rate / FLOW.length), `${r.p50.toFixed(1)} ms`, `${r.p99.toFixed(1)} ms`]);
      }
      return {
        summary: `The example flow's two Actions (${FLOW.join(' → ')}) created on a local tenant started with \`tenant start --foreground\` in its own process; \`POST /api/v2/actions/actions/{id}/test\` for each in turn, over HTTPS with keep-alive, from the benchmark process, ${SECONDS} s per row after a 1 s warm-up. Each request is validated, runs the Action's code in the tenant's Action engine (engine processes with Node's permission model, executor thread, time budget) on the payload merged onto the default event, and answers the result; two requests are one login's worth of Action executions. Client and tenant share the machine's 2 cores.`,
        table: { head: ['Concurrent callers', 'Action executions / s', "Logins' worth / s", 'Latency p50', 'Latency p99'], rows },
      };
    } finally {
      await t.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  },
};
