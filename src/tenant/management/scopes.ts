// The Management API scopes this tenant checks, named as Auth0 names them (each endpoint's "Scopes" in
// the Management API v2 reference). The bootstrap client is granted all of them.

export const SCOPES = {
  readActions: 'read:actions',
  createActions: 'create:actions',
  updateActions: 'update:actions',
  deleteActions: 'delete:actions',
  readClients: 'read:clients',
  createClients: 'create:clients',
  updateClients: 'update:clients',
  deleteClients: 'delete:clients',
  readClientKeys: 'read:client_keys',
  readResourceServers: 'read:resource_servers',
  createResourceServers: 'create:resource_servers',
  updateResourceServers: 'update:resource_servers',
  deleteResourceServers: 'delete:resource_servers',
  readRoles: 'read:roles',
  createRoles: 'create:roles',
  updateRoles: 'update:roles',
  deleteRoles: 'delete:roles',
  readRoleMembers: 'read:role_members',
  createRoleMembers: 'create:role_members',
  deleteRoleMembers: 'delete:role_members',
  readUsers: 'read:users',
  createUsers: 'create:users',
  updateUsers: 'update:users',
  updateUsersAppMetadata: 'update:users_app_metadata',
  deleteUsers: 'delete:users',
} as const;

export const ALL_MANAGEMENT_SCOPES: readonly string[] = Object.values(SCOPES);

/** The Management API's own scope list, as its resource server shows it. */
export function managementScopeList(): Array<{ value: string; description: string }> {
  return ALL_MANAGEMENT_SCOPES.map((value) => {
    const [verb, thing] = value.split(':') as [string, string];
    return { value, description: `${verb[0]?.toUpperCase()}${verb.slice(1)} ${thing.replace(/_/g, ' ')}` };
  });
}
