// Validates one entry of claims.yaml `machine_claims:` into a MachineClaimRule (key still holding keywords).
// Machine claims go into machine-to-machine access tokens (the client-credentials grant), applied by the
// generic credentials-exchange Action; they read the client and the organization, never a user.
import type { MachineClaimRule, MachineClaimSource, OnOversize } from '../runtime/claims/config.ts';
import { isRecord } from '../lib/records.ts';
import { checkClients, checkJsonValue, claimKey, positiveInt, validateSourceOf, validateWhen, type ClaimContext } from './claim.ts';
import { MACHINE_CLAIM_KEYS, MACHINE_SHAPES, ON_OVERSIZE, parseMachineSource } from './fields.ts';
import type { IssueList, YamlPath } from './issues.ts';

export interface ValidatedMachineClaim {
  rule: MachineClaimRule;
  path: YamlPath;
  /** Sizing hint for the worst-case estimate. */
  maxBytes: number | undefined;
}

function validateSource(issues: IssueList, c: Record<string, unknown>, path: YamlPath): MachineClaimSource | undefined {
  return validateSourceOf(issues, c, path, parseMachineSource, {
    oneOf: 'A machine claim needs exactly one of "source" (such as client.metadata.tenant_id) or "value" (a static value).',
    notString: '"source" must be a string such as client.metadata.tenant_id.',
  });
}

export function validateMachineClaim(issues: IssueList, raw: unknown, path: YamlPath, ctx: ClaimContext): ValidatedMachineClaim | undefined {
  if (!isRecord(raw)) {
    issues.add(path, 'Each machine claim must be a mapping with at least name and source (or value).');
    return undefined;
  }
  const c = raw;
  const before = issues.items.length;
  const { tokens, ...others } = c;
  if (tokens !== undefined) issues.addAtKey([...path, 'tokens'], 'Machine claims go into the machine\'s access token only (there is no ID token in a client-credentials exchange): remove "tokens".');
  issues.unknownKeys(others, MACHINE_CLAIM_KEYS, path, 'a machine claim');
  const name = c['name'];
  if (typeof name !== 'string' || name.trim() === '') issues.add([...path, 'name'], '"name" must be a non-empty string, such as tenant_id.');
  const source = validateSource(issues, c, path);
  const shape = c['shape'] ?? 'value';
  if (!(MACHINE_SHAPES as readonly unknown[]).includes(shape)) issues.add([...path, 'shape'], `"shape" must be one of ${MACHINE_SHAPES.join(', ')} for a machine claim.`);
  const when = validateWhen(issues, c['when'], [...path, 'when'], ctx);
  checkClients(issues, when?.clients, [...path, 'when'], ctx);
  const namespaced = c['namespaced'] ?? true;
  if (typeof namespaced !== 'boolean') issues.add([...path, 'namespaced'], '"namespaced" must be true or false.');
  const onOversize = c['on_oversize'] ?? ctx.onOversize;
  if (!(ON_OVERSIZE as readonly unknown[]).includes(onOversize)) issues.add([...path, 'on_oversize'], '"on_oversize" must be drop or deny.');
  const maxBytes = positiveInt(issues, c['max_bytes'], [...path, 'max_bytes'], '"max_bytes"');
  if (c['default'] !== undefined) checkJsonValue(issues, c['default'], [...path, 'default'], '"default"');
  if (issues.items.length > before || typeof name !== 'string' || !source) return undefined;
  const rule: MachineClaimRule = {
    key: claimKey(ctx.namespace, name.trim(), namespaced === true),
    source,
    shape: shape as MachineClaimRule['shape'],
    on_oversize: onOversize as OnOversize,
    ...(Object.prototype.hasOwnProperty.call(c, 'default') ? { default: c['default'] } : {}),
    ...(when ? { when } : {}),
  };
  return { rule, path, maxBytes };
}
