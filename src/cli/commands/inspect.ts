import fs from 'node:fs';
import { ClaimkitError } from '../../errors.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { tenantDomain } from '../../project/tenant-domain.ts';
import { resolveSettings } from '../../tenant/defaults.ts';
import { statePaths } from '../../tenant/process/paths.ts';
import { tenantStatus } from '../../tenant/process/lifecycle.ts';
import { httpClient } from '../../tokens/http.ts';
import { inspectToken, type Inspection } from '../../tokens/inspect.ts';
import { formatInspection } from '../../tokens/report.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface InspectCommandOptions {
  /** The token, or `-` to read it from standard input (keeps it out of shell history). */
  token: string | undefined;
  domain?: string;
  jwks?: string;
  audience?: string;
  json: boolean;
}

interface Trust {
  domain: string | undefined;
  ca: string | undefined;
  source: string;
}

/**
 * Which tenant the token should come from: --domain, else AUTH0_DOMAIN (environment or .env), else the
 * local tenant when it runs; else the token's own issuer (said so). The local tenant's CA is trusted
 * when it exists, beside Node's roots.
 */
function trust(options: InspectCommandOptions, io: CliIo): Trust {
  const env = projectEnv(io.cwd, io.env);
  const stateDir = resolveSettings({}, env, io.cwd).stateDir;
  // The local tenant's CA, and NODE_EXTRA_CA_CERTS (a tenant behind a CA of its own), beside Node's roots.
  const cas = [statePaths(stateDir).caFile, env['NODE_EXTRA_CA_CERTS']].filter((f): f is string => typeof f === 'string' && f !== '' && fs.existsSync(f));
  const ca = cas.length > 0 ? cas.map((f) => fs.readFileSync(f, 'utf8')).join('\n') : undefined;
  if (options.domain) return { domain: tenantDomain(options.domain, '--domain', 'ERR_USAGE'), ca, source: '--domain' };
  if (options.jwks) return { domain: undefined, ca, source: '--jwks' };
  if (env['AUTH0_DOMAIN']) return { domain: tenantDomain(env['AUTH0_DOMAIN'], 'AUTH0_DOMAIN', 'ERR_USAGE'), ca, source: 'AUTH0_DOMAIN' };
  const local = tenantStatus(stateDir);
  if (local.running && local.info) return { domain: local.info.domain, ca, source: 'the running local tenant' };
  return { domain: undefined, ca, source: 'the token' };
}

async function tokenText(options: InspectCommandOptions, io: CliIo): Promise<string> {
  if (options.token === undefined) throw new ClaimkitError('ERR_USAGE', 'Give the token to inspect: claimkit inspect TOKEN (or - to read it from standard input).');
  if (options.token !== '-') return options.token;
  if (!io.readStdin) throw new ClaimkitError('ERR_USAGE', 'No standard input to read the token from.');
  return (await io.readStdin()).trim();
}

/** `claimkit inspect`: exit 0 for a token that verifies, 1 for one that does not, 2 for bad usage. */
export async function inspectCommand(options: InspectCommandOptions, io: CliIo): Promise<number> {
  if (options.domain && options.jwks) throw new ClaimkitError('ERR_USAGE', 'Pass --domain or --jwks, not both: --domain names the tenant (its issuer and its JWKS), --jwks only the keys.');
  if (options.jwks && !/^https?:$/.test(URL.canParse(options.jwks) ? new URL(options.jwks).protocol : '')) {
    throw new ClaimkitError('ERR_USAGE', `--jwks ${JSON.stringify(options.jwks.slice(0, 200))} is not an http(s) URL: give the JWKS's address, for example https://your-tenant.eu.auth0.com/.well-known/jwks.json.`);
  }
  const token = await tokenText(options, io);
  const t = trust(options, io);
  const http = httpClient(t.ca);
  let inspection: Inspection;
  try {
    inspection = await inspectToken(token, { ...(t.domain ? { domain: t.domain } : {}), ...(options.jwks ? { jwksUrl: options.jwks } : {}), ...(options.audience ? { audience: options.audience } : {}), http });
  } catch (err) {
    // The token could not be checked at all (the issuer unreachable): not a verdict, still not a pass.
    if (!(err instanceof ClaimkitError) || err.code !== 'ERR_TOKEN_HTTP') throw err;
    io.stderr(`claimkit inspect: ${err.message}\n`);
    return EXIT.failed;
  } finally {
    await http.close();
  }
  if (t.domain && t.source !== '--domain') inspection.notes.push(`Expected issuer from ${t.source}: https://${t.domain}/ (pass --domain to choose another).`);
  io.stdout(options.json ? `${JSON.stringify(inspection, null, 2)}\n` : `${formatInspection(inspection)}\n`);
  return inspection.verdict.valid ? EXIT.ok : EXIT.failed;
}
