// `claimkit deploy` against a plain `a0deploy import -i tenant.yaml`, side by side on fresh local
// tenants: wall time and requests for a first deploy, a no-op redeploy and a one-Action change. Both
// tools run as child processes (both pay start-up) and are counted the same way, on the server side.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeploySummary } from '../src/deploy/deploy.ts';
import { serve } from '../src/tenant/server.ts';
import { bootstrapClient } from '../src/tenant/store/seed.ts';
import { createHandler, createTenant, ensureCertificates, initialData, loadOrCreateSigningKey, resolveSettings, statePaths, TenantStore, type Tenant } from '../src/tenant/index.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(__dirname, '..');
const CHANGED = 'add-api-claims';
const MAPPINGS = JSON.stringify({ CLAIM_NAMESPACE: 'https://claims.example.com/' });

interface Req { method: string; path: string; status: number; at: number }
/** The same rule as claimkit's client-side counter (src/deploy/http.ts), applied on the server. */
function kind(r: Req): 'token' | 'read' | 'test' | 'write' {
  if (r.path === '/oauth/token') return 'token';
  if (r.method === 'GET' || r.method === 'HEAD') return 'read';
  return r.method === 'POST' && /^\/api\/v2\/actions\/actions\/[^/]+\/test$/.test(r.path) ? 'test' : 'write';
}

interface CountedTenant { env: Record<string, string>; log: Req[]; tenant: Tenant; close(): Promise<void> }

/** What runTenant does, with the fetch-shaped handler wrapped to log every request it answers. */
async function countedTenant(stateDir: string): Promise<CountedTenant> {
  const settings = resolveSettings({ stateDir, port: 0 }, {}, ROOT); // default build delay, as `npm run deploy` gets
  const paths = statePaths(stateDir);
  const tls = await ensureCertificates(stateDir);
  const key = await loadOrCreateSigningKey(paths.keyFile);
  const store = await TenantStore.open(paths.stateFile, () => initialData());
  const log: Req[] = [];
  let tenant: Tenant | undefined;
  const server = await serve(
    (port) => {
      const t = createTenant({ store, key, domain: `127.0.0.1:${port}`, settings, resolveFrom: ROOT });
      tenant = t;
      const inner = createHandler(t, { onError: (err) => process.stderr.write(`tenant: ${String(err)}\n`) });
      return async (request) => {
        const response = await inner(request);
        log.push({ method: request.method, path: new URL(request.url).pathname, status: response.status, at: performance.now() });
        return response;
      };
    },
    { port: settings.port, cert: tls.certPem, key: tls.keyPem, bodyLimitBytes: settings.bodyLimitBytes, keepAliveTimeoutMs: settings.keepAliveTimeoutMs, headersTimeoutMs: settings.headersTimeoutMs },
  );
  const client = bootstrapClient(store.data);
  if (!tenant || !client) throw new Error('the bench tenant has no bootstrap client');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('AUTH0_') && !k.startsWith('CLAIMKIT_')) env[k] = v;
  Object.assign(env, { AUTH0_DOMAIN: tenant.domain, AUTH0_CLIENT_ID: client.client_id, AUTH0_CLIENT_SECRET: client.client_secret, NODE_EXTRA_CA_CERTS: tls.caFile, AUTH0_KEYWORD_REPLACE_MAPPINGS: MAPPINGS });
  return { env, log, tenant, close: async () => (await server.close(), await store.flush()) };
}

/** A copy of the example project, linked to ours, that `npm run build` and both tools can run in. */
function projectCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-deploy-'));
  for (const f of ['node_modules', 'src', 'bin']) fs.symlinkSync(path.join(ROOT, f), path.join(dir, f));
  for (const f of ['claims.yaml', 'tenant.yaml', 'package.json']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  fs.cpSync(path.join(ROOT, 'actions'), path.join(dir, 'actions'), { recursive: true });
  return dir;
}

interface Exit { code: number | null; ms: number; stdout: string; stderr: string }

function run(cmd: string, args: string[], cwd: string, env: Record<string, string>): Promise<Exit> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - start, stdout, stderr }));
  });
}

interface Tool {
  name: string;
  /** Work done before the timed run (a0deploy needs the bundles on disk), timed apart. */
  prepare?(dir: string, env: Record<string, string>): Promise<Exit>;
  deploy(dir: string, env: Record<string, string>): Promise<Exit>;
}

