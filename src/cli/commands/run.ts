import fs from 'node:fs';
import path from 'node:path';
import { makeEvent } from '../../harness/event.ts';
import type { FlowResult } from '../../harness/result.ts';
import { sharedEngine, type ExecuteOptions } from '../../engine/index.ts';
import { loadActionFiles, loadBoundFlow } from '../../project/flow.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { mergeEventFile, readEventFile, type EventFile } from '../../project/event-file.ts';
import { readTenantYaml, type TenantConfig } from '../../project/tenant-yaml.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import { EXIT, type CliIo } from '../io.ts';
import { parseNow } from '../now.ts';
import { formatFlowReport } from '../report.ts';

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
  json: boolean;
}

interface RunInputs {
  event: PostLoginEvent;
  /** The clock and the /continue request, for the engine. */
  execute: ExecuteOptions;
}

/** The event and clock a run uses, validated before any Action is loaded. */
function readInputs(options: RunOptions, cwd: string): RunInputs {
  const now = options.now === undefined ? undefined : parseNow(options.now);
  const eventFile = options.eventFile === undefined ? undefined : readEventFile(path.resolve(cwd, options.eventFile), 'The event file');
  const event = eventFile === undefined ? makeEvent() : mergeEventFile(makeEvent(), eventFile);
  let continueFile: EventFile | undefined;
  if (options.continueFile !== undefined) {
    continueFile = readEventFile(path.resolve(cwd, options.continueFile), 'The continue event file');
    mergeEventFile(event, continueFile, 'The continue event file');
  }
  const continueEvent = continueFile?.overrides;
  return { event, execute: { ...(now === undefined ? {} : { now }), ...(continueEvent === undefined ? {} : { continueEvent }) } };
}

function readTenant(file: string, required: boolean): TenantConfig | undefined {
  if (!required && !fs.existsSync(file)) return undefined;
  return readTenantYaml(file);
}

/** `claimkit run`: runs Actions on an event the way Auth0's runtime would, and reports what comes out. */
export async function runCommand(options: RunOptions, io: CliIo): Promise<{ code: number; result?: FlowResult }> {
  const tenantFile = path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml');
  const files = options.files.map((f) => path.resolve(io.cwd, f));
  const { event, execute } = readInputs(options, io.cwd);
  const tenant = readTenant(tenantFile, files.length === 0);
  // event.secrets and keyword values come from the environment, with the project's .env under it.
  const env = projectEnv(tenant?.dir ?? io.cwd, io.env);
  const actions = files.length > 0 ? await loadActionFiles(files, tenant, env) : await loadBoundFlow(tenant as TenantConfig, env);
  // Exactly the code Auth0 would run, isolated and bounded by the Action engine.
  const result = await sharedEngine().execute(actions, event, execute);
  if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(formatFlowReport(result, event.resource_server?.identifier));
  return { code: result.outcome === 'error' ? EXIT.failed : EXIT.ok, result };
}
