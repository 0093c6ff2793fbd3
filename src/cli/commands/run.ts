import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError } from '../../errors.ts';
import { isPlainObject } from '../../harness/clone.ts';
import { makeEvent, type EventOverrides } from '../../harness/event.ts';
import type { FlowResult } from '../../harness/result.ts';
import { sharedEngine } from '../../engine/index.ts';
import { loadActionFiles, loadBoundFlow } from '../../project/flow.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { readJsonFile } from '../../project/json-file.ts';
import { readTenantYaml, type TenantConfig } from '../../project/tenant-yaml.ts';
import { EXIT, type CliIo } from '../io.ts';
import { formatFlowReport } from '../report.ts';

export interface RunOptions {
  /** Action files; none means the post-login flow bound in tenant.yaml. */
  files: string[];
  /** A deep-partial event merged onto makeEvent()'s defaults. */
  eventFile?: string;
  /** A deep-partial /continue event, used when an Action redirects. */
  continueFile?: string;
  tenantFile?: string;
  json: boolean;
}

function readOverrides(file: string | undefined, what: string): EventOverrides {
  if (file === undefined) return {};
  const value = readJsonFile(file);
  if (!isPlainObject(value)) {
    throw new ClaimkitError('ERR_JSON_INVALID', `${what} must be a JSON object (a deep-partial post-login event).`, { location: { file } });
  }
  return value as EventOverrides;
}

function readTenant(file: string, required: boolean): TenantConfig | undefined {
  if (!required && !fs.existsSync(file)) return undefined;
  return readTenantYaml(file);
}

/** `claimkit run`: runs Actions on an event the way Auth0's runtime would, and reports what comes out. */
export async function runCommand(options: RunOptions, io: CliIo): Promise<{ code: number; result?: FlowResult }> {
  const tenantFile = path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml');
  const files = options.files.map((f) => path.resolve(io.cwd, f));
  const tenant = readTenant(tenantFile, files.length === 0);
  const overrides = readOverrides(options.eventFile && path.resolve(io.cwd, options.eventFile), 'The event file');
  const continueOverrides = options.continueFile === undefined ? undefined : readOverrides(path.resolve(io.cwd, options.continueFile), 'The continue event file');
  // event.secrets and keyword values come from the environment, with the project's .env under it.
  const env = projectEnv(tenant?.dir ?? io.cwd, io.env);
  const actions = files.length > 0 ? await loadActionFiles(files, tenant, env) : await loadBoundFlow(tenant as TenantConfig, env);
  const event = makeEvent(overrides);
  // Exactly the code Auth0 would run, isolated and bounded by the Action engine.
  const result = await sharedEngine().execute(actions, event, continueOverrides === undefined ? {} : { continueEvent: continueOverrides });
  if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(formatFlowReport(result, event.resource_server?.identifier));
  return { code: result.outcome === 'error' ? EXIT.failed : EXIT.ok, result };
}
