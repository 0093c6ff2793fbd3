// The credentials-exchange trigger of the local tenant: the Actions bound to it run, at their deployed
// versions, in the Action engine (isolated from the tenant, bounded in time and memory) for each
// client-credentials token request; their claims go into the access token, or their denial answers it.
import type { EngineAction } from '../../../engine/index.ts';
import { errorMessage } from '../../../errors.ts';
import type { ClaimValue } from '../../../types/api.ts';
import type { AccessDeniedCode } from '../../../types/credentials-exchange/api.ts';
import { engineActionOf } from '../../engine-action.ts';
import type { Tenant } from '../../tenant.ts';
import { exchangeEvent, type ExchangeRequest } from './event.ts';

export type { ExchangeRequest } from './event.ts';

/** What the token endpoint does next: issue the token with these claims and scopes, or answer an OAuth error. */
export type ExchangeOutcome =
  | { ok: true; claims: Record<string, ClaimValue>; scope: string[] }
  | { ok: false; status: number; error: string; description: string };

/**
 * The HTTP status of each error api.access.deny takes: RFC 6749 §5.2 answers token request errors with
 * 400 (Auth0's client-credentials hooks documented the same for invalid_scope); server_error is the
 * server's own failure, a 500.
 */
const DENY_STATUS: Readonly<Record<AccessDeniedCode, number>> = { invalid_scope: 400, invalid_request: 400, server_error: 500 };

const TRIGGER = 'credentials-exchange';

/** The tenant's bound credentials-exchange Actions, each at its deployed version, and the first one that has none. */
function boundActions(tenant: Tenant): { actions: EngineAction[]; undeployed: string | undefined } {
  const data = tenant.store.data;
  const actions: EngineAction[] = [];
  let undeployed: string | undefined;
  for (const binding of data.bindings[TRIGGER] ?? []) {
    const action = data.actions.find((a) => a.id === binding.action_id);
    const version = action && data.versions.find((v) => v.id === action.deployed_version_id);
    if (action && version) actions.push(engineActionOf(tenant, action.name, version));
    else undeployed ??= action?.name ?? binding.display_name;
  }
  return { actions, undeployed };
}

/** Runs the credentials-exchange Actions for one token request; the token endpoint calls this before it signs. */
export async function runCredentialsExchangeActions(tenant: Tenant, input: ExchangeRequest): Promise<ExchangeOutcome> {
  const scope = [...input.scope];
  // The tenant's own Management API client (what deploys authenticate with) is left alone: a bound
  // Action can never lock the deploy out.
  if (input.client.client_id === tenant.store.data.bootstrapClientId) return { ok: true, claims: {}, scope };
  const { actions, undeployed } = boundActions(tenant);
  if (undeployed !== undefined) return { ok: false, status: 500, error: 'server_error', description: `The credentials-exchange Action "${undeployed}" has no deployed version.` };
  if (actions.length === 0) return { ok: true, claims: {}, scope };
  const result = await tenant.engine
    .executeCredentialsExchange(actions, exchangeEvent(tenant, input), { grantScopes: input.grantScopes })
    .catch((err: unknown) => ({ failed: errorMessage(err) }));
  if ('failed' in result) return { ok: false, status: 500, error: 'server_error', description: `The credentials-exchange Actions could not run: ${result.failed}` };
  if (result.outcome === 'success') return { ok: true, claims: result.accessToken.claims, scope: result.accessToken.scope };
  if (result.denied) {
    const { code, reason } = result.denied;
    const by = result.actions.filter((a) => a.ran).at(-1)?.name ?? '';
    return { ok: false, status: DENY_STATUS[code], error: code, description: reason || `The credentials-exchange Action "${by}" denied the request.` };
  }
  return { ok: false, status: 500, error: 'server_error', description: `The credentials-exchange Action "${result.error?.action ?? ''}" failed: ${result.error?.message ?? 'unknown error'}` };
}
