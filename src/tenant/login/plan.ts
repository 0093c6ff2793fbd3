import type { FlowResult } from '../../harness/result.ts';
import type { StoredClient, StoredOrganization, StoredRole, TenantData } from '../store/model.ts';
import { permissionsOn, resourceServer } from './directory.ts';
import { accessScope, isRfc9068, permissionsClaim, type TokenPlan } from './tokens.ts';

export interface PlanInput {
  userId: string;
  client: StoredClient;
  organization: StoredOrganization | undefined;
  roles: readonly StoredRole[];
  audience: string | undefined;
  requestedScopes: readonly string[];
  result: FlowResult;
  grantType: TokenPlan['grantType'];
  executionId: string | null;
  sid: string | null;
}

/**
 * Whether this login may get a refresh token: `offline_access` asked for, the client allows the
 * refresh_token grant, and the API (if any) allows offline access ("Allow Offline Access", API Settings;
 * Refresh Tokens › Get Refresh Tokens).
 */
export function offlineAllowed(data: Readonly<TenantData>, client: StoredClient, audience: string | undefined, requested: readonly string[]): boolean {
  const grants = client['grant_types'];
  const clientAllows = !Array.isArray(grants) || grants.includes('refresh_token');
  const api = audience === undefined ? undefined : resourceServer(data, audience);
  return requested.includes('offline_access') && clientAllows && (audience === undefined || api?.['allow_offline_access'] === true);
}

/** The tokens one completed flow earns: claims the policy kept, the scope, permissions, organization. */
export function tokenPlan(data: Readonly<TenantData>, input: PlanInput): TokenPlan {
  const api = input.audience === undefined ? undefined : resourceServer(data, input.audience);
  const permissions = input.audience === undefined ? [] : permissionsOn(input.roles, input.audience);
  return {
    userId: input.userId,
    clientId: input.client.client_id,
    audience: input.audience ?? null,
    scope: accessScope({
      requested: input.requestedScopes,
      api,
      permissions,
      offline: offlineAllowed(data, input.client, input.audience, input.requestedScopes),
      changes: input.result.accessToken.scopes,
    }),
    permissions: permissionsClaim(api, permissions),
    rfc9068: isRfc9068(api),
    organization: input.organization ? { id: input.organization.id, name: input.organization.name } : null,
    idClaims: input.result.idToken.claims,
    accessClaims: input.audience === undefined ? {} : input.result.accessToken.claims,
    grantType: input.grantType,
    executionId: input.executionId,
    sid: input.sid,
  };
}
