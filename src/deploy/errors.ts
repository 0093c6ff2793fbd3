// Turns what the SDK or auth0-deploy-cli threw into one paragraph that says what to do.
import { ClaimkitError, errorMessage, isClaimkitError } from '../errors.ts';
import type { Target } from './target.ts';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/** The chain of causes, outermost first. */
function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = err, i = 0; e !== undefined && e !== null && i < 10; e = (e as { cause?: unknown }).cause, i++) out.push(e);
  return out;
}

const field = (e: unknown, k: string): unknown => (typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[k] : undefined);

export function explainRequestError(err: unknown, target: Target | undefined): ClaimkitError {
  const causes = chain(err);
  const domain = target?.domain ?? 'the tenant';
  const where = target?.kind === 'local' ? ' For the local tenant, `npx claimkit tenant status` prints its domain and credentials.' : '';
  const code = causes.map((e) => field(e, 'code')).find((c): c is string => typeof c === 'string' && (NETWORK_CODES.has(c) || TLS_CODES.test(c)));
  if (code !== undefined) {
    const tls = TLS_CODES.test(code);
    return new ClaimkitError(
      'ERR_DEPLOY_UNREACHABLE',
      tls
        ? `The TLS certificate of https://${domain} is not trusted (${code}). Check AUTH0_DOMAIN; claimkit never turns certificate checks off.${where}`
        : `Cannot reach https://${domain} (${code}). Check AUTH0_DOMAIN (just the host, such as your-tenant.eu.auth0.com) and your network.${where}`,
      { cause: err },
    );
  }
  if (causes.some((e) => errorMessage(e) === 'fetch failed')) {
    const deepest = errorMessage(causes[causes.length - 1]);
    return new ClaimkitError('ERR_DEPLOY_UNREACHABLE', `Cannot reach https://${domain} (${deepest}). Check AUTH0_DOMAIN (just the host, such as your-tenant.eu.auth0.com) and your network.${where}`, { cause: err });
  }
  const status = causes.map((e) => field(e, 'statusCode') ?? field(e, 'status')).find((s): s is number => typeof s === 'number');
  if (status === 401 || status === 403) {
    return new ClaimkitError(
      'ERR_DEPLOY_AUTH',
      `${domain} refused the deploy's credentials (HTTP ${status}${describeBody(causes)}). Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (environment or .env): they must belong to a machine-to-machine application authorised for the Management API with the read, create and update scopes of every section tenant.yaml has (actions, clients, resource servers, client grants, connections, roles, organizations, tenant settings…; delete scopes for --allow-delete). An HTTP 403's message names the scope that is missing.${where}`,
      { cause: err },
    );
  }
  if (isClaimkitError(err)) return err;
  return new ClaimkitError('ERR_DEPLOY_API', `The Management API at ${domain} answered with an error${status ? ` (HTTP ${status})` : ''}: ${errorMessage(err).split('\n')[0]}${describeBody(causes)}`, { cause: err });
}

/** ": <error_description or message>" from an Auth0 error body somewhere in the chain. */
function describeBody(causes: readonly unknown[]): string {
  for (const e of causes) {
    const body = field(e, 'body');
    const text = field(body, 'error_description') ?? field(body, 'message');
    if (typeof text === 'string' && text !== '') return `: ${text}`;
  }
  return '';
}
