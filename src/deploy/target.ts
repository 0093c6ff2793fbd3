// Where a deploy goes: the tenant named by AUTH0_DOMAIN / AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET, or,
// when none is set, the local tenant (started if it is not running).
import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import { definedOnly, type Env } from '../project/dotenv.ts';
import { tenantDomain } from '../project/tenant-domain.ts';
import { resolveSettings, TENANT_ENV } from '../tenant/defaults.ts';
import { ensureTenant } from '../tenant/process/lifecycle.ts';

export interface Target {
  kind: 'remote' | 'local';
  domain: string;
  clientId: string;
  clientSecret: string;
  /** PEM of the CA to trust for this target (the local tenant's own CA). */
  ca: string | undefined;
  /** Said to the user before anything happens. */
  banner: string | undefined;
  /** The local tenant's state folder (local targets only). */
  stateDir?: string;
}

const VARS = ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET'] as const;

export async function resolveTarget(env: Env, root: string, options: { local?: boolean } = {}): Promise<Target> {
  const set = VARS.filter((v) => (env[v] ?? '') !== '');
  if (set.length === VARS.length && options.local !== true) {
    const domain = tenantDomain(env['AUTH0_DOMAIN'] as string, 'AUTH0_DOMAIN', 'ERR_DEPLOY_TARGET');
    // The CA a0deploy users already point NODE_EXTRA_CA_CERTS at (a tenant behind a private CA, or a
    // local tenant started by hand) is trusted for this target too.
    const caFile = env['NODE_EXTRA_CA_CERTS'];
    const ca = caFile ? readCa(caFile) : undefined;
    return { kind: 'remote', domain, clientId: env['AUTH0_CLIENT_ID'] as string, clientSecret: env['AUTH0_CLIENT_SECRET'] as string, ca, banner: undefined };
  }
  if (set.length > 0 && options.local !== true) {
    const missing = VARS.filter((v) => !set.includes(v));
    throw new ClaimkitError(
      'ERR_DEPLOY_TARGET',
      `${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not. Set all three (in the environment or .env) to deploy to that tenant, or none to deploy to the local tenant.`,
    );
  }
  // In CI a forgotten secret must not turn a production deploy into a green deploy to a throw-away
  // local tenant: there the local tenant has to be asked for.
  if (options.local !== true && (env['CI'] ?? '') !== '' && env['CI'] !== 'false') {
    throw new ClaimkitError(
      'ERR_DEPLOY_TARGET',
      'CI is set but AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are not: refusing to deploy to a local tenant by accident. Set the three (from your CI secrets), or pass --local to deploy to the local tenant on purpose.',
    );
  }
  const settings = resolveSettings({}, env, root);
  const explicitPort = (env[TENANT_ENV.port] ?? '') !== '';
  const { info, started } = await ensureTenant(settings, { ...process.env, ...definedOnly(env) }, explicitPort);
  return {
    kind: 'local',
    domain: info.domain,
    clientId: info.clientId,
    clientSecret: info.clientSecret,
    ca: fs.readFileSync(info.caFile, 'utf8'),
    stateDir: settings.stateDir,
    banner:
      (options.local === true
        ? `--local: deploying to the LOCAL tenant at https://${info.domain}${set.length > 0 ? ` (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set and ignored)` : ''}`
        : `No AUTH0_DOMAIN / AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET set: deploying to the LOCAL tenant at https://${info.domain}`) +
      `${started ? ' (started it; stop it with `npx claimkit tenant stop`)' : ''}, state in ${path.relative(root, settings.stateDir) || settings.stateDir}.\n` +
      (options.local === true && set.length > 0
        ? 'Without --local, a deploy goes to the tenant those variables name (all three must be set).'
        : 'To deploy to a real tenant, set those three variables in the environment or in .env (or .env.<name> with --env <name>).'),
  };
}

function readCa(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ClaimkitError('ERR_DEPLOY_TARGET', `NODE_EXTRA_CA_CERTS names ${file}, which cannot be read. Fix the path or unset it.`, { cause });
  }
}

