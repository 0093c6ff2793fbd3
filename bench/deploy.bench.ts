// `claimkit deploy` against a plain `a0deploy import -i tenant.yaml`, side by side on fresh local
// tenants: wall time (split into start-up, build, plan, apply and verify) and requests, for the example
// project (a first deploy, a no-op redeploy, a one-Action change) and for the full tenant.yaml of the
// tests (every section claimkit deploys: a first deploy and a no-op). Both tools run as child processes
// (both pay start-up) and are counted the same way, on the server side.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeploySummary } from '../src/deploy/deploy.ts';
import { serve } from '../src/tenant/server.ts';
import { bootstrapClient } from '../src/tenant/store/seed.ts';
import { createHandler, createTenant, ensureCertificates, initialData, loadOrCreateSigningKey, resolveSettings, statePaths, TenantStore, type Tenant } from '../src/tenant/index.ts';
import { TENANT_DEFAULTS } from '../src/tenant/defaults.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(__dirname, '..');
const CHANGED = 'add-api-claims';
const FULL = path.join(ROOT, 'test/deploy/full-tenant');
/** The local tenant's default build delay (TENANT_DEFAULTS.buildDelayMs), which the benchmark keeps. */
const BUILD_DELAY_MS = TENANT_DEFAULTS.buildDelayMs;

interface Project {
  name: string;
  /** Where actions/, tenant.yaml (and claims.yaml) are copied from. */
  from: string;
  mappings: Record<string, unknown>;
  scenarios: ReadonlyArray<{ name: string; before?: (dir: string) => void }>;
}

interface Req { method: string; path: string; status: number; at: number }
/** The same rule as claimkit's client-side counter (src/deploy/http.ts), applied on the server. */
function kind(r: Req): 'token' | 'read' | 'test' | 'write' {
  if (r.path === '/oauth/token') return 'token';
  if (r.method === 'GET' || r.method === 'HEAD') return 'read';
  return r.method === 'POST' && /^\/api\/v2\/actions\/actions\/[^/]+\/test$/.test(r.path) ? 'test' : 'write';
}

interface CountedTenant { env: Record<string, string>; log: Req[]; tenant: Tenant; close(): Promise<void> }

/** What runTenant does, with the fetch-shaped handler wrapped to log every request it answers. */
async function countedTenant(stateDir: string, mappings: Record<string, unknown>): Promise<CountedTenant> {
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
  Object.assign(env, { AUTH0_DOMAIN: tenant.domain, AUTH0_CLIENT_ID: client.client_id, AUTH0_CLIENT_SECRET: client.client_secret, NODE_EXTRA_CA_CERTS: tls.caFile, AUTH0_KEYWORD_REPLACE_MAPPINGS: JSON.stringify(mappings) });
  return { env, log, tenant, close: async () => (await server.close(), await store.flush()) };
}

