// Loading an Action of a project for a jest test the way `claimkit run` loads it: bundled by esbuild,
// its declared npm dependencies installed at their versions in the project's cache, its own secrets;
// run it with the Action engine (`sharedEngine().execute([action], event, { http })`), as Auth0 would. Kept apart from the harness's index: it needs the build (esbuild)
// and the filesystem, which the rest of the harness does not.
import path from 'node:path';
import type { EnsureOptions } from '../dependencies/index.ts';
import { ClaimkitError } from '../errors.ts';
import { projectEnv, type Env } from '../project/dotenv.ts';
import { actionSource, loadActionFiles } from '../project/flow.ts';
import { readTenantYaml } from '../project/tenant-yaml.ts';
import type { EngineAction } from '../engine/index.ts';

export interface ProjectActionOptions {
  /** The project's tenant.yaml; defaults to ./tenant.yaml. */
  tenantFile?: string;
  /** The environment (under it, the project's .env); defaults to process.env. */
  env?: Env;
  /** Values for this Action's secrets, before any from the environment. */
  secrets?: Readonly<Record<string, string>>;
  /** Install progress and (tests of claimkit) the installer. */
  install?: EnsureOptions;
}

/** Loads actions/<name>.ts (or .js) of the project as Auth0 would run it, by its name in tenant.yaml. */
export async function loadProjectAction(name: string, options: ProjectActionOptions = {}): Promise<EngineAction> {
  const tenant = readTenantYaml(path.resolve(options.tenantFile ?? 'tenant.yaml'));
  if (!tenant.actions.some((a) => a.name === name)) {
    throw new ClaimkitError('ERR_ACTION_NOT_IN_TENANT', `tenant.yaml declares no Action "${name}". Add it under actions:.`, { location: { file: tenant.file } });
  }
  const file = actionSource(tenant, name);
  if (file === undefined) throw new ClaimkitError('ERR_ACTION_FILE_MISSING', `actions/${name}.ts (or .js) does not exist next to ${tenant.file}.`);
  const env = projectEnv(tenant.dir, options.env ?? process.env);
  const secrets = { shared: {}, perAction: options.secrets ? { [name]: options.secrets } : {} };
  const [action] = await loadActionFiles([file], tenant, env, { secrets, ...(options.install ? { install: options.install } : {}) });
  return action as EngineAction;
}
