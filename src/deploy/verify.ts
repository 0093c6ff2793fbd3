// Verify: the tenant runs exactly what was built, bound in tenant.yaml's order, and each Action passes a
// smoke test through the Management API's test endpoint.
import type { ManagementClient } from 'auth0';
import { isDeepStrictEqual } from 'node:util';
import { errorMessage } from '../errors.ts';
import type { DesiredTenant } from './desired.ts';
import { readTenant } from './snapshot.ts';
import { asRecord } from '../lib/records.ts';

export interface Verification {
  ok: boolean;
  /** One line per difference, empty when ok. */
  problems: string[];
  smokeTests: Array<{ action: string; ok: boolean; detail: string }>;
}

const rec = asRecord;

/** A test answer fails when its payload reports an error (claimkit's local tenant and Auth0 both put it there). */
function smokeResult(answer: unknown): { ok: boolean; detail: string } {
  const payload = rec(rec(answer)['payload']);
  const error = payload['error'];
  if (payload['outcome'] === 'error' || (error !== undefined && error !== null)) return { ok: false, detail: errorMessage(rec(error)['message'] ?? error) };
  return { ok: true, detail: typeof payload['outcome'] === 'string' ? payload['outcome'] : 'ok' };
}

export async function verifyDeploy(mgmt: ManagementClient, desired: DesiredTenant): Promise<Verification> {
  const tenant = await readTenant(mgmt);
  const problems: string[] = [];
  const smokeTests: Verification['smokeTests'] = [];
  for (const a of desired.actions) {
    const have = tenant.actions.find((x) => x.name === a.name);
    if (!have) {
      problems.push(`Action ${a.name} is not on the tenant.`);
      continue;
    }
    if (have.deployedCode === undefined) problems.push(`Action ${a.name} has no deployed version.`);
    else if (have.deployedCode !== a.code) problems.push(`Action ${a.name}: the deployed code is not the local bundle (dist/actions/${a.name}.js after keyword replacement).`);
    try {
      const result = smokeResult(await mgmt.actions.test(have.id, { payload: {} }));
      smokeTests.push({ action: a.name, ...result });
      if (!result.ok) problems.push(`Action ${a.name} fails its smoke test: ${result.detail}`);
    } catch (err) {
      smokeTests.push({ action: a.name, ok: false, detail: errorMessage(err) });
      problems.push(`Action ${a.name}: the smoke test could not run: ${errorMessage(err)}`);
    }
  }
  if (desired.bindings !== undefined && !isDeepStrictEqual(tenant.bindings, desired.bindings)) {
    problems.push(`post-login bindings are [${tenant.bindings.join(', ')}], tenant.yaml says [${desired.bindings.join(', ')}].`);
  }
  return { ok: problems.length === 0, problems, smokeTests };
}