const TOOLS: readonly Tool[] = [
  { name: '`claimkit deploy`', deploy: (dir, env) => run(process.execPath, [path.join(ROOT, 'bin/claimkit.cjs'), 'deploy', '--json'], dir, env) },
  {
    name: '`a0deploy import`',
    prepare: (dir, env) => run('npm', ['run', 'build', '--silent'], dir, env),
    deploy: (dir, env) => run(path.join(ROOT, 'node_modules/.bin/a0deploy'), ['import', '-i', 'tenant.yaml'], dir, env),
  },
];

/** The one-Action change: a different default plan in add-api-claims (the deployed code must then hold it). */
function changeOneAction(dir: string): void {
  const file = path.join(dir, 'actions', `${CHANGED}.ts`);
  const source = fs.readFileSync(file, 'utf8');
  if (!source.includes("'free'")) throw new Error(`${file} no longer has 'free' to change`);
  fs.writeFileSync(file, source.replace("'free'", "'starter'"));
}

const SCENARIOS: ReadonlyArray<{ name: string; before?: (dir: string) => void }> = [
  { name: '(a) first deploy' },
  { name: '(b) no-op redeploy' },
  { name: `(c) one Action changed (${CHANGED})`, before: changeOneAction },
];

interface Measured { tool: string; scenario: number; ms: number; prepareMs: number | undefined; firstWriteMs: number | undefined; reqs: Req[]; writes: string[]; versions: number; client: DeploySummary['requests'] | undefined }

/** `PATCH /api/v2/actions/actions/<uuid>/deploy` → `PATCH actions/add-api-claims/deploy`. */
function endpoint(r: Req, tenant: Tenant): string {
  const p = r.path.replace(/^\/api\/v2\//, '').replace(/^actions\/actions\/([^/]+)/, (whole, id: string) => {
    const name = tenant.store.data.actions.find((a) => a.id === id)?.name;
    return name === undefined ? whole : `actions/${name}`;
  });
  return `${r.method} ${p.replace(/\/(rol_\w+|[0-9a-f]{24}|[A-Za-z0-9]{32})(?=\/|$)/g, '/{id}')}`;
}

function grouped(reqs: Req[], tenant: Tenant): string[] {
  const by = new Map<string, { n: number; failed: number }>();
  for (const r of reqs.filter((x) => kind(x) === 'write')) {
    const g = by.get(endpoint(r, tenant)) ?? { n: 0, failed: 0 };
    g.n++;
    if (r.status >= 400) g.failed++;
    by.set(endpoint(r, tenant), g);
  }
  return [...by].map(([e, g]) => `${e}${g.n > 1 ? ` ×${g.n}` : ''}${g.failed ? ` (${g.failed} answered ≥ 400)` : ''}`);
}

