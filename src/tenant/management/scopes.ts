// The Management API scopes this tenant checks, named as Auth0 names them (each endpoint's "Scopes" in
// the Management API v2 reference). The bootstrap client is granted all of them.
import { DOCUMENT_SCOPES } from './documents/table.ts';

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
  readClientGrants: 'read:client_grants',
  createClientGrants: 'create:client_grants',
  updateClientGrants: 'update:client_grants',
  deleteClientGrants: 'delete:client_grants',
  readConnections: 'read:connections',
  createConnections: 'create:connections',
  updateConnections: 'update:connections',
  deleteConnections: 'delete:connections',
  readConnectionsOptions: 'read:connections_options',
  updateConnectionsOptions: 'update:connections_options',
  readTenantSettings: 'read:tenant_settings',
  updateTenantSettings: 'update:tenant_settings',
  readOrganizations: 'read:organizations',
  readOrganizationsSummary: 'read:organizations_summary',
  createOrganizations: 'create:organizations',
  updateOrganizations: 'update:organizations',
  deleteOrganizations: 'delete:organizations',
  readOrganizationMembers: 'read:organization_members',
  createOrganizationMembers: 'create:organization_members',
  deleteOrganizationMembers: 'delete:organization_members',
  readOrganizationMemberRoles: 'read:organization_member_roles',
  createOrganizationMemberRoles: 'create:organization_member_roles',
  deleteOrganizationMemberRoles: 'delete:organization_member_roles',
  readOrganizationConnections: 'read:organization_connections',
  createOrganizationConnections: 'create:organization_connections',
  updateOrganizationConnections: 'update:organization_connections',
  deleteOrganizationConnections: 'delete:organization_connections',
  readOrganizationClientGrants: 'read:organization_client_grants',
  createOrganizationClientGrants: 'create:organization_client_grants',
  deleteOrganizationClientGrants: 'delete:organization_client_grants',
} as const;

export const ALL_MANAGEMENT_SCOPES: readonly string[] = [...new Set([...Object.values(SCOPES), ...DOCUMENT_SCOPES])];

/** The Management API's own scope list, as its resource server shows it. */
export function managementScopeList(): Array<{ value: string; description: string }> {
  return ALL_MANAGEMENT_SCOPES.map((value) => {
    const [verb, thing] = value.split(':') as [string, string];
    return { value, description: `${verb[0]?.toUpperCase()}${verb.slice(1)} ${thing.replace(/_/g, ' ')}` };
  });
}
