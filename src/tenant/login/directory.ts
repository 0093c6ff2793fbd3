import type { StoredClient, StoredConnection, StoredOrganization, StoredResourceServer, StoredRole, StoredUser, TenantData } from '../store/model.ts';

// Read-only lookups a login makes in the tenant's data: roles, permissions, connections, organizations.

/**
 * The roles that apply to this login: the organization member's roles when the login goes through an
 * organization ("Each organization member can be assigned one or more roles, which are applied when users
 * log in through the organization", Organizations › Add Member Roles), the user's own roles otherwise.
 */
export function rolesOf(data: Readonly<TenantData>, user: StoredUser, organization: StoredOrganization | undefined): StoredRole[] {
  const ids = organization ? (organization.member_roles[user.user_id] ?? []) : user.roles;
  return data.roles.filter((r) => ids.includes(r.id));
}

/** The permissions these roles grant on one API (RBAC), in a stable order without duplicates. */
export function permissionsOn(roles: readonly StoredRole[], audience: string): string[] {
  const out = new Set<string>();
  for (const role of roles) for (const p of role.permissions) if (p.resource_server_identifier === audience) out.add(p.permission_name);
  return [...out];
}

export function resourceServer(data: Readonly<TenantData>, audience: string): StoredResourceServer | undefined {
  return data.resourceServers.find((rs) => rs.identifier === audience);
}

/** The scope values an API defines (`scopes: [{ value, description }]`). */
export function apiScopes(rs: StoredResourceServer): string[] {
  const scopes = rs['scopes'];
  return Array.isArray(scopes) ? scopes.flatMap((s) => (typeof s === 'object' && s !== null && typeof (s as { value?: unknown }).value === 'string' ? [(s as { value: string }).value] : [])) : [];
}

export function findConnection(data: Readonly<TenantData>, name: string): StoredConnection | undefined {
  return data.connections.find((c) => c.name === name);
}

/**
 * Whether `client` may log in through `connection`. Auth0 checks the connection's enabled_clients. A new
 * application gets every existing connection enabled while the tenant flag `enable_client_connections`
 * holds, which it does by default ("whether all current connections shall be enabled when a new client is
 * created. Default value is true", Management API, tenant settings flags). This tenant's clients are created
 * without touching connections, so a connection whose enabled_clients is still empty counts as enabled
 * for every client unless that flag is false; once the list names clients, only those may use it.
 */
export function connectionEnabledFor(data: Readonly<TenantData>, connection: StoredConnection, client: StoredClient): boolean {
  if (connection.enabled_clients.includes(client.client_id)) return true;
  const flags = data.tenantSettings['flags'];
  const enableAll = typeof flags === 'object' && flags !== null ? (flags as Record<string, unknown>)['enable_client_connections'] : undefined;
  return connection.enabled_clients.length === 0 && enableAll !== false;
}

/** An organization by id (`org_…`) or by name, as /authorize's `organization` parameter takes either. */
export function findOrganization(data: Readonly<TenantData>, idOrName: string): StoredOrganization | undefined {
  return data.organizations.find((o) => o.id === idOrName) ?? data.organizations.find((o) => o.name === idOrName.toLowerCase());
}

/** A database user of `connection` by email (any case) or username. */
export function findLoginUser(data: Readonly<TenantData>, connection: string, username: string): StoredUser | undefined {
  const email = username.toLowerCase();
  return data.users.find((u) => u.connection === connection && (u.email === email || u['username'] === username));
}
