// Verify: the tenant now holds everything the plan applied — every section is read again and compared
// with tenant.yaml by the same handlers, so any resource still different is listed — and each
// post-login and credentials-exchange Action passes a smoke test through the Management API's test endpoint.
import type { ManagementClient } from 'auth0';
import { errorMessage } from '../errors.ts';
import { asRecord } from '../lib/records.ts';
import { isTriggerId } from '../types/triggers.ts';
import { desiredActions, type DesiredTenant } from './desired.ts';
import { changed, makePlan, type Plan } from './plan.ts';
import type { Section } from './resources/registry.ts';
import { readTenant } from './snapshot.ts';

export interface Verification {
  ok: boolean;
  /** One line per difference, empty when ok. */
  problems: string[];
  /** How many resources were read back and found as tenant.yaml says. */
  checked: number;
  smokeTests: Array<{ action: string; ok: boolean; detail: string }>;
  /** Sections auth0-deploy-cli applied: claimkit cannot compare them. */
  notVerified: string[];
}

const rec = asRecord;

/** A test answer fails when its payload reports an error (claimkit's local tenant and Auth0 both put it there). */
function smokeResult(answer: unknown): { ok: boolean; detail: string } {
  const payload = rec(rec(answer)['payload']);
  const error = payload['error'];
  if (payload['outcome'] === 'error' || (error !== undefined && error !== null)) return { ok: false, detail: errorMessage(rec(error)['message'] ?? error) };
  return { ok: true, detail: typeof payload['outcome'] === 'string' ? payload['outcome'] : 'ok' };
}

/** Actions of the triggers claimkit runs (post-login, credentials-exchange) get a smoke test. */
const runnable = (action: Record<string, unknown>) =>
  !Array.isArray(action['supported_triggers']) || action['supported_triggers'].some((t) => isTriggerId(rec(t)['id']));

export async function verifyDeploy(mgmt: ManagementClient, desired: DesiredTenant, options: { ownClientId: string; allowDelete: boolean; planned: Plan }): Promise<Verification> {
  const sections = Object.keys(desired.sections) as Section[];
  const snapshot = await readTenant(mgmt, sections, { ownClientId: options.ownClientId, wanted: { triggers: (desired.sections.triggers ?? []).map((t) => String(t['trigger'])) } });
  const now = makePlan(desired, snapshot, { allowDelete: options.allowDelete, ownClientId: options.ownClientId });
  const problems = changed(now).map((c) =>
    c.change === 'delete' ? `${c.type} ${c.name} is still on the tenant.` : c.change === 'create' ? `${c.type} ${c.name} is not on the tenant.` : `${c.type} ${c.name} differs from tenant.yaml (${c.reasons.join(', ')})${c.summary ? `: ${c.summary}` : ''}.`,
  );
  const smokeTests: Verification['smokeTests'] = [];
  for (const action of desiredActions(desired).filter(runnable)) {
    const name = String(action['name']);
    const id = now.changes.find((c) => c.section === 'actions' && c.name === name)?.id;
    if (id === undefined) continue; // reported above as missing
    try {
      const result = smokeResult(await mgmt.actions.test(id, { payload: {} }));
      smokeTests.push({ action: name, ...result });
      if (!result.ok) problems.push(`Action ${name} fails its smoke test: ${result.detail}`);
    } catch (err) {
      smokeTests.push({ action: name, ok: false, detail: errorMessage(err) });
      problems.push(`Action ${name}: the smoke test could not run: ${errorMessage(err)}`);
    }
  }
  const checked = now.changes.filter((c) => c.change === 'unchanged').length;
  return { ok: problems.length === 0, problems, checked, smokeTests, notVerified: options.planned.passthrough };
}
