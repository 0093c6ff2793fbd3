// Apply: the plan's creates and updates through the resource handlers (the auth0 SDK, section by
// section in APPLY_ORDER, a few requests at a time), then the deletions it allows, then the sections
// claimkit passes through, with auth0-deploy-cli (a0deploy.ts). Secret values go to the tenant in
// memory only.
import type { ManagementClient } from 'auth0';
import { ClaimkitError, errorMessage } from '../errors.ts';
import { asRecord } from '../lib/records.ts';
import type { Env } from '../project/dotenv.ts';
import { secretEnvName } from '../project/secrets.ts';
import { declaredSecrets, desiredActions, type DesiredTenant } from './desired.ts';
import { changed, remoteItems, type Change, type Plan } from './plan.ts';
import type { ApplyContext, ResourceHandler } from './resources/contract.ts';
import { APPLY_ORDER, RESOURCE_HANDLERS } from './resources/registry.ts';
import type { TenantSnapshot } from './snapshot.ts';

/** At most this many requests of one section at once (auth0-deploy-cli uses 3 as well). */
const CONCURRENCY = 3;

/**
 * The value of each secret of each changed Action, looked up as `claimkit run` and the tests look it up
 * (src/project/secrets.ts): `<ACTION>__<NAME>`, else `<NAME>` (environment or .env), else tenant.yaml's
 * `value:` — so the value deployed is the one the Action was tried with.
 */
export function secretValues(desired: DesiredTenant, plan: Plan, env: Env): { values: Map<string, string>; missing: string[] } {
  const values = new Map<string, string>();
  const missing: string[] = [];
  const changedActions = new Set(changed(plan).filter((c) => c.section === 'actions' && c.change !== 'delete').map((c) => c.name));
  for (const action of desiredActions(desired)) {
    const name = String(action['name']);
    if (!changedActions.has(name)) continue;
    for (const s of declaredSecrets(action)) {
      const value = env[secretEnvName(name, s.name)] ?? env[s.name] ?? s.value;
      if (value === undefined || value === '') missing.push(`${name}: ${s.name}`);
      else values.set(`${name}\u0000${s.name}`, value);
    }
  }
  return { values, missing };
}

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) {
    const results = await Promise.allSettled(items.slice(i, i + CONCURRENCY).map(run));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** What the Management API said: its error body's message (the SDK's own message is only the status). */
function apiMessage(cause: unknown): string {
  const body = asRecord(asRecord(cause)['body']);
  const said = body['message'] ?? body['error_description'];
  const status = asRecord(cause)['statusCode'];
  const text = typeof said === 'string' && said !== '' ? `${typeof status === 'number' ? `HTTP ${status}: ` : ''}${said}` : (errorMessage(cause).split('\n')[0] ?? '');
  return text.replace(/\.$/, '');
}

/** A request the tenant refused, said with the resource it was for. */
function applyError(change: Change, cause: unknown): ClaimkitError {
  if (cause instanceof ClaimkitError) return cause;
  return new ClaimkitError('ERR_DEPLOY_APPLY_FAILED', `Could not ${change.change} ${change.type} ${change.name}: ${apiMessage(cause)}. What came before it in the plan was applied; fix tenant.yaml and deploy again (the plan then shows what is left).`, { cause });
}

export interface ApplyOptions {
  mgmt: ManagementClient;
  desired: DesiredTenant;
  snapshot: TenantSnapshot;
  plan: Plan;
  ownClientId: string;
  secrets: ReadonlyMap<string, string>;
  log: (line: string) => void;
}

/** Creates and updates in apply order, then deletions (only those --allow-delete put in the plan), last section first. */
export async function applyPlan(options: ApplyOptions): Promise<void> {
  const ctx: ApplyContext = {
    mgmt: options.mgmt,
    names: options.snapshot.names,
    ownClientId: options.ownClientId,
    secretValue: (action, name) => options.secrets.get(`${action}\u0000${name}`),
    log: options.log,
  };
  for (const section of APPLY_ORDER) {
    const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
    const work = options.plan.changes.filter((c) => c.section === section && (c.change === 'create' || c.change === 'update'));
    if (work.length === 0) continue;
    const have = remoteItems(section, options.desired, options.snapshot, ctx);
    const wanted = options.desired.sections[section] ?? [];
    await inBatches(work, async (change) => {
      const want = wanted.find((w) => handler.key(w) === change.name);
      if (!want) return;
      const remote = have.find((h) => h.key === change.name)?.remote;
      try {
        if (change.change === 'create' || remote === undefined) await handler.create(want, ctx);
        else await handler.update(want, remote, ctx);
      } catch (err) {
        throw applyError(change, err);
      }
    });
  }
  for (const section of [...APPLY_ORDER].reverse()) {
    const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
    const doomed = options.plan.changes.filter((c) => c.section === section && c.change === 'delete');
    if (doomed.length === 0) continue;
    const have = remoteItems(section, options.desired, options.snapshot, ctx);
    await inBatches(doomed, async (change) => {
      const remote = have.find((h) => h.key === change.name)?.remote;
      if (remote === undefined) return;
      try {
        await handler.remove(remote, ctx);
      } catch (err) {
        throw applyError(change, err);
      }
    });
  }
}
