// `--env NAME` end to end: two local tenants standing in for dev and staging, each named by its own
// .env.<name> (AUTH0_* and its keyword mappings), so one project deploys a different claim namespace to
// each. And `--local` next to AUTH0_* variables: it deploys to the local tenant and says it ignored them.
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { DeploySummary } from '../../src/deploy/deploy.ts';
import { resolveSettings } from '../../src/tenant/defaults.ts';
import { runTenant, type RunningTenant } from '../../src/tenant/process/run.ts';
import { captureIo } from '../cli/helpers.ts';
import { copyProject } from './project.ts';

jest.setTimeout(120_000);

const p = copyProject();
// Each environment's CA comes from its .env file; a machine-wide NODE_EXTRA_CA_CERTS would win over it.
delete p.env['NODE_EXTRA_CA_CERTS'];
const tenants: Record<'dev' | 'staging', RunningTenant | undefined> = { dev: undefined, staging: undefined };
const NAMESPACE = { dev: 'https://dev.claims.example.com/', staging: 'https://staging.claims.example.com/' };

const dotenv = (t: RunningTenant, namespace: string) =>
  [
    `AUTH0_DOMAIN=${t.info.domain}`,
    `AUTH0_CLIENT_ID=${t.info.clientId}`,
    `AUTH0_CLIENT_SECRET=${t.info.clientSecret}`,
    `NODE_EXTRA_CA_CERTS=${t.info.caFile}`,
    `AUTH0_KEYWORD_REPLACE_MAPPINGS='{"CLAIM_NAMESPACE":"${namespace}"}'`,
  ].join('\n');

async function deployCli(args: string[], env: Record<string, string> = p.env) {
  const io = captureIo({ cwd: p.dir, env });
  const code = await main(['deploy', '--json', ...args], io);
  return { code, summary: JSON.parse(io.out()) as DeploySummary, stderr: io.err() };
}

/** The code each tenant runs for add-custom-claims (undefined before the first deploy there). */
const deployedCode = (t: RunningTenant | undefined) => {
  const data = t?.tenant.store.data;
  const action = data?.actions.find((a) => a.name === 'add-custom-claims');
  return data?.versions.find((v) => v.id === action?.deployed_version_id)?.code;
};

beforeAll(async () => {
  for (const name of ['dev', 'staging'] as const) {
    const t = await runTenant(resolveSettings({ stateDir: path.join(p.dir, `.tenant-${name}`), port: 0, buildDelayMs: 200 }, {}, p.dir));
    tenants[name] = t;
    fs.writeFileSync(path.join(p.dir, `.env.${name}`), `${dotenv(t, NAMESPACE[name])}\n`);
  }
});

afterAll(async () => {
  await Promise.all([tenants.dev?.close(), tenants.staging?.close(), p.stop()]);
});

test('--env dev and --env staging deploy to their own tenants with their own keyword values', async () => {
  const dev = await deployCli(['--env', 'dev']);
  expect(dev.code).toBe(0);
  expect(dev.summary.target).toEqual({ kind: 'remote', domain: tenants.dev?.info.domain });
  expect(deployedCode(tenants.dev)).toContain(NAMESPACE.dev);
  expect(deployedCode(tenants.staging)).toBeUndefined();

  const staging = await deployCli(['--env', 'staging']);
  expect(staging.code).toBe(0);
  expect(deployedCode(tenants.staging)).toContain(NAMESPACE.staging);
  expect(deployedCode(tenants.staging)).not.toContain(NAMESPACE.dev);
  expect(deployedCode(tenants.dev)).toContain(NAMESPACE.dev);

  // Each environment converged on its own: redeploying dev changes nothing there.
  const again = await deployCli(['--env', 'dev']);
  expect(again.summary.requests.writes).toBe(0);
  expect(again.summary.verification?.ok).toBe(true);
});

test('--env with no .env.<name> says which file to create, before any request', async () => {
  const prod = await deployCli(['--env', 'prod']);
  expect(prod.code).toBe(2);
  expect(prod.summary.error).toMatchObject({ code: 'ERR_FILE_NOT_FOUND', message: expect.stringContaining('.env.prod') });
  expect(prod.summary.requests.reads).toBe(0);
});

test('--local next to AUTH0_* deploys to the local tenant and says it ignored them', async () => {
  const dev = tenants.dev as RunningTenant;
  const before = dev.tenant.store.data.versions.length;
  const env = { ...p.env, AUTH0_DOMAIN: dev.info.domain, AUTH0_CLIENT_ID: dev.info.clientId, AUTH0_CLIENT_SECRET: dev.info.clientSecret };
  const local = await deployCli(['--local'], env);
  expect(local.code).toBe(0);
  expect(local.summary.target?.kind).toBe('local');
  expect(local.stderr).toMatch(/--local: deploying to the LOCAL tenant at https:\/\/127\.0\.0\.1:\d+ \(AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET are set and ignored\)/);
  expect(dev.tenant.store.data.versions.length).toBe(before);
  // Without --local the same variables name that tenant again.
  const remote = await deployCli([], env);
  expect(remote.summary.target).toEqual({ kind: 'remote', domain: dev.info.domain });
});
