import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError } from '../../errors.ts';
import { isPlainObject } from '../../harness/clone.ts';
import { makeEvent, type EventOverrides } from '../../harness/event.ts';
import type { FlowResult } from '../../harness/result.ts';
import { continuePostLogin, runPostLogin } from '../../harness/run.ts';
import { loadActionFiles, loadBoundFlow } from '../../project/flow.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { parseHttpFixtures } from '../../http-stubs/fixtures.ts';
import { readJsonFile } from '../../project/json-file.ts';
import { secretOverrides } from '../../project/secrets.ts';
import { readTenantYaml, type TenantConfig } from '../../project/tenant-yaml.ts';
import { EXIT, type CliIo } from '../io.ts';
import { installProgress } from '../progress.ts';
import { formatFlowReport } from '../report.ts';

export interface RunOptions {
  /** Action files; none means the post-login flow bound in tenant.yaml. */
  files: string[];
  /** A deep-partial event merged onto makeEvent()'s defaults. */
  eventFile?: string;
  /** A deep-partial /continue event, used when an Action redirects. */
  continueFile?: string;
  tenantFile?: string;
  /** HTTP fixtures: the Actions' outbound requests are answered from it, and never sent. */
  httpFile?: string;
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
  const eventFile = options.eventFile && path.resolve(io.cwd, options.eventFile);
  // The event file's "secrets" give values per Action (or shared); every Action gets only its own.
  const { secrets: secretsValue, ...overrides } = readOverrides(eventFile, 'The event file') as EventOverrides & { secrets?: unknown };
  const secrets = secretOverrides(secretsValue, eventFile ?? '');
  const http = options.httpFile === undefined ? undefined : parseHttpFixtures(readJsonFile(path.resolve(io.cwd, options.httpFile)), options.httpFile);
  const continueOverrides = options.continueFile === undefined ? undefined : readOverrides(path.resolve(io.cwd, options.continueFile), 'The continue event file');
  // event.secrets and keyword values come from the environment, with the project's .env under it.
  const env = projectEnv(tenant?.dir ?? io.cwd, io.env);
  const load = { secrets, install: installProgress(io) };
  const actions = files.length > 0 ? await loadActionFiles(files, tenant, env, load) : await loadBoundFlow(tenant as TenantConfig, env, load);
  const event = makeEvent(overrides);
  let result = await runPostLogin(actions, event, http ? { http } : {});
  if (continueOverrides !== undefined && (result.redirect || result.prompt)) result = await continuePostLogin(result, continueOverrides);
  // Requests are shown without headers or bodies: those carry credentials.
  const printed = result.http ? { ...result, http: result.http.map(({ method, url, status }) => ({ method, url, status })) } : result;
  if (options.json) io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  else io.stdout(formatFlowReport(result, event.resource_server?.identifier));
  return { code: result.outcome === 'error' ? EXIT.failed : EXIT.ok, result };
}
