// The generic credentials-exchange Action's logic as a pure function: a client-credentials exchange +
// claims.yaml's `machine_claims` → the access token's claims, already within budget, or a denial. It never
// throws on any event Auth0 can send.
import { isAuth0ApiAudience, isManagementApiAudience } from '../../policy/context.ts';
import { namespaceKind } from '../../policy/namespace.ts';
import { isRecord } from '../../lib/records.ts';
import type { ClaimValue } from '../../types/api.ts';
import type { CredentialsExchangeEvent } from '../../types/credentials-exchange/event.ts';
import { claimsObject, entryBytes, fitBudget, toClaimValue, type SizedClaim } from './compute.ts';
import type { ClaimConditions, ClaimsConfig, MachineClaimRule, MachineClaimSource } from './config.ts';

export interface ComputedMachineClaims {
  access_token: Record<string, ClaimValue>;
  /** Claims left out to stay within the budget. */
  dropped: Array<{ key: string; bytes: number }>;
  /** Set when a claim configured with on_oversize: deny does not fit. */
  deny: string | null;
}

const own = (obj: unknown, key: string): unknown => (isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** Whether a machine claim applies to this exchange: clients by id or name, the API, the issued scopes, an organization. */
export function machineConditionsHold(when: ClaimConditions | undefined, event: CredentialsExchangeEvent): boolean {
  if (!when) return true;
  const client = event.client;
  if (when.clients && !when.clients.some((c) => c === own(client, 'client_id') || c === own(client, 'name'))) return false;
  if (when.audiences) {
    const aud = own(event.resource_server, 'identifier');
    if (typeof aud !== 'string' || !when.audiences.includes(aud)) return false;
  }
  if (when.scopes) {
    const issued = strings(own(event.accessToken, 'scope'));
    if (!when.scopes.every((s) => issued.includes(s))) return false;
  }
  if (when.organization !== undefined && isRecord(event.organization) !== when.organization) return false;
  return true;
}

function readMachineSource(event: CredentialsExchangeEvent, source: MachineClaimSource): unknown {
  switch (source.kind) {
    case 'client_metadata':
      return own(own(event.client, 'metadata'), source.key);
    case 'client':
      return own(event.client, source.field);
    case 'organization':
      return own(event.organization, source.field);
    case 'organization_metadata':
      return own(own(event.organization, 'metadata'), source.key);
    case 'static':
      return source.value;
  }
}

/** The claim's value for this exchange, or undefined to leave the claim out. */
export function machineClaimValue(rule: MachineClaimRule, event: CredentialsExchangeEvent): ClaimValue | undefined {
  const raw = readMachineSource(event, rule.source);
  const cv = raw === undefined ? undefined : toClaimValue(raw);
  const value = cv === undefined ? undefined : rule.shape === 'list' && !Array.isArray(cv) ? [cv] : cv;
  return value !== undefined ? value : (toClaimValue(rule.default) ?? undefined);
}

/**
 * Whether Auth0 would keep a claim on this machine token: none on Management API tokens, no private
 * (non-namespaced) ones on Auth0's other APIs (docs "Create Custom Claims"; policy/machine.ts).
 */
function reachesToken(key: string, event: CredentialsExchangeEvent): boolean {
  const audience = own(event.resource_server, 'identifier');
  if (typeof audience !== 'string') return false;
  const hosts = [own(event.request, 'hostname'), own(event.custom_domain, 'domain')].filter((h): h is string => typeof h === 'string');
  if (isManagementApiAudience(audience, hosts)) return false;
  return namespaceKind(key) !== 'none' || !isAuth0ApiAudience(audience, hosts);
}

export function computeMachineClaims(config: ClaimsConfig, event: CredentialsExchangeEvent): ComputedMachineClaims {
  const sized: Array<SizedClaim<MachineClaimRule>> = [];
  for (const rule of config.machine_claims ?? []) {
    if (!machineConditionsHold(rule.when, event) || !reachesToken(rule.key, event)) continue;
    const value = machineClaimValue(rule, event);
    if (value !== undefined) sized.push({ rule, value, size: entryBytes(rule.key, value) });
  }
  const fitted = fitBudget(sized, config.max_token_bytes, 'access token');
  return { access_token: claimsObject(fitted.kept), dropped: fitted.dropped, deny: fitted.deny };
}
