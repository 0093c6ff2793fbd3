// The difference between tenant.yaml (with our bundles) and the tenant, section by section through the
// resource handlers: what a deploy would change. Sections tenant.yaml leaves out are not touched;
// sections auth0-deploy-cli applies for us are listed as such.
import { ClaimkitError } from '../errors.ts';
import type { DesiredTenant } from './desired.ts';
import type { ReadContext, ResourceHandler, YamlItem } from './resources/contract.ts';
import { APPLY_ORDER, RESOURCE_HANDLERS, type Section } from './resources/registry.ts';
import { itemWithSchemaDefaults } from './resources/defaults.ts';
import type { TenantSnapshot } from './snapshot.ts';
import { apiReferenceProblems } from './api-refs.ts';

export type ChangeKind = 'create' | 'update' | 'unchanged' | 'delete';

export interface Change {
  section: Section;
  /** What the item is, as the plan prints it: "action", "client grant", "bindings"… */
  type: string;
  name: string;
  change: ChangeKind;
  /** Why an update: the fields that differ. */
  reasons: string[];
  /** One line for changes whose fields say too little ("[a] → [b]" for bindings). */
  summary?: string;
  /** The tenant's id, when it exists there. */
  id?: string;
}

export interface Plan {
  changes: Change[];
  /** auth0-deploy-cli sections to hand to it as written (not compared with the tenant). */
  passthrough: string[];
  /** Passed-through sections left out: the same as claimkit last sent them to this tenant (passthrough-record.ts). */
  passthroughUnchanged: string[];
  /** Deletions found but not applied because --allow-delete was not given. */
  deletionsSkipped: Change[];
}

export const changed = (plan: Plan): Change[] => plan.changes.filter((c) => c.change !== 'unchanged');
export const isEmpty = (plan: Plan): boolean => changed(plan).length === 0 && plan.passthrough.length === 0;

/** The tenant's items of a section a deploy may touch, each with its yaml form. */
export function remoteItems(section: Section, desired: DesiredTenant, snapshot: TenantSnapshot, ctx: ReadContext): Array<{ remote: unknown; yaml: YamlItem; key: string }> {
  const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
  return (snapshot.remote[section] ?? [])
    .filter((r) => !handler.ignores(r, ctx))
    .map((remote) => {
      const yaml = handler.toYaml(remote, snapshot.names);
      return { remote, yaml, key: handler.key(yaml) };
    })
    .filter((r) => managed(desired, section, r.yaml, r.key));
}

/** The keys of the tenant's items a deploy never touches (its own client, the global client, system APIs). */
function ignoredKeys(section: Section, snapshot: TenantSnapshot, ctx: ReadContext): Set<string> {
  const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
  return new Set((snapshot.remote[section] ?? []).filter((r) => handler.ignores(r, ctx)).map((r) => handler.key(handler.toYaml(r, snapshot.names))));
}

/** Left out by tenant.yaml's `exclude:` (or not in its `include:`), as auth0-deploy-cli reads them. */
function managed(desired: DesiredTenant, section: string, item: YamlItem, key: string): boolean {
  const names = [key, typeof item['name'] === 'string' ? item['name'] : key];
  const excluded = desired.exclude[section] ?? [];
  const included = desired.include[section];
  return !names.some((n) => excluded.includes(n)) && (included === undefined || names.some((n) => included.includes(n)));
}

/** `clients[0].name`-style text for a path inside a section. */
const pathText = (section: string, path: ReadonlyArray<string | number>) => [section, ...path].map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/** Every name an item refers to exists in tenant.yaml or on the tenant; otherwise the deploy stops before writing. */
function checkReferences(desired: DesiredTenant, snapshot: TenantSnapshot): void {
  const known = (section: string): Set<string> => {
    const s = section as Section;
    const handler = RESOURCE_HANDLERS[s] as ResourceHandler;
    const mine = (desired.sections[s] ?? []).map((i) => (s === 'clientGrants' ? String(i['client_id']) : handler.key(i)));
    const theirs = (snapshot.remote[s] ?? []).map((r) => handler.toYaml(r, snapshot.names)).map((i) => (s === 'clientGrants' ? String(i['client_id']) : handler.key(i)));
    return new Set([...mine, ...theirs]);
  };
  const problems: string[] = [];
  for (const section of APPLY_ORDER) {
    const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
    for (const [index, item] of (desired.sections[section] ?? []).entries()) {
      for (const ref of handler.references?.(item, index) ?? []) {
        const found = ref.sections.some((s) => known(s).has(ref.name)) || (ref.sections.includes('clients') && snapshot.names.clientName(ref.name) !== undefined);
        if (!found) problems.push(`${handler.label} ${handler.key(item)}: ${pathText(section, ref.path)} names "${ref.name}", which is neither in tenant.yaml's ${ref.sections.join(' or ')} nor on the tenant.`);
      }
    }
  }
  problems.push(...apiReferenceProblems(desired, snapshot));
  if (problems.length > 0) throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `tenant.yaml refers to things that do not exist; nothing was sent:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

export function makePlan(desired: DesiredTenant, snapshot: TenantSnapshot, options: { allowDelete: boolean } & ReadContext): Plan {
  checkReferences(desired, snapshot);
  const changes: Change[] = [];
  const deletions: Change[] = [];
  for (const section of APPLY_ORDER) {
    const wanted = desired.sections[section];
    if (wanted === undefined) continue; // a section tenant.yaml leaves out is left alone
    const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
    const have = remoteItems(section, desired, snapshot, options);
    const untouchable = ignoredKeys(section, snapshot, options);
    for (const want of wanted) {
      const key = handler.key(want);
      if (!managed(desired, section, want, key)) continue;
      const match = have.find((h) => h.key === key);
      // The deploy's own client (an export holds the client it was made with): left alone, as a0deploy does.
      if (!match && untouchable.has(key)) continue;
      const reasons = match ? handler.diff(want, itemWithSchemaDefaults(section, match.yaml, handler.singleton)) : [];
      const kind: ChangeKind = !match ? 'create' : reasons.length > 0 ? 'update' : 'unchanged';
      const summary = kind !== 'unchanged' ? handler.summary?.(want, match?.yaml) : undefined;
      changes.push({ section, type: handler.label, name: key, change: kind, reasons, ...(summary === undefined ? {} : { summary }), ...(match ? { id: handler.idOf(match.remote) } : {}) });
    }
    if (!handler.deletes) continue;
    for (const h of have) {
      if (!wanted.some((w) => handler.key(w) === h.key)) deletions.push({ section, type: handler.label, name: h.key, change: 'delete', reasons: [], id: handler.idOf(h.remote) });
    }
  }
  const passthrough = Object.keys(desired.passthrough);
  return options.allowDelete ? { changes: [...changes, ...deletions], passthrough, passthroughUnchanged: [], deletionsSkipped: [] } : { changes, passthrough, passthroughUnchanged: [], deletionsSkipped: deletions };
}
