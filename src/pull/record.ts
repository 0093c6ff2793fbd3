import fs from 'node:fs';
import path from 'node:path';
import type { KeywordMappings } from '../claims/keywords.ts';
import { desiredTenant } from '../deploy/desired.ts';
import { passthroughFingerprints, recordSent } from '../deploy/passthrough-record.ts';
import { isClaimkitError } from '../errors.ts';

/**
 * Records the passed-through sections of the project just pulled into `out` as what `tenant` holds (the
 * deploy's fingerprints of tenant.yaml read back with the pull's keyword values), so that the first
 * deploy after a pull does not start auth0-deploy-cli to send the tenant what it already has. A
 * tenant.yaml the deploy could not read either records nothing: that deploy stops before sending anyway.
 */
export function recordPulled(out: string, tenant: string, mappings: KeywordMappings): void {
  const file = path.join(out, 'tenant.yaml');
  let passthrough: Record<string, unknown>;
  try {
    passthrough = desiredTenant(fs.readFileSync(file, 'utf8'), [], mappings, file).passthrough;
  } catch (err) {
    if (isClaimkitError(err)) return;
    throw err;
  }
  recordSent(out, tenant, passthroughFingerprints(passthrough, out, mappings, { allReplaced: true }));
}
