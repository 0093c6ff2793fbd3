// `claimkit run --trigger credentials-exchange`: the credentials-exchange Actions of one client-credentials
// token request, run by the Action engine on a realistic event with the event file's overrides.
import fs from 'node:fs';
import path from 'node:path';
import { sharedEngine, type ExchangeExecuteOptions } from '../../engine/index.ts';
import { ClaimkitError } from '../../errors.ts';
import { makeCredentialsExchangeEvent } from '../../harness/credentials-exchange/event.ts';
import type { CredentialsExchangeResult } from '../../harness/credentials-exchange/result.ts';
import { parseHttpFixtures } from '../../http-stubs/fixtures.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { CREDENTIALS_EXCHANGE, mergeEventFile, readEventFile } from '../../project/event-file.ts';
import { loadActionFiles, loadBoundFlow } from '../../project/flow.ts';
import { INPUT_LIMITS } from '../../project/input-limits.ts';
import { readJsonFile } from '../../project/json-file.ts';
import { readTenantYaml, type TenantConfig } from '../../project/tenant-yaml.ts';
import { EXIT, type CliIo } from '../io.ts';
import { parseNow } from '../now.ts';
import { installProgress } from '../progress.ts';
import { formatExchangeReport } from '../report-exchange.ts';
import type { RunOptions } from './run.ts';

export async function runExchangeCommand(options: RunOptions, io: CliIo): Promise<{ code: number; result?: CredentialsExchangeResult }> {
  if (options.continueFile !== undefined) {
    throw new ClaimkitError('ERR_USAGE', '--continue is the /continue request after a post-login redirect; a credentials-exchange never redirects. Leave it out.');
  }
  const tenantFile = path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml');
  const files = options.files.map((f) => path.resolve(io.cwd, f));
  const now = options.now === undefined ? undefined : parseNow(options.now);
  const eventFile = options.eventFile === undefined ? undefined : readEventFile(path.resolve(io.cwd, options.eventFile), 'The event file', CREDENTIALS_EXCHANGE);
  const base = makeCredentialsExchangeEvent();
  const event = eventFile === undefined ? base : mergeEventFile(base, eventFile, 'The event file', CREDENTIALS_EXCHANGE);
  const httpFile = options.httpFile === undefined ? undefined : path.resolve(io.cwd, options.httpFile);
  const http = httpFile === undefined ? undefined : parseHttpFixtures(readJsonFile(httpFile, { ...INPUT_LIMITS.eventJson, what: 'The HTTP fixtures file' }).value, options.httpFile);
  const tenant: TenantConfig | undefined = files.length === 0 || fs.existsSync(tenantFile) ? readTenantYaml(tenantFile) : undefined;
  const env = projectEnv(tenant?.dir ?? io.cwd, io.env);
  const load = { ...(eventFile ? { secrets: eventFile.secrets } : {}), install: installProgress(io), trigger: 'credentials-exchange' as const };
  const actions = files.length > 0 ? await loadActionFiles(files, tenant, env, load) : await loadBoundFlow(tenant as TenantConfig, env, load);
  const execute: ExchangeExecuteOptions = { ...(now === undefined ? {} : { now }), ...(http === undefined ? {} : { http }) };
  const result = await sharedEngine().executeCredentialsExchange(actions, event, execute);
  // Requests are shown without headers or bodies: those carry credentials.
  const printed = result.http ? { ...result, http: result.http.map(({ method, url, status }) => ({ method, url, status })) } : result;
  if (options.json) io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  else io.stdout(formatExchangeReport(result, event));
  return { code: result.outcome === 'error' ? EXIT.failed : EXIT.ok, result };
}
