// End-to-end: `claimkit deploy` against real local tenants (background processes, as `npm run deploy`
// starts them), applying with the real auth0-deploy-cli in this process. The first apply pays
// a0deploy's schema start-up (~20 s); later ones in the same process start at once.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { formatDeploySummary } from '../../src/cli/commands/deploy.ts';
import { main } from '../../src/cli/main.ts';
import { deploy, type DeploySummary } from '../../src/deploy/deploy.ts';
import { captureIo } from '../cli/helpers.ts';
import { copyProject, type DeployProject } from './project.ts';

jest.setTimeout(240_000);

const run = (p: DeployProject, options: { dryRun?: boolean; allowDelete?: boolean; env?: Record<string, string> } = {}): Promise<DeploySummary> =>
  deploy({ tenantFile: path.join(p.dir, 'tenant.yaml'), env: { ...p.env, ...(options.env ?? {}) }, dryRun: options.dryRun ?? false, allowDelete: options.allowDelete ?? false, log: () => {} });

const changes = (s: DeploySummary) => (s.plan?.changes ?? []).filter((c) => c.change !== 'unchanged').map((c) => `${c.change} ${c.type} ${c.name}`);
const bindings = (s: DeploySummary, trigger = 'post-login') => s.plan?.changes.find((c) => c.section === 'triggers' && c.name === trigger);
const stateFile = (p: DeployProject) => fs.readFileSync(path.join(p.stateDir, 'state.json'), 'utf8');
/**
 * A deploy ends with the demo user's login, whose logins_count the tenant saves within 500 ms of it
 * (src/tenant/login/stats.ts): let that land (the state file stays the same for 600 ms) before taking
 * the state a test compares with.
 */
async function loginSaved(p: DeployProject): Promise<void> {
  let seen = stateFile(p);
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 600));
    const now = stateFile(p);
    if (now === seen) return;
    seen = now;
  }
}

