// The difference between tenant.yaml (with our bundles) and the tenant: what a deploy would change.
import { isDeepStrictEqual } from 'node:util';
import { sameRuntime } from '../build/limits.ts';
import type { DesiredTenant } from './desired.ts';
import type { TenantSnapshot } from './snapshot.ts';

export type ChangeKind = 'create' | 'update' | 'unchanged' | 'delete';

export interface Change {
  type: 'action' | 'role' | 'resourceServer' | 'client';
  name: string;
  change: ChangeKind;
  /** Why an update: the fields that differ. */
  reasons: string[];
  /** The tenant's id, when it exists there. */
  id?: string;
}

export interface Plan {
  changes: Change[];
  bindings: { change: 'update' | 'unchanged'; from: string[]; to: string[] } | null;
  /** Deletions found but not applied because --allow-delete was not given. */
  deletionsSkipped: Change[];
}

export const changed = (plan: Plan): Change[] => plan.changes.filter((c) => c.change !== 'unchanged');
export const isEmpty = (plan: Plan): boolean => changed(plan).length === 0 && plan.bindings?.change !== 'update';

/** Keys of `wanted` whose values differ in `have` (only what tenant.yaml sets is compared). */
function differingKeys(wanted: Record<string, unknown>, have: Record<string, unknown>, ignore: readonly string[]): string[] {
  return Object.keys(wanted).filter((k) => !ignore.includes(k) && !isDeepStrictEqual(normalise(wanted[k]), normalise(have[k])));
}

/** Arrays of scalars or of {value}/{name} objects compare as sets. */
function normalise(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return [...v].map((x) => (typeof x === 'object' ? JSON.stringify(x) : x)).sort();
}

export function makePlan(desired: DesiredTenant, tenant: TenantSnapshot, options: { allowDelete: boolean; keepClientIds: readonly string[] }): Plan {
  const changes: Change[] = [];
  for (const a of desired.actions) {
    const have = tenant.actions.find((x) => x.name === a.name);
    if (!have) {
      changes.push({ type: 'action', name: a.name, change: 'create', reasons: [] });
      continue;
    }
    const reasons = [
      ...(have.deployedCode === undefined ? ['not deployed'] : have.deployedCode !== a.code ? ['code'] : []),
      ...(!sameRuntime(have.runtime, a.runtime) ? ['runtime'] : []),
      ...(!isDeepStrictEqual(have.dependencies, a.dependencies) ? ['dependencies'] : []),
      ...(!isDeepStrictEqual(have.secretNames, a.secretNames) ? ['secrets'] : []),
      ...(!have.allChangesDeployed ? ['undeployed draft'] : []),
    ];
    changes.push({ type: 'action', name: a.name, change: reasons.length ? 'update' : 'unchanged', reasons, id: have.id });
  }
  for (const r of desired.roles) {
    const name = String(r['name']);
    const have = tenant.roles.find((x) => x.name === name);
    if (!have) {
      changes.push({ type: 'role', name, change: 'create', reasons: [] });
      continue;
    }
    const wantedPermissions = (Array.isArray(r['permissions']) ? r['permissions'] : [])
      .map((p) => `${String((p as Record<string, unknown>)['resource_server_identifier'])} ${String((p as Record<string, unknown>)['permission_name'])}`)
      .sort();
    const reasons = [...((r['description'] ?? '') !== have.description ? ['description'] : []), ...(!isDeepStrictEqual(wantedPermissions, have.permissions) ? ['permissions'] : [])];
    changes.push({ type: 'role', name, change: reasons.length ? 'update' : 'unchanged', reasons, id: have.id });
  }
  for (const rs of desired.resourceServers) {
    const identifier = String(rs['identifier']);
    const have = tenant.resourceServers.find((x) => x.identifier === identifier);
    const reasons = have ? differingKeys(rs, have, ['identifier']) : [];
    changes.push({ type: 'resourceServer', name: identifier, change: !have ? 'create' : reasons.length ? 'update' : 'unchanged', reasons, ...(have ? { id: have.id } : {}) });
  }
  for (const c of desired.clients) {
    const name = String(c['name']);
    const have = tenant.clients.find((x) => x.name === name);
    const reasons = have ? differingKeys(c, have, ['client_secret']) : [];
    changes.push({ type: 'client', name, change: !have ? 'create' : reasons.length ? 'update' : 'unchanged', reasons, ...(have ? { id: have.client_id } : {}) });
  }
  // Only resource types tenant.yaml manages can have deletions, as with auth0-deploy-cli.
  const deletions: Change[] = [];
  const doc = desired.document;
  if (Array.isArray(doc['actions'])) for (const a of tenant.actions) if (!desired.actions.some((d) => d.name === a.name)) deletions.push({ type: 'action', name: a.name, change: 'delete', reasons: [], id: a.id });
  if (Array.isArray(doc['roles'])) for (const r of tenant.roles) if (!desired.roles.some((d) => d['name'] === r.name)) deletions.push({ type: 'role', name: r.name, change: 'delete', reasons: [], id: r.id });
  if (Array.isArray(doc['resourceServers'])) {
    for (const r of tenant.resourceServers) {
      if (r['is_system'] === true || desired.resourceServers.some((d) => d['identifier'] === r.identifier)) continue;
      deletions.push({ type: 'resourceServer', name: r.identifier, change: 'delete', reasons: [], id: r.id });
    }
  }
  if (Array.isArray(doc['clients'])) {
    for (const c of tenant.clients) {
      if (options.keepClientIds.includes(c.client_id) || desired.clients.some((d) => d['name'] === c.name)) continue;
      deletions.push({ type: 'client', name: c.name, change: 'delete', reasons: [], id: c.client_id });
    }
  }
  const bindings = desired.bindings === undefined ? null : { from: tenant.bindings, to: desired.bindings, change: isDeepStrictEqual(tenant.bindings, desired.bindings) ? ('unchanged' as const) : ('update' as const) };
  return options.allowDelete ? { changes: [...changes, ...deletions], bindings, deletionsSkipped: [] } : { changes, bindings, deletionsSkipped: deletions };
}