/** A copy of a project, linked to ours, that `npm run build` and both tools can run in. */
function projectCopy(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-deploy-'));
  for (const f of ['node_modules', 'src', 'bin']) fs.symlinkSync(path.join(ROOT, f), path.join(dir, f));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  for (const f of ['claims.yaml', 'tenant.yaml']) if (fs.existsSync(path.join(from, f))) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  fs.cpSync(path.join(from, 'actions'), path.join(dir, 'actions'), { recursive: true });
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

const PROJECTS: readonly Project[] = [
  {
    name: 'example project',
    from: ROOT,
    mappings: { CLAIM_NAMESPACE: 'https://claims.example.com/' },
    scenarios: [{ name: '(a) first deploy' }, { name: '(b) no-op redeploy' }, { name: `(c) one Action changed (${CHANGED})`, before: changeOneAction }],
  },
  {
    name: 'full tenant.yaml',
    from: FULL,
    mappings: { CLAIM_NAMESPACE: 'https://claims.example.com/', ENVIRONMENT: 'bench', SPA_CALLBACKS: ['http://localhost:3000/callback'], ALLOWED_DOMAIN: 'example.com' },
    scenarios: [{ name: '(d) full tenant.yaml, first deploy' }, { name: '(e) full tenant.yaml, no-op redeploy' }],
  },
];

interface Measured {
  tool: string;
  scenario: string;
  ms: number;
  prepareMs: number | undefined;
  /** From launch to the first Management API request the tenant answered, and to the first write. */
  firstRequestMs: number | undefined;
  firstWriteMs: number | undefined;
  /** claimkit's own step times (its --json summary). */
  steps: DeploySummary['steps'] | undefined;
  reqs: Req[];
  writes: string[];
  versions: number;
  client: DeploySummary['requests'] | undefined;
  /** Whether the run changed only the one Action (and the bindings), for scenario (c). */
  onlyChanged: boolean;
}

/** `PATCH /api/v2/actions/actions/<uuid>/deploy` → `PATCH actions/add-api-claims/deploy`. */
function endpoint(r: Req, tenant: Tenant): string {
  const p = r.path.replace(/^\/api\/v2\//, '').replace(/^actions\/actions\/([^/]+)/, (whole, id: string) => {
    const name = tenant.store.data.actions.find((a) => a.id === id)?.name;
    return name === undefined ? whole : `actions/${name}`;
  });
  return `${r.method} ${p.replace(/\/(rol_\w+|con_\w+|org_\w+|cgr_\w+|[0-9a-f]{24}|[A-Za-z0-9]{32})(?=\/|$)/g, '/{id}')}`;
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

async function measureTool(tool: Tool, project: Project): Promise<Measured[]> {
  const dir = projectCopy(project.from);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-tenant-'));
  const t = await countedTenant(stateDir, project.mappings);
  const out: Measured[] = [];
  try {
    for (const scenario of project.scenarios) {
      scenario.before?.(dir);
      const prepared = await tool.prepare?.(dir, t.env);
      if (prepared && prepared.code !== 0) throw new Error(`${tool.name}: build failed\n${prepared.stderr}`);
      const from = t.log.length;
      const start = performance.now();
      const exit = await tool.deploy(dir, t.env);
      if (exit.code !== 0) throw new Error(`${tool.name} ${scenario.name} exited ${exit.code}\n${exit.stdout.slice(-4000)}\n${exit.stderr.slice(-4000)}`);
      const reqs = t.log.slice(from);
      if (project.from === ROOT) {
        const deployed = t.tenant.store.data.actions.find((a) => a.name === CHANGED)?.code;
        if (deployed === undefined || /["']starter["']/.test(deployed) !== (scenario.before !== undefined)) throw new Error(`${tool.name} ${scenario.name}: the tenant's ${CHANGED} is not the expected code`);
      }
      const summary = tool.prepare ? undefined : (JSON.parse(exit.stdout) as DeploySummary);
      const firstWrite = reqs.find((r) => kind(r) === 'write');
      const firstApi = reqs.find((r) => kind(r) !== 'token');
      const writes = grouped(reqs, t.tenant);
      out.push({
        tool: tool.name,
        scenario: scenario.name,
        ms: exit.ms,
        prepareMs: prepared?.ms,
        // The first Management API request: a0deploy gets its token first, then compiles its schema.
        firstRequestMs: firstApi && firstApi.at - start,
        firstWriteMs: firstWrite && firstWrite.at - start,
        steps: summary?.steps,
        reqs,
        writes,
        versions: t.tenant.store.data.versions.length,
        client: summary?.requests,
        onlyChanged: writes.every((w) => w.includes(`actions/${CHANGED}`) || w.includes('triggers/post-login/bindings')),
      });
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
const stepMs = (m: Measured, name: string) => m.steps?.find((s) => s.name === name)?.ms ?? 0;

/**
 * Where the time went. claimkit: its own step times, start-up being the rest (process start, loading,
 * the target). a0deploy: start-up until its first request (schema compilation), its reads until its
 * first write (its plan), then the writes until it exits (apply); it verifies nothing.
 */
function split(m: Measured): [string, string, string, string, string] {
  if (m.steps) {
    const [build, plan, apply, verify] = ['build', 'plan', 'apply', 'verify'].map((n) => stepMs(m, n)) as [number, number, number, number];
    return [secs(m.ms - build - plan - apply - verify), secs(build), secs(plan), secs(apply), secs(verify)];
  }
  const first = m.firstRequestMs ?? m.ms;
  const write = m.firstWriteMs ?? m.ms;
  return [secs(first), m.prepareMs === undefined ? '—' : `${secs(m.prepareMs)} (\`npm run build\`, before)`, secs(write - first), secs(m.ms - write), '—'];
}

function row(m: Measured): string[] {
  // claimkit's own client-side count (its --json summary), shown only where it differs from the tenant's.
  const own = (k: 'reads' | 'writes', n: number) => (m.client && m.client[k] !== n ? `${n} (claimkit's own count: ${m.client[k]})` : String(n));
  const counts = [own('writes', count(m, 'write')), own('reads', count(m, 'read')), `${count(m, 'token')} / ${count(m, 'test')}`, String(m.versions)];
  return [m.scenario, m.tool, secs(m.ms), ...split(m), ...counts, m.writes.join('; ') || '—'];
}

export const deployBenchmark: Benchmark = {
  name: 'deploy',
  title: 'Deploy: `claimkit deploy` against a plain `a0deploy import` (issues 6 and 13)',
  async run() {
    const all: Measured[] = [];
    for (const project of PROJECTS) for (const tool of TOOLS) all.push(...(await measureTool(tool, project)));
    const ck = (scenario: string) => all.find((m) => m.tool === TOOLS[0]?.name && m.scenario.startsWith(scenario)) as Measured;
    const a0 = (scenario: string) => all.find((m) => m.tool === TOOLS[1]?.name && m.scenario.startsWith(scenario)) as Measured;
    const noop = ck('(b)');
    const one = ck('(c)');
    const noopMet = count(noop, 'write') === 0 && noop.ms < 2000;
    // The changed Action is built once: the tenant's build delay is waited for once.
    const oneMet = one.onlyChanged && one.ms - BUILD_DELAY_MS < 3000;
    const order = PROJECTS.flatMap((p) => p.scenarios.map((x) => x.name));
    return {
      summary: [
        'Each tool gets a fresh local tenant per project (own state folder, free port, the default 1 s Action build delay) in the benchmark process and a temporary copy of the project:',
        'the example project (3 Actions, the API, the SPA client, the role, the post-login bindings) and the full tenant.yaml of the tests (test/deploy/full-tenant/: 2 APIs, 2 clients, 2 client grants,',
        'the database and a social connection with enabled clients, 2 roles, an organization with 2 connections, 3 Actions of 3 triggers and their bindings, tenant settings).',
        'Both tools run as child processes with AUTH0_DOMAIN / AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET, NODE_EXTRA_CA_CERTS and the same AUTH0_KEYWORD_REPLACE_MAPPINGS:',
        '`node bin/claimkit.cjs deploy --json`, and `a0deploy import -i tenant.yaml` after `npm run build` (its time shown apart).',
        `Step (c) edits actions/${CHANGED}.ts in the copy. Requests are counted by the tenant, by one rule for both: GET is a read, POST /oauth/token a token, POST …/test a smoke test, anything else a write (failed attempts included); claimkit's own client-side counts agree unless shown in parentheses.`,
        "Time split — claimkit: its own steps, start-up being the rest (node, loading, the target); a0deploy: start-up until its first Management API request (after its token: mostly compiling its JSON schema), plan = its reads until its first write (it reads each section just before writing it, so this is near zero), apply = from there until it exits, its fixed 2 s waits included; it verifies nothing.",
        `Targets — a no-op deploy makes 0 writes in under 2 s: ${noopMet ? 'met' : 'NOT met'} (${count(noop, 'write')} writes, ${secs(noop.ms)} including process start-up);`,
        `a one-Action change deploys in under 3 s plus the tenant's build wait (1 s here) and writes only that Action: ${oneMet ? 'met' : 'NOT met'} (${secs(one.ms)}, ${count(one, 'write')} writes;`,
        `a plain a0deploy import of the same change: ${secs(a0('(c)').ms)}, ${count(a0('(c)'), 'write')} writes).`,
        `The full tenant.yaml: ${secs(ck('(d)').ms)} for claimkit's first deploy against ${secs(a0('(d)').ms)} for a0deploy's, and a no-op in ${secs(ck('(e)').ms)} with ${count(ck('(e)'), 'write')} writes against ${secs(a0('(e)').ms)} with ${count(a0('(e)'), 'write')}.`,
        'claimkit applies every section it understands through the auth0 SDK (the calls a0deploy makes, without its schema start-up and fixed 2 s waits: it polls the build instead); a0deploy starts only for sections passed through, which neither tenant.yaml here has.',
      ].join(' '),
      table: {
        head: ['Scenario', 'Tool', 'Wall time', 'Start-up', 'Build', 'Plan', 'Apply', 'Verify', 'Write requests', 'Read requests', 'Token / smoke-test requests', 'Action versions in the tenant after', 'Writes by endpoint'],
        rows: [...all].sort((x, y) => order.indexOf(x.scenario) - order.indexOf(y.scenario)).map(row),
      },
    };
  },
};
