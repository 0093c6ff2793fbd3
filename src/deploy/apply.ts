// Apply: auth0-deploy-cli (in-process) on a tenant.yaml narrowed to what the plan says changed, then
// the deletions the plan allows, through the SDK. Secret values never touch the disk: the narrowed
// file refers to them as keywords whose values travel in memory.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import type { ManagementClient } from 'auth0';
import { ClaimkitError, errorMessage } from '../errors.ts';
import type { Env } from '../project/dotenv.ts';
import { secretEnvName } from '../project/secrets.ts';
import type { DesiredTenant } from './desired.ts';
import { changed, type Change, type Plan } from './plan.ts';
import type { Target } from './target.ts';

const secretKeyword = (action: string, name: string) => `CLAIMKIT_SECRET_${action}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');

/** The secrets each changed Action needs, with values from tenant.yaml or the environment (ACTION__NAME, then NAME). */
export function secretMappings(desired: DesiredTenant, plan: Plan, env: Env): { mappings: Record<string, string>; missing: string[] } {
  const mappings: Record<string, string> = {};
  const missing: string[] = [];
  for (const c of changed(plan).filter((x) => x.type === 'action' && x.change !== 'delete')) {
    const action = desired.actions.find((a) => a.name === c.name);
    const secrets = Array.isArray(action?.entry['secrets']) ? (action.entry['secrets'] as Array<Record<string, unknown>>) : [];
    for (const s of secrets) {
      const name = String(s['name']);
      const value = typeof s['value'] === 'string' ? s['value'] : (env[secretEnvName(c.name, name)] ?? env[name]);
      if (value === undefined || value === '') missing.push(`${c.name}: ${name}`);
      else mappings[secretKeyword(c.name, name)] = value;
    }
  }
  return { mappings, missing };
}

/** tenant.yaml reduced to the resources the plan changes (types with no change are left out). */
export function narrowedDocument(desired: DesiredTenant, plan: Plan): Record<string, unknown> {
  const wanted = (type: Change['type']) => new Set(changed(plan).filter((c) => c.type === type && c.change !== 'delete').map((c) => c.name));
  const out: Record<string, unknown> = {};
  const rs = wanted('resourceServer');
  if (rs.size) out['resourceServers'] = desired.resourceServers.filter((r) => rs.has(String(r['identifier'])));
  const clients = wanted('client');
  if (clients.size) out['clients'] = desired.clients.filter((c) => clients.has(String(c['name'])));
  const actions = wanted('action');
  if (actions.size) {
    out['actions'] = desired.actions
      .filter((a) => actions.has(a.name))
      .map((a) => ({
        ...a.entry,
        secrets: (Array.isArray(a.entry['secrets']) ? (a.entry['secrets'] as Array<Record<string, unknown>>) : []).map((s) => ({ name: s['name'], value: `##${secretKeyword(a.name, String(s['name']))}##` })),
      }));
  }
  const roles = wanted('role');
  if (roles.size) out['roles'] = desired.roles.filter((r) => roles.has(String(r['name'])));
  if (plan.bindings?.change === 'update') out['triggers'] = { 'post-login': (desired.document['triggers'] as Record<string, unknown>)['post-login'] };
  return out;
}

type A0DeployImport = (params: { input_file: string; config: Record<string, unknown> }) => Promise<void>;

/** auth0-deploy-cli's logger writes to stdout; a deploy keeps stdout for its own output. */
function quietA0DeployLogger(log: (line: string) => void): void {
  const requireFromA0 = createRequire(require.resolve('auth0-deploy-cli'));
  const logger = (requireFromA0('./logger') as { default: { level: string; transports: Array<{ silent?: boolean }>; add(t: unknown): void } }).default;
  const winston = requireFromA0('winston') as { transports: { Stream: new (o: { stream: NodeJS.WritableStream }) => unknown } };
  for (const t of logger.transports) t.silent = true;
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      // The logger's own format ("<time> - <level>: <message>", with colours); keep level and message.
      const line = chunk.toString().replace(/\u001b\[[0-9;]*m/g, '').trim().replace(/^\S+ - /, '');
      if (line !== '') log(`a0deploy ${line}`);
      cb();
    },
  });
  logger.add(new winston.transports.Stream({ stream }));
}

let loggerRedirected = false;

export async function applyWithA0Deploy(options: {
  target: Target;
  root: string;
  desired: DesiredTenant;
  plan: Plan;
  mappings: Record<string, unknown>;
  secrets: Record<string, string>;
  log: (line: string) => void;
}): Promise<void> {
  const document = narrowedDocument(options.desired, options.plan);
  if (Object.keys(document).length === 0) return;
  const file = path.join(options.root, `.claimkit-deploy-${process.pid}.yaml`);
  fs.writeFileSync(file, `# Written by claimkit deploy for one import; removed afterwards.\n${stringify(document)}`, { mode: 0o600 });
  try {
    if (!loggerRedirected) {
      quietA0DeployLogger(options.log);
      loggerRedirected = true;
    }
    const deploy = (require('auth0-deploy-cli') as { deploy: A0DeployImport }).deploy;
    await deploy({
      input_file: file,
      config: {
        AUTH0_DOMAIN: options.target.domain,
        AUTH0_CLIENT_ID: options.target.clientId,
        AUTH0_CLIENT_SECRET: options.target.clientSecret,
        AUTH0_ALLOW_DELETE: false,
        AUTH0_KEYWORD_REPLACE_MAPPINGS: { ...options.mappings, ...options.secrets },
      },
    });
  } catch (cause) {
    throw new ClaimkitError('ERR_DEPLOY_APPLY_FAILED', `auth0-deploy-cli stopped: ${errorMessage(cause)}`, { cause });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Deletions the plan allows (only with --allow-delete), through the SDK. */
export async function applyDeletions(mgmt: ManagementClient, plan: Plan): Promise<void> {
  for (const c of plan.changes.filter((x) => x.change === 'delete' && x.id !== undefined)) {
    const id = c.id as string;
    if (c.type === 'action') await mgmt.actions.delete(id, { force: true });
    else if (c.type === 'role') await mgmt.roles.delete(id);
    else if (c.type === 'resourceServer') await mgmt.resourceServers.delete(id);
    else await mgmt.clients.delete(id);
  }
}
