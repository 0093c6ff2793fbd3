// What a tenant holds, read through the auth0 SDK by the resource handlers (the same reads for plan,
// verify and `pull`): the sections asked for plus those they refer to by name.
import { ManagementClient } from 'auth0';
import type { Names, ReadContext } from './resources/contract.ts';
import { createNames } from './resources/names.ts';
import { APPLY_ORDER, RESOURCE_HANDLERS, type Section } from './resources/registry.ts';
import type { Target } from './target.ts';
import { asRecord } from '../lib/records.ts';

export interface TenantSnapshot {
  /** Each section's resources as the Management API returned them (nothing filtered out yet). */
  remote: Partial<Record<Section, unknown[]>>;
  names: Names;
}

export function managementClient(target: Target): ManagementClient {
  return new ManagementClient({ domain: target.domain, clientId: target.clientId, clientSecret: target.clientSecret, maxRetries: 6, timeoutInSeconds: 30 });
}

/** `sections` and every section they refer to, in apply order. */
export function withReferences(sections: readonly Section[]): Section[] {
  const out = new Set<Section>();
  const add = (s: Section) => {
    if (out.has(s)) return;
    out.add(s);
    for (const r of RESOURCE_HANDLERS[s].refersTo) add(r as Section);
  };
  sections.forEach(add);
  return APPLY_ORDER.filter((s) => out.has(s));
}

const listOf = (remote: TenantSnapshot['remote'], s: Section) => (remote[s] ?? []).map(asRecord);

export interface SnapshotOptions {
  ownClientId: ReadContext['ownClientId'];
  /** Per section, the only keys that need reading (triggers: the ones tenant.yaml names). */
  wanted?: Partial<Record<Section, readonly string[]>>;
}

export async function readTenant(mgmt: ManagementClient, sections: readonly Section[], ctx: SnapshotOptions): Promise<TenantSnapshot> {
  const all = withReferences(sections);
  const lists = await Promise.all(all.map((s) => {
    const wanted = ctx.wanted?.[s];
    return RESOURCE_HANDLERS[s].read(mgmt, { ownClientId: ctx.ownClientId, ...(wanted ? { wanted } : {}) });
  }));
  const remote: TenantSnapshot['remote'] = Object.fromEntries(all.map((s, i) => [s, lists[i] ?? []]));
  const names = createNames({
    clients: listOf(remote, 'clients').map((c) => ({ client_id: String(c['client_id']), name: String(c['name']) })),
    connections: [...listOf(remote, 'databases'), ...listOf(remote, 'connections')].map((c) => ({ id: String(c['id']), name: String(c['name']) })),
    actions: listOf(remote, 'actions').map((a) => ({ id: String(a['id']), name: String(a['name']) })),
    grants: listOf(remote, 'clientGrants').map((g) => ({ id: String(g['id']), client_id: String(g['client_id']) })),
  });
  return { remote, names };
}
