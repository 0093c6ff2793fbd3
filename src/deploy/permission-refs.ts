// A role's permissions name an API's scopes (resource_server_identifier + permission_name). The
// Management API refuses a permission its API does not define — in the middle of an apply, after what
// came before it was written — so the plan checks each against the scopes the API will have: tenant.yaml's
// when it sets them, else the tenant's. An API neither declares is left to the API (it may not be read).
import { isRecord } from '../lib/records.ts';
import type { DesiredTenant } from './desired.ts';
import type { YamlItem } from './resources/contract.ts';
import { RESOURCE_HANDLERS } from './resources/registry.ts';
import type { TenantSnapshot } from './snapshot.ts';

const scopeValues = (api: YamlItem): string[] | undefined =>
  Array.isArray(api['scopes']) ? api['scopes'].filter(isRecord).map((s) => String(s['value'])) : undefined;

export function permissionProblems(desired: DesiredTenant, snapshot: TenantSnapshot): string[] {
  const scopes = new Map<string, string[]>();
  const handler = RESOURCE_HANDLERS.resourceServers;
  for (const remote of snapshot.remote['resourceServers'] ?? []) {
    const api = handler.toYaml(remote as never, snapshot.names);
    scopes.set(String(api['identifier']), scopeValues(api) ?? []);
  }
  for (const api of desired.sections.resourceServers ?? []) {
    const own = scopeValues(api);
    if (own !== undefined || !scopes.has(String(api['identifier']))) scopes.set(String(api['identifier']), own ?? []);
  }
  const problems: string[] = [];
  for (const [i, role] of (desired.sections.roles ?? []).entries()) {
    const list = Array.isArray(role['permissions']) ? role['permissions'].filter(isRecord) : [];
    for (const [j, p] of list.entries()) {
      const api = String(p['resource_server_identifier']);
      const known = scopes.get(api);
      if (known === undefined || known.includes(String(p['permission_name']))) continue;
      problems.push(`role ${String(role['name'])}: roles[${i}].permissions[${j}] is "${String(p['permission_name'])}" of ${api}, which defines no such scope (${known.length > 0 ? known.join(', ') : 'none'}). Add it to the API's scopes, or fix the name.`);
    }
  }
  return problems;
}