describe('deploy to the local tenant', () => {
  const p = copyProject();
  afterAll(() => p.stop());

  test('first deploy: creates everything, binds in order, verifies', async () => {
    const s = await run(p);
    expect(s.error).toBeNull();
    expect(s.ok).toBe(true);
    expect(s.target?.kind).toBe('local');
    expect(s.steps.map((x) => [x.name, x.status])).toEqual([['target', 'ok'], ['build', 'ok'], ['plan', 'ok'], ['apply', 'ok'], ['verify', 'ok'], ['login', 'ok']]);
    expect(changes(s)).toEqual(
      expect.arrayContaining([
        'create action add-custom-claims',
        'create action add-role-claims',
        'create action add-api-claims',
        'create action add-machine-claims',
        'create role reports-admin',
        'create API https://api.example.com',
        'create client Claims Demo SPA',
        'create client Claims Demo Worker',
      ]),
    );
    expect(bindings(s)).toMatchObject({ change: 'update', summary: '[] → [add-custom-claims, add-api-claims]' });
    expect(bindings(s, 'credentials-exchange')).toMatchObject({ change: 'update', summary: '[] → [add-machine-claims]' });
    expect(s.verification?.smokeTests.map((t) => [t.action, t.ok])).toEqual([['add-custom-claims', true], ['add-role-claims', true], ['add-api-claims', true], ['add-machine-claims', true]]);
    expect(s.requests.writes).toBeGreaterThan(0);
    expect(s.requests.writeLog).toContain('PATCH /api/v2/actions/triggers/post-login/bindings');
  });

  test('no-op redeploy: nothing changed, zero writes, apply skipped, still verified', async () => {
    const s = await run(p);
    expect(s.ok).toBe(true);
    expect(changes(s)).toEqual([]);
    expect(s.steps.find((x) => x.name === 'apply')?.detail).toMatch(/skipped/);
    expect(s.requests.writes).toBe(0);
    expect(s.verification?.ok).toBe(true);
    expect(formatDeploySummary(s)).toMatch(/Nothing changed/);
  });

  test("a role permission the tenant's API does not define stops the deploy before any write, also when tenant.yaml has no resourceServers", async () => {
    // A project of its own (no claims.yaml, no Actions) deploying to the same tenant.
    const file = path.join(p.dir, 'roles-only', 'tenant.yaml');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'roles:\n  - name: reports-auditor\n    permissions:\n      - { permission_name: delete:reports, resource_server_identifier: https://api.example.com }\n');
    const s = await deploy({ tenantFile: file, env: p.env, dryRun: false, allowDelete: false, log: () => {} });
    expect(s.error).toMatchObject({ code: 'ERR_TENANT_YAML_INVALID', message: expect.stringContaining('defines no such scope (read:reports, write:reports)') });
    expect(s.requests.writes).toBe(0);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  test('dry run after a change: the plan shows it, the tenant sees zero writes and keeps the old code', async () => {
    const file = path.join(p.dir, 'actions/add-api-claims.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("'free'", "'starter'"));
    await loginSaved(p);
    const before = stateFile(p);
    const s = await run(p, { dryRun: true });
    expect(s.ok).toBe(true);
    expect(changes(s)).toEqual(['update action add-api-claims']);
    expect(s.steps.filter((x) => x.status === 'skipped').map((x) => x.name)).toEqual(['apply', 'verify', 'login']);
    expect(s.requests.writes).toBe(0);
    expect(stateFile(p)).toBe(before);
  });

  test('one changed Action: only that Action is written; bindings untouched', async () => {
    const s = await run(p);
    expect(s.ok).toBe(true);
    expect(changes(s)).toEqual(['update action add-api-claims']);
    expect(bindings(s)?.change).toBe('unchanged');
    const id = s.plan?.changes.find((c) => c.name === 'add-api-claims')?.id as string;
    // One update and one deploy once the build is done: no retried deploys, nothing else written.
    expect(s.requests.writeLog).toEqual([`PATCH /api/v2/actions/actions/${id}`, `POST /api/v2/actions/actions/${id}/deploy`]);
    expect(s.verification?.ok).toBe(true);
  });

  test('a failed build stops before a single request, exit 2', async () => {
    const file = path.join(p.dir, 'actions/add-role-claims.ts');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, 'export const onExecutePostLogin = () => {};\n');
    try {
      const io = captureIo({ cwd: p.dir, env: p.env });
      expect(await main(['deploy', '--json'], io)).toBe(2);
      const s = JSON.parse(io.out()) as DeploySummary;
      expect(s.error?.code).toBe('ERR_BUILD_FAILED');
      expect(s.requests).toEqual({ reads: 0, writes: 0, tests: 0, tokens: 0, writeLog: [] });
    } finally {
      fs.writeFileSync(file, good);
    }
  });

  test('bad credentials: a one-paragraph error, exit 1, nothing written', async () => {
    const info = JSON.parse(fs.readFileSync(path.join(p.stateDir, 'tenant.json'), 'utf8')) as { domain: string; caFile: string };
    await loginSaved(p);
    const before = stateFile(p);
    const io = captureIo({ cwd: p.dir, env: { ...p.env, AUTH0_DOMAIN: info.domain, AUTH0_CLIENT_ID: 'nope', AUTH0_CLIENT_SECRET: 'wrong', NODE_EXTRA_CA_CERTS: info.caFile } });
    expect(await main(['deploy'], io)).toBe(1);
    expect(io.out()).toMatch(/Deploy failed \[ERR_DEPLOY_AUTH\]: .*refused the deploy's credentials \(HTTP 401.*Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET/);
    expect(stateFile(p)).toBe(before);
  });

  test('an unreachable domain, and half the credentials, each say what to do', async () => {
    const unreachable = await run(p, { env: { AUTH0_DOMAIN: '127.0.0.1:59999', AUTH0_CLIENT_ID: 'x', AUTH0_CLIENT_SECRET: 'y' } });
    expect(unreachable.error).toEqual({ code: 'ERR_DEPLOY_UNREACHABLE', message: expect.stringMatching(/Cannot reach https:\/\/127\.0\.0\.1:59999 \(ECONNREFUSED\)\. Check AUTH0_DOMAIN/) });
    const half = await run(p, { env: { AUTH0_DOMAIN: 'acme.eu.auth0.com' } });
    expect(half.error).toEqual({ code: 'ERR_DEPLOY_TARGET', message: expect.stringMatching(/AUTH0_DOMAIN is set but AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET are not/) });
    // In CI, no credentials means a forgotten secret, not "use the local tenant".
    const ci = await run(p, { env: { CI: 'true' } });
    expect(ci.error).toEqual({ code: 'ERR_DEPLOY_TARGET', message: expect.stringMatching(/CI is set .* pass --local/) });
    expect(ci.requests.reads + ci.requests.writes).toBe(0);
  });
});

describe('a deploy killed mid-way', () => {
  interface State {
    actions: Array<{ id: string; name: string; deployed_version_id?: string | null }>;
    bindings: Record<string, Array<{ action_id: string }>>;
  }
  const read = (p: DeployProject) => JSON.parse(stateFile(p)) as State;

  test('leaves the bindings pointing only at deployed versions, and a re-run converges', async () => {
    const p = copyProject();
    try {
      expect((await run(p)).ok).toBe(true);
      // A new Action, bound first: the kill comes after the tenant has it, before any binding change.
      fs.copyFileSync(path.join(p.dir, 'actions/add-role-claims.ts'), path.join(p.dir, 'actions/new-claims.ts'));
      const yaml = fs.readFileSync(path.join(p.dir, 'tenant.yaml'), 'utf8');
      const entry = '  - name: new-claims\n    code: ./dist/actions/new-claims.js\n    runtime: node22\n    deployed: true\n    supported_triggers:\n      - id: post-login\n        version: v3\n';
      fs.writeFileSync(
        path.join(p.dir, 'tenant.yaml'),
        yaml.replace('actions:\n', `actions:\n${entry}`).replace('  post-login:\n', '  post-login:\n    - action_name: new-claims\n      display_name: New claims\n'),
      );
      const child = spawn(process.execPath, [path.join(__dirname, '../../bin/claimkit.cjs'), 'deploy'], { cwd: p.dir, env: p.env, stdio: 'ignore' });
      const deadline = Date.now() + 120_000;
      while (!read(p).actions.some((a) => a.name === 'new-claims') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const state = read(p);
      expect(state.actions.some((a) => a.name === 'new-claims')).toBe(true);
      const bound = (state.bindings['post-login'] ?? []).map((b) => state.actions.find((a) => a.id === b.action_id));
      expect(bound.map((a) => a?.name)).toEqual(['add-custom-claims', 'add-api-claims']);
      for (const a of bound) expect(a?.deployed_version_id).toEqual(expect.any(String));
      const again = await run(p);
      expect(again.error).toBeNull();
      expect(bindings(again)).toMatchObject({ change: 'update', summary: '[add-custom-claims, add-api-claims] → [new-claims, add-custom-claims, add-api-claims]' });
      expect(again.verification?.ok).toBe(true);
    } finally {
      await p.stop();
    }
  });
});

describe('deploy under injected faults', () => {
  test('429s and 500s are retried; the deploy succeeds and verifies', async () => {
    const p = copyProject({ CLAIMKIT_TENANT_FAULTS: 'POST /api/v2/actions/actions/*/deploy=429:1x2,GET /api/v2/actions/actions=500x1,PATCH /api/v2/actions/triggers/*/bindings=503x1' });
    try {
      const s = await run(p);
      expect(s.error).toBeNull();
      expect(s.verification?.ok).toBe(true);
    } finally {
      await p.stop();
    }
  });

  test('a failed build: non-zero exit, the failed Action is never bound, and a re-run converges', async () => {
    const p = copyProject({ CLAIMKIT_TENANT_FAULTS: 'build=failedx1' });
    try {
      const first = await run(p);
      expect(first.ok).toBe(false);
      expect(first.error?.code).toBe('ERR_DEPLOY_APPLY_FAILED');
      expect(first.requests.writeLog).not.toContain('PATCH /api/v2/actions/triggers/post-login/bindings');
      const again = await run(p);
      expect(again.error).toBeNull();
      expect(again.ok).toBe(true);
      expect(again.verification?.ok).toBe(true);
    } finally {
      await p.stop();
    }
  });
});