async function measureTool(tool: Tool): Promise<Measured[]> {
  const dir = projectCopy();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-tenant-'));
  const t = await countedTenant(stateDir);
  const out: Measured[] = [];
  try {
    for (const [i, scenario] of SCENARIOS.entries()) {
      scenario.before?.(dir);
      const prepared = await tool.prepare?.(dir, t.env);
      if (prepared && prepared.code !== 0) throw new Error(`${tool.name}: build failed\n${prepared.stderr}`);
      const from = t.log.length;
      const start = performance.now();
      const exit = await tool.deploy(dir, t.env);
      if (exit.code !== 0) throw new Error(`${tool.name} ${scenario.name} exited ${exit.code}\n${exit.stdout.slice(-4000)}\n${exit.stderr.slice(-4000)}`);
      const reqs = t.log.slice(from);
      const deployed = t.tenant.store.data.actions.find((a) => a.name === CHANGED)?.code;
      if (deployed === undefined || /["']starter["']/.test(deployed) !== (scenario.before !== undefined)) throw new Error(`${tool.name} ${scenario.name}: the tenant's ${CHANGED} is not the expected code`);
      const client = tool.prepare ? undefined : (JSON.parse(exit.stdout) as DeploySummary).requests;
      const firstWrite = reqs.find((r) => kind(r) === 'write');
      const versions = t.tenant.store.data.versions.length;
      out.push({ tool: tool.name, scenario: i, ms: exit.ms, prepareMs: prepared?.ms, firstWriteMs: firstWrite && firstWrite.at - start, reqs, writes: grouped(reqs, t.tenant), versions, client });
      process.stdout.write(`  ${tool.name} ${scenario.name}: ${(exit.ms / 1000).toFixed(1)} s, ${reqs.filter((r) => kind(r) === 'write').length} writes\n`);
    }
  } finally {
    await t.close();
    for (const d of [dir, stateDir]) fs.rmSync(d, { recursive: true, force: true });
  }
  return out;
}

const count = (m: Measured, k: ReturnType<typeof kind>) => m.reqs.filter((r) => kind(r) === k).length;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function row(m: Measured): string[] {
  // claimkit's own client-side count (its --json summary), shown only where it differs from the tenant's.
  const own = (k: 'reads' | 'writes', n: number) => (m.client && m.client[k] !== n ? `${n} (claimkit's own count: ${m.client[k]})` : String(n));
  const build = m.prepareMs === undefined ? '' : ` + ${secs(m.prepareMs)} \`npm run build\``;
  const firstWrite = m.firstWriteMs === undefined ? '' : `; first write at ${secs(m.firstWriteMs)}`;
  const counts = [own('writes', count(m, 'write')), own('reads', count(m, 'read')), `${count(m, 'token')} / ${count(m, 'test')}`, String(m.versions)];
  return [SCENARIOS[m.scenario]?.name ?? '', m.tool, `${secs(m.ms)}${build}${firstWrite}`, ...counts, m.writes.join('; ') || '—'];
}

/** Whether every write of a run touched only the changed Action or the post-login bindings. */
const onlyChanged = (m: Measured) => m.writes.every((w) => w.includes(`actions/${CHANGED}`) || w.includes('triggers/post-login/bindings'));

export const deployBenchmark: Benchmark = {
  name: 'deploy',
  title: 'Deploy: `claimkit deploy` against a plain `a0deploy import` (issue 6)',
  async run() {
    const all: Measured[] = [];
    for (const tool of TOOLS) all.push(...(await measureTool(tool)));
    const ck = (i: number) => all.find((m) => m.tool === TOOLS[0]?.name && m.scenario === i) as Measured;
    const a0 = (i: number) => all.find((m) => m.tool === TOOLS[1]?.name && m.scenario === i) as Measured;
    const noop = ck(1);
    const noopMet = count(noop, 'write') === 0 && noop.ms < 3000;
    return {
      summary: [
        'Each tool gets a fresh local tenant (own state folder, free port, default 1 s Action build delay) in the benchmark process and a temporary copy of the example project',
        '(3 Actions, the API, the SPA client, the role, the post-login bindings of tenant.yaml). Both run as child processes with AUTH0_DOMAIN / AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET,',
        'NODE_EXTRA_CA_CERTS and the same AUTH0_KEYWORD_REPLACE_MAPPINGS: `node bin/claimkit.cjs deploy --json`, and `a0deploy import -i tenant.yaml` after `npm run build` (its time shown apart).',
        `Step (c) edits actions/${CHANGED}.ts in the copy. Requests are counted by the tenant, by one rule for both: GET is a read, POST /oauth/token a token, POST …/test a smoke test, anything else a write (failed attempts included); claimkit's own client-side counts agree unless shown in parentheses.`,
        `Targets — a no-op deploy makes 0 writes in under 3 s: ${noopMet ? 'met' : 'NOT met'} (${count(noop, 'write')} writes, ${secs(noop.ms)} including process start-up);`,
        `a one-Action change writes only that Action (and the bindings if they changed): ${onlyChanged(ck(2)) ? 'met' : 'NOT met'}.`,
        `A plain a0deploy import wrote ${count(a0(1), 'write')} times for the no-op and ${count(a0(2), 'write')} for the one-Action change (${onlyChanged(a0(2)) ? 'only that Action' : 'it rewrites and redeploys everything in the file'}).`,
        `Where the time goes: auth0-deploy-cli's start-up (its first write comes ${secs(a0(1).firstWriteMs ?? 0)} after launch; claimkit pays it too, inside its apply step, but only when the plan has changes)`,
        'and its fixed 2 s waits (deploys retried every 2 s until the build is done; 2 s before the bindings).',
      ].join(' '),
      table: { head: ['Scenario', 'Tool', 'Wall time', 'Write requests', 'Read requests', 'Token / smoke-test requests', 'Action versions in the tenant after', 'Writes by endpoint'], rows: all.sort((x, y) => x.scenario - y.scenario).map(row) },
    };
  },
};
