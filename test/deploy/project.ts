import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopTenant } from '../../src/tenant/index.ts';

const ROOT = path.resolve(__dirname, '../..');

export interface DeployProject {
  dir: string;
  stateDir: string;
  /** The environment a deploy of this project runs with: no AUTH0_*, its own local tenant. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** The full tenant.yaml fixture: every section claimkit deploys, Actions of three triggers. */
export const FULL_TENANT = path.join(__dirname, 'full-tenant');
/** The keyword values the full fixture uses (AUTH0_KEYWORD_REPLACE_MAPPINGS). */
export const FULL_MAPPINGS = { CLAIM_NAMESPACE: 'https://claims.example.com/', ENVIRONMENT: 'dev', SPA_CALLBACKS: ['http://localhost:3000/callback'], ALLOWED_DOMAIN: 'example.com' };

/** A copy of a project (by default the example: actions/, claims.yaml, tenant.yaml) with its own local tenant state. */
export function copyProject(extraEnv: Record<string, string> = {}, from = ROOT): DeployProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-deploy-'));
  for (const f of ['node_modules', 'src']) fs.symlinkSync(path.join(ROOT, f), path.join(dir, f));
  for (const f of ['claims.yaml', 'tenant.yaml']) if (fs.existsSync(path.join(from, f))) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  fs.cpSync(path.join(from, 'actions'), path.join(dir, 'actions'), { recursive: true });
  const stateDir = path.join(dir, '.claimkit/tenant');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('AUTH0_') && !k.startsWith('CLAIMKIT_TENANT') && k !== 'CI') env[k] = v;
  Object.assign(env, { CLAIMKIT_TENANT_STATE: stateDir, CLAIMKIT_TENANT_PORT: '0', CLAIMKIT_TENANT_BUILD_DELAY_MS: '300' }, extraEnv);
  return { dir, stateDir, env, stop: async () => void (await stopTenant(stateDir)) };
}

/** Runs the real a0deploy CLI asynchronously (a tenant in this process must keep answering meanwhile). */
export function runA0deploy(cwd: string, env: Record<string, string>, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/a0deploy'), args, { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
