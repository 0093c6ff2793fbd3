// What tenant.yaml says of APIs elsewhere: a client grant's audience, a role's permissions (an API's
// scopes: resource_server_identifier + permission_name). The Management API refuses a grant for an API
// that does not exist and a permission its API does not define — in the middle of an apply, after what
// came before it was written — so the plan checks each against the APIs there will be (tenant.yaml's and
// the tenant's) and the scopes each will have (tenant.yaml's when it sets them, else the tenant's). When
// neither tenant.yaml nor the snapshot has resourceServers, nothing is known and the API answers.
import { isRecord } from '../lib/records.ts';
import type { DesiredTenant } from './desired.ts';
import type { YamlItem } from './resources/contract.ts';
import { RESOURCE_HANDLERS } from './resources/registry.ts';
import type { TenantSnapshot } from './snapshot.ts';

const scopeValues = (api: YamlItem): string[] | undefined =>
  Array.isArray(api['scopes']) ? api['scopes'].filter(isRecord).map((s) => String(s['value'])) : undefined;

export function apiReferenceProblems(desired: DesiredTenant, snapshot: TenantSnapshot): string[] {
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
  if (snapshot.remote['resourceServers'] !== undefined || desired.sections.resourceServers !== undefined) {
    for (const [i, grant] of (desired.sections.clientGrants ?? []).entries()) {
      const audience = String(grant['audience']);
      if (!scopes.has(audience)) problems.push(`client grant ${String(grant['client_id'])} → ${audience}: clientGrants[${i}].audience names an API that is neither in tenant.yaml's resourceServers nor on the tenant.`);
    }
  }
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
