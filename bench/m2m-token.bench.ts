// Machine tokens from the local tenant: client-credentials token requests with and without a bound
// credentials-exchange Action (the example's add-machine-claims, built as `claimkit build` builds it),
// against the tenant's fetch-shaped handler in process: requests per second and their latency, one at
// a time and 50 at a time.
import path from 'node:path';
import { buildProject } from '../src/build/build.ts';
import { replaceKeywords } from '../src/claims/keywords.ts';
import { projectKeywordMappings } from '../src/claims/project.ts';
import { createHandler } from '../src/tenant/app.ts';
import { generateSigningKey } from '../src/tenant/auth/keys.ts';
import { issueAccessToken } from '../src/tenant/auth/tokens.ts';
import { ALL_MANAGEMENT_SCOPES } from '../src/tenant/management/scopes.ts';
import { initialData } from '../src/tenant/store/seed.ts';
import { TenantStore } from '../src/tenant/store/store.ts';
import { createTenant } from '../src/tenant/tenant.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(__dirname, '..');
const ORIGIN = 'https://127.0.0.1:4433';
const API = 'https://api.example.com';
const SEQUENTIAL = 200;
const CONCURRENT = 50;
const ROUNDS = 4;

async function setUp() {
  const clock = { now: Date.now() };
  const key = await generateSigningKey();
  const tenant = createTenant({ store: TenantStore.memory(initialData()), key, domain: '127.0.0.1:4433', settings: { buildDelayMs: 0 }, now: () => clock.now, resolveFrom: ROOT });
  const handler = createHandler(tenant, { onError: (err) => { throw err; } });
  const admin = await issueAccessToken(key, { issuer: `${ORIGIN}/`, audience: `${ORIGIN}/api/v2/`, clientId: 'bench', scope: ALL_MANAGEMENT_SCOPES, lifetimeSeconds: 3600, now: clock.now });
  const call = async (method: string, pathname: string, body: unknown) => {
    const res = await handler(new Request(`${ORIGIN}${pathname}`, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    return (await res.json()) as Record<string, unknown>;
  };
  await call('POST', '/api/v2/resource-servers', { name: 'Reports', identifier: API, scopes: [{ value: 'read:reports' }] });
  const worker = await call('POST', '/api/v2/clients', { name: 'Claims Demo Worker', app_type: 'non_interactive', grant_types: ['client_credentials'], client_metadata: { tenant_id: 't-42', plan: 'enterprise' } });
  await tenant.store.write(() => (d) => void d.grants.push({ id: 'cgr_bench', client_id: String(worker['client_id']), audience: API, scope: ['read:reports'] }));
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: String(worker['client_id']), client_secret: String(worker['client_secret']), audience: API }).toString();
  const token = async () => {
    const start = performance.now();
    const res = await handler(new Request(`${ORIGIN}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }));
    if (res.status !== 200) throw new Error(`the token request answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - start;
  };
  const bindMachineClaims = async () => {
    const built = await buildProject({ tenantFile: path.join(ROOT, 'tenant.yaml'), env: process.env, write: false });
    const bundle = built.actions.find((a) => a.name === 'add-machine-claims');
    if (!bundle) throw new Error('the example does not build add-machine-claims');
    const code = replaceKeywords(bundle.code, projectKeywordMappings(ROOT, process.env));
    const action = await call('POST', '/api/v2/actions/actions', { name: 'add-machine-claims', code, supported_triggers: [{ id: 'credentials-exchange', version: 'v2' }] });
    await call('POST', `/api/v2/actions/actions/${String(action['id'])}/deploy`, {});
    await call('PATCH', '/api/v2/actions/triggers/credentials-exchange/bindings', { bindings: [{ ref: { type: 'action_name', value: 'add-machine-claims' } }] });
  };
  return { token, bindMachineClaims };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const fmt = (n: number) => n.toFixed(2);

async function measure(token: () => Promise<number>): Promise<{ seq: number[]; seqRate: number; conc: number[]; concRate: number }> {
  for (let i = 0; i < 20; i++) await token(); // warm: engine processes, module scope, JIT
  const seq: number[] = [];
  const seqStart = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) seq.push(await token());
  const seqRate = SEQUENTIAL / ((performance.now() - seqStart) / 1000);
  const conc: number[] = [];
  const concStart = performance.now();
  for (let r = 0; r < ROUNDS; r++) conc.push(...(await Promise.all(Array.from({ length: CONCURRENT }, () => token()))));
  const concRate = (ROUNDS * CONCURRENT) / ((performance.now() - concStart) / 1000);
  return { seq: seq.sort((a, b) => a - b), seqRate, conc: conc.sort((a, b) => a - b), concRate };
}

export const m2mTokenBenchmark: Benchmark = {
  name: 'm2m-token',
  title: 'Local tenant: machine tokens with credentials-exchange Actions (issue 14)',
  async run() {
    const t = await setUp();
    const without = await measure(t.token);
    await t.bindMachineClaims();
    const withAction = await measure(t.token);
    const row = (what: string, m: Awaited<ReturnType<typeof measure>>) => [
      what,
      `${Math.round(m.seqRate)}`,
      `${fmt(pct(m.seq, 50))} / ${fmt(pct(m.seq, 95))}`,
      `${Math.round(m.concRate)}`,
      `${fmt(pct(m.conc, 50))} / ${fmt(pct(m.conc, 95))}`,
    ];
    return {
      summary: `\`POST /oauth/token\` (client credentials, form-encoded) against the tenant's fetch-shaped handler in process (no TLS): ${SEQUENTIAL} requests one after another, then ${ROUNDS} rounds of ${CONCURRENT} at once, after 20 to warm up. With the binding, each request runs the example's \`add-machine-claims\` bundle in the Action engine (isolated process, one job per request) and signs its claims into an RS256 token.`,
      table: {
        head: ['credentials-exchange Actions bound', 'sequential req/s', 'sequential p50 / p95 (ms)', `${CONCURRENT} at once req/s`, `${CONCURRENT} at once p50 / p95 (ms)`],
        rows: [row('none', without), row('add-machine-claims', withAction)],
      },
    };
  },
};
