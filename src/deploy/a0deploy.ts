// The sections claimkit does not deploy itself go to auth0-deploy-cli, in this process, as tenant.yaml
// wrote them: a tenant.yaml holding only those sections (beside the original, so relative paths such as
// email template bodies still resolve; 0600, removed afterwards) and the same keyword mappings.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { ClaimkitError, errorMessage } from '../errors.ts';
import type { DesiredTenant } from './desired.ts';
import type { Target } from './target.ts';

type A0DeployImport = (params: { input_file: string; config: Record<string, unknown> }) => Promise<void>;

interface SchemaError {
  dataPath: string;
  message?: string;
  params?: { allowedValues?: unknown[]; additionalProperty?: string };
}
type Ajv = new (options: Record<string, unknown>) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: SchemaError[] | null } };

const requireFromA0 = () => createRequire(require.resolve('auth0-deploy-cli'));

/**
 * The passed-through sections checked against auth0-deploy-cli's own JSON schema (its `ajv` and
 * schema, only those sections' parts) before anything is written: a section it would refuse stops the
 * deploy at the plan, not halfway through the apply. Compiling is quick except for `prompts`, whose
 * schema is large (about 6 s here).
 */
export function checkPassthrough(desired: DesiredTenant): void {
  const sections = Object.keys(desired.passthrough);
  if (sections.length === 0) return;
  const a0 = requireFromA0();
  const schema = (a0('./tools/auth0/schema.js') as { default: { properties: Record<string, object> } }).default;
  const AjvClass = a0('ajv/lib/ajv') as Ajv;
  const validate = new AjvClass({ useDefaults: true, nullable: true }).compile({ type: 'object', properties: Object.fromEntries(sections.map((k) => [k, schema.properties[k] ?? {}])) });
  const data = JSON.parse(JSON.stringify(desired.passthrough)) as unknown; // ajv fills defaults into what it checks
  if (validate(data)) return;
  const problems = (validate.errors ?? []).slice(0, 10).map((e) => {
    const allowed = e.params?.allowedValues ? ` (one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : '';
    const extra = e.params?.additionalProperty ? ` ("${e.params.additionalProperty}")` : '';
    return `  - ${e.dataPath.replace(/^\./, '') || 'tenant.yaml'}: ${e.message ?? 'is invalid'}${allowed}${extra}`;
  });
  throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `auth0-deploy-cli would refuse these sections of tenant.yaml (its schema), so nothing was sent:\n${problems.join('\n')}`);
}

/** Where auth0-deploy-cli's log lines go now (the running deploy's or pull's log). */
let sink: (line: string) => void = () => {};

/** auth0-deploy-cli's logger writes to stdout; a deploy keeps stdout for its own output. */
function quietA0DeployLogger(): void {
  const a0 = requireFromA0();
  const logger = (a0('./logger') as { default: { level: string; transports: Array<{ silent?: boolean }>; add(t: unknown): void } }).default;
  const winston = a0('winston') as { transports: { Stream: new (o: { stream: NodeJS.WritableStream }) => unknown } };
  for (const t of logger.transports) t.silent = true;
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      // The logger's own format ("<time> - <level>: <message>", with colours); keep level and message.
      const line = chunk.toString().replace(/\u001b\[[0-9;]*m/g, '').trim().replace(/^\S+ - /, '');
      if (line !== '') sink(`a0deploy ${line}`);
      cb();
    },
  });
  logger.add(new winston.transports.Stream({ stream }));
}

let loggerRedirected = false;

/** Sends auth0-deploy-cli's log lines to `log` (not stdout) from now on. */
export function routeA0DeployLog(log: (line: string) => void): void {
  sink = log;
  if (!loggerRedirected) {
    quietA0DeployLogger();
    loggerRedirected = true;
  }
}

export async function applyPassthrough(options: {
  target: Target;
  root: string;
  desired: DesiredTenant;
  mappings: Record<string, unknown>;
  allowDelete: boolean;
  log: (line: string) => void;
}): Promise<void> {
  const { desired } = options;
  const filters = Object.fromEntries(Object.entries({ exclude: desired.exclude, include: desired.include }).filter(([, v]) => Object.keys(v).length > 0));
  const document = { ...desired.passthrough, ...filters };
  const file = path.join(options.root, `.claimkit-deploy-${process.pid}.yaml`);
  fs.writeFileSync(file, `# Written by claimkit deploy for one import; removed afterwards.\n${stringify(document)}`, { mode: 0o600 });
  try {
    routeA0DeployLog(options.log);
    // Loaded only when needed: auth0-deploy-cli and its schema are the slow part of a deploy.
    const deploy = (require('auth0-deploy-cli') as { deploy: A0DeployImport }).deploy;
    await deploy({
      input_file: file,
      config: {
        AUTH0_DOMAIN: options.target.domain,
        AUTH0_CLIENT_ID: options.target.clientId,
        AUTH0_CLIENT_SECRET: options.target.clientSecret,
        AUTH0_ALLOW_DELETE: options.allowDelete,
        AUTH0_KEYWORD_REPLACE_MAPPINGS: options.mappings,
      },
    });
  } catch (cause) {
    throw new ClaimkitError('ERR_DEPLOY_APPLY_FAILED', `auth0-deploy-cli stopped while applying ${Object.keys(desired.passthrough).join(', ')}: ${errorMessage(cause)}`, { cause });
  } finally {
    fs.rmSync(file, { force: true });
  }
}
