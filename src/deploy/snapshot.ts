// What a tenant holds, read through the auth0 SDK (the same reads for plan and verify).
import { ManagementClient } from 'auth0';
import type { Target } from './target.ts';
import { asRecord } from '../lib/records.ts';

export interface RemoteAction {
  id: string;
  name: string;
  /** The draft's code. */
  code: string;
  /** The deployed version's code; undefined when nothing is deployed. */
  deployedCode: string | undefined;
  runtime: string;
  dependencies: string[];
  secretNames: string[];
  allChangesDeployed: boolean;
}

export interface TenantSnapshot {
  actions: RemoteAction[];
  /** post-login bindings: Action names in order. */
  bindings: string[];
  roles: Array<{ id: string; name: string; description: string; permissions: string[] }>;
  resourceServers: Array<Record<string, unknown> & { id: string; identifier: string }>;
  clients: Array<Record<string, unknown> & { client_id: string; name: string }>;
}

export function managementClient(target: Target): ManagementClient {
  return new ManagementClient({ domain: target.domain, clientId: target.clientId, clientSecret: target.clientSecret, maxRetries: 6, timeoutInSeconds: 30 });
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const rec = asRecord;

async function all<T>(page: Promise<AsyncIterable<T>>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of await page) out.push(item);
  return out;
}

/** `name@version` of each dependency, sorted: how dependencies are compared. */
export function depKeys(deps: unknown): string[] {
  return (Array.isArray(deps) ? deps : []).map((d) => `${str(rec(d)['name'])}@${str(rec(d)['version'])}`).sort();
}

export async function readTenant(mgmt: ManagementClient): Promise<TenantSnapshot> {
  const [actions, bindings, roles, resourceServers, clients] = await Promise.all([
    all(mgmt.actions.list({ per_page: 100 })),
    all(mgmt.actions.triggers.bindings.list('post-login', { per_page: 50 })),
    all(mgmt.roles.list({ per_page: 100 })),
    all(mgmt.resourceServers.list({ per_page: 100 })),
    all(mgmt.clients.list({ per_page: 100, is_global: false })),
  ]);
  const rolesWithPermissions = await Promise.all(
    roles.map(async (r) => {
      const role = rec(r);
      const permissions = await all(mgmt.roles.permissions.list(str(role['id']), { per_page: 100 }));
      return {
        id: str(role['id']),
        name: str(role['name']),
        description: str(role['description']),
        permissions: permissions.map((p) => `${str(rec(p)['resource_server_identifier'])} ${str(rec(p)['permission_name'])}`).sort(),
      };
    }),
  );
  return {
    actions: actions.map((a) => {
      const action = rec(a);
      const deployed = rec(action['deployed_version']);
      return {
        id: str(action['id']),
        name: str(action['name']),
        code: str(action['code']),
        deployedCode: typeof deployed['code'] === 'string' ? deployed['code'] : undefined,
        runtime: str(action['runtime']),
        dependencies: depKeys(action['dependencies']),
        secretNames: (Array.isArray(action['secrets']) ? action['secrets'] : []).map((s) => str(rec(s)['name'])).sort(),
        allChangesDeployed: action['all_changes_deployed'] !== false,
      };
    }),
    bindings: bindings.map((b) => str(rec(rec(b)['action'])['name']) || str(rec(b)['display_name'])),
    roles: rolesWithPermissions,
    resourceServers: resourceServers.map((r) => ({ ...rec(r), id: str(rec(r)['id']), identifier: str(rec(r)['identifier']) })),
    clients: clients.map((c) => ({ ...rec(c), client_id: str(rec(c)['client_id']), name: str(rec(c)['name']) })),
  };
}
