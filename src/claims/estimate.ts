// Worst-case size of the custom claims a configuration can put into each token, before deploy.
import type { ClaimRule, ClaimsConfig, MachineClaimRule, TokenTarget } from '../runtime/claims/config.ts';
import type { ValidatedClaim } from './claim.ts';
import type { ValidatedMachineClaim } from './machine-claim.ts';

/** Assumptions where the configuration gives no bound (override per claim with max_items / max_bytes). */
export const ESTIMATE_DEFAULTS = {
  /** Roles per user in a role list. */
  maxRoles: 100,
  /** Bytes per role name in JSON, quotes and comma included. */
  roleBytes: 66,
  /** A metadata value. */
  metadataBytes: 1024,
  /** A profile, organization or client metadata field (client metadata values: at most 255 characters). */
  fieldBytes: 256,
} as const;

const json = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? 'null', 'utf8');

function valueBytes(rule: ClaimRule, hints: ValidatedClaim): number {
  if (hints.maxBytes !== undefined) return hints.maxBytes;
  const fallback = rule.default === undefined ? 0 : json(rule.default);
  switch (rule.source.kind) {
    case 'static':
      return json(rule.source.value);
    case 'roles':
      if (rule.shape === 'has_role') return json(false);
      return Math.max(fallback, rule.shape === 'value' ? ESTIMATE_DEFAULTS.roleBytes : 2 + (hints.maxItems ?? ESTIMATE_DEFAULTS.maxRoles) * ESTIMATE_DEFAULTS.roleBytes);
    case 'app_metadata':
    case 'user_metadata':
      return Math.max(fallback, ESTIMATE_DEFAULTS.metadataBytes);
    default:
      return Math.max(fallback, ESTIMATE_DEFAULTS.fieldBytes);
  }
}

export interface SizeEstimate {
  id_token: number;
  access_token: number;
  /** A machine's access token (client-credentials grant), from machine_claims. */
  machine_access_token: number;
  max_token_bytes: number;
}

function machineValueBytes(rule: MachineClaimRule, hints: ValidatedMachineClaim): number {
  if (hints.maxBytes !== undefined) return hints.maxBytes;
  const value = rule.source.kind === 'static' ? json(rule.source.value) : Math.max(rule.default === undefined ? 0 : json(rule.default), ESTIMATE_DEFAULTS.fieldBytes);
  // A list wraps the value in brackets.
  return rule.shape === 'list' && !(rule.source.kind === 'static' && Array.isArray(rule.source.value)) ? value + 2 : value;
}

/** Bytes of the claims object when every claim applies at its largest. */
export function estimateWorstCase(config: ClaimsConfig, claims: readonly ValidatedClaim[], machineClaims: readonly ValidatedMachineClaim[] = []): SizeEstimate {
  const out: SizeEstimate = { id_token: 2, access_token: 2, machine_access_token: 2, max_token_bytes: config.max_token_bytes };
  (config.machine_claims ?? []).forEach((rule, i) => {
    const hints = machineClaims[i];
    if (hints) out.machine_access_token += json(rule.key) + 1 + machineValueBytes(rule, hints) + 1;
  });
  config.claims.forEach((rule, i) => {
    const hints = claims[i];
    if (!hints) return;
    const entry = json(rule.key) + 1 + valueBytes(rule, hints) + 1;
    for (const token of rule.tokens as TokenTarget[]) out[token] += entry;
  });
  return out;
}
