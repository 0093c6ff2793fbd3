import fs from 'node:fs';
import path from 'node:path';
import { sharedEngine, type ExecuteOptions } from '../../engine/index.ts';
import { makeEvent } from '../../harness/event.ts';
import type { CredentialsExchangeResult } from '../../harness/credentials-exchange/result.ts';
import type { FlowResult } from '../../harness/result.ts';
import { parseHttpFixtures } from '../../http-stubs/fixtures.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { mergeEventFile, readEventFile, type EventFile } from '../../project/event-file.ts';
import { loadActionFiles, loadBoundFlow } from '../../project/flow.ts';
import { INPUT_LIMITS } from '../../project/input-limits.ts';
import { readJsonFile } from '../../project/json-file.ts';
import { NO_OVERRIDES, type SecretOverrides } from '../../project/secrets.ts';
import { readTenantYaml, type TenantConfig } from '../../project/tenant-yaml.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import { ClaimkitError } from '../../errors.ts';
import { EXIT, type CliIo } from '../io.ts';
import { parseNow } from '../now.ts';
import { installProgress } from '../progress.ts';
import { formatFlowReport } from '../report.ts';
import { runExchangeCommand } from './run-exchange.ts';
import { runTrigger } from './run-trigger.ts';
import { runRulesCommand } from './run-rules.ts';

export interface RunOptions {
  /** Action files; none means the post-login flow bound in tenant.yaml. */
  files: string[];
  /** A deep-partial event merged onto makeEvent()'s defaults. */
  eventFile?: string;
  /** A deep-partial /continue event, used when an Action redirects. */
  continueFile?: string;
  tenantFile?: string;
  /** The run's clock, ISO 8601 (`--now`); the real time when absent. */
  now?: string;
  /** HTTP fixtures: the Actions' outbound requests are answered from it, and never sent. */
  httpFile?: string;
  /** `--trigger`: post-login or credentials-exchange; default from the files' supported_triggers in tenant.yaml. */
  trigger?: string;
  /** Legacy Rules to run first (`--rule`): files, or names of Rules the project declares. */
  rules?: string[];
  /** `--rules`: every enabled Rule of the project, in pipeline order, then the bound Actions. */
  allRules?: boolean;
  json: boolean;
}

export interface RunInputs {
  event: PostLoginEvent;
  /** The event file's secret values (shared, or per Action). */
  secrets: SecretOverrides;
  /** The clock, the /continue request and the HTTP stubs, for the engine. */
  execute: ExecuteOptions;
}

/** The event, clock and stubs a run uses, validated before any Action is loaded. */
export function readInputs(options: RunOptions, cwd: string): RunInputs {
  const now = options.now === undefined ? undefined : parseNow(options.now);
  const eventFile = options.eventFile === undefined ? undefined : readEventFile(path.resolve(cwd, options.eventFile), 'The event file');
  const event = eventFile === undefined ? makeEvent() : mergeEventFile(makeEvent(), eventFile);
  let continueFile: EventFile | undefined;
  if (options.continueFile !== undefined) {
    continueFile = readEventFile(path.resolve(cwd, options.continueFile), 'The continue event file');
    mergeEventFile(event, continueFile, 'The continue event file');
  }
  const httpFile = options.httpFile === undefined ? undefined : path.resolve(cwd, options.httpFile);
  const http = httpFile === undefined ? undefined : parseHttpFixtures(readJsonFile(httpFile, { ...INPUT_LIMITS.eventJson, what: 'The HTTP fixtures file' }).value, options.httpFile);
  const continueEvent = continueFile?.overrides;
  return {
    event,
    secrets: eventFile?.secrets ?? NO_OVERRIDES,
    execute: { ...(now === undefined ? {} : { now }), ...(continueEvent === undefined ? {} : { continueEvent }), ...(http === undefined ? {} : { http }) },
  };
}

function readTenant(file: string, required: boolean): TenantConfig | undefined {
  if (!required && !fs.existsSync(file)) return undefined;
  return readTenantYaml(file);
}

/** `claimkit run`: runs Actions on an event the way Auth0's runtime would (a login, or a machine's token request), and reports what comes out. */
export async function runCommand(options: RunOptions, io: CliIo): Promise<{ code: number; result?: FlowResult | CredentialsExchangeResult }> {
  if ((options.rules?.length ?? 0) > 0 || options.allRules === true) {
    // Rules ran in logins only: a machine's token request never went through them.
    if (options.trigger !== undefined && options.trigger !== 'post-login') {
      throw new ClaimkitError('ERR_USAGE', `--rule and --rules run a login (Rules ran before the post-login Actions); they do not go with --trigger ${options.trigger}.`);
    }
    return runRulesCommand(options, io, readInputs(options, io.cwd));
  }
  const tenantFile = path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml');
  const files = options.files.map((f) => path.resolve(io.cwd, f));
  if (runTrigger(options.trigger, files, tenantFile) === 'credentials-exchange') return runExchangeCommand(options, io);
  const { event, secrets, execute } = readInputs(options, io.cwd);
  const tenant = readTenant(tenantFile, files.length === 0);
  // event.secrets and keyword values come from the environment, with the project's .env under it.
  const env = projectEnv(tenant?.dir ?? io.cwd, io.env);
  const load = { secrets, install: installProgress(io) };
  const actions = files.length > 0 ? await loadActionFiles(files, tenant, env, load) : await loadBoundFlow(tenant as TenantConfig, env, load);
  // Exactly the code Auth0 would run, isolated and bounded by the Action engine.
  const result = await sharedEngine().execute(actions, event, execute);
  // Requests are shown without headers or bodies: those carry credentials.
  const printed = result.http ? { ...result, http: result.http.map(({ method, url, status }) => ({ method, url, status })) } : result;
  if (options.json) io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  else io.stdout(formatFlowReport(result, event.resource_server?.identifier));
  return { code: result.outcome === 'error' ? EXIT.failed : EXIT.ok, result };
}
