// A claimkit project on disk: tenant.yaml, the Action sources next to it, and its environment.
import fs from 'node:fs';
import path from 'node:path';
import { ACTIONS_DIR } from '../project/flow.ts';
import { projectEnv, type Env } from '../project/dotenv.ts';
import { readTenantYaml, type TenantConfig } from '../project/tenant-yaml.ts';

export interface Project {
  /** tenant.yaml's folder. */
  root: string;
  tenant: TenantConfig;
  /** Action name → its source file in actions/. */
  sources: Map<string, string>;
  /** The environment with .env applied. */
  env: Env;
}

/** actions/<name>.ts (or .js): every Action source file, by name. */
export function actionSources(root: string): Map<string, string> {
  const dir = path.join(root, ACTIONS_DIR);
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const m = /^(.+)\.(ts|js)$/.exec(entry.name);
    if (!entry.isFile() || !m || entry.name.endsWith('.d.ts') || entry.name.endsWith('.test.ts')) continue;
    out.set(m[1] as string, path.join(dir, entry.name));
  }
  return out;
}

export function loadProject(tenantFile: string, env: Env, envName?: string): Project {
  const tenant = readTenantYaml(tenantFile);
  return { root: tenant.dir, tenant, sources: actionSources(tenant.dir), env: projectEnv(tenant.dir, env, envName) };
}
