import type { Route } from '../http/router.ts';
import { createAction, deleteAction, getAction, listActions, updateAction } from './actions/actions.ts';
import { deployAction, deployVersion, getVersion, listVersions } from './actions/deploy.ts';
import { getExecution } from './actions/executions.ts';
import { testAction } from './actions/test-run.ts';
import { listBindings, listModules, listTriggers, updateBindings } from './actions/triggers.ts';
import { createClientGrant, deleteClientGrant, getClientGrant, listClientGrants, updateClientGrant } from './client-grants.ts';
import { createClient, deleteClient, getClient, listClients, updateClient } from './clients.ts';
import { createConnection, deleteConnection, getConnection, listConnections, updateConnection } from './connections/connections.ts';
import { listEnabledClients, updateEnabledClients } from './connections/enabled-clients.ts';
import { collectionDocumentRoutes } from './documents/collections.ts';
import { settingsDocumentRoutes } from './documents/settings.ts';
import { associateOrganizationClientGrant, dissociateOrganizationClientGrant, listOrganizationClientGrants } from './organizations/client-grants.ts';
import { addOrganizationConnection, getOrganizationConnection, listOrganizationConnections, removeOrganizationConnection, updateOrganizationConnection } from './organizations/connections.ts';
import { addMembers, assignMemberRoles, listMemberRoles, listMembers, removeMemberRoles, removeMembers } from './organizations/members.ts';
import { createOrganization, deleteOrganization, getOrganization, getOrganizationByName, listOrganizations, updateOrganization } from './organizations/organizations.ts';
import { createResourceServer, deleteResourceServer, getResourceServer, listResourceServers, updateResourceServer } from './resource-servers.ts';
import { addRolePermissions, createRole, deleteRole, getRole, listRolePermissions, listRoles, removeRolePermissions, updateRole } from './roles.ts';
import { SCOPES as S } from './scopes.ts';
import { getTenantSettings, updateTenantSettings } from './tenant-settings.ts';
import { assignUserRoles, listUserRoles, removeUserRoles } from './user-roles.ts';
import { createUser, deleteUser, getUser, listUsers, updateUser, usersByEmail } from './users.ts';

/**
 * The Management API v2 as this tenant implements it, mounted at /api/v2. Each route names the scopes
 * Auth0 asks for (any one suffices). Anything not listed answers 404.
 */
export const managementRoutes: readonly Route[] = [
  { method: 'GET', path: '/actions/actions', scopes: [S.readActions], handle: listActions },
  { method: 'POST', path: '/actions/actions', scopes: [S.createActions], handle: createAction },
  { method: 'GET', path: '/actions/actions/:id', scopes: [S.readActions], handle: getAction },
  { method: 'PATCH', path: '/actions/actions/:id', scopes: [S.updateActions], handle: updateAction },
  { method: 'DELETE', path: '/actions/actions/:id', scopes: [S.deleteActions], handle: deleteAction },
  { method: 'POST', path: '/actions/actions/:id/deploy', scopes: [S.createActions], handle: deployAction },
  { method: 'POST', path: '/actions/actions/:id/test', scopes: [S.createActions], handle: testAction },
  { method: 'GET', path: '/actions/actions/:actionId/versions', scopes: [S.readActions], handle: listVersions },
  { method: 'GET', path: '/actions/actions/:actionId/versions/:id', scopes: [S.readActions], handle: getVersion },
  { method: 'POST', path: '/actions/actions/:actionId/versions/:id/deploy', scopes: [S.createActions], handle: deployVersion },
  { method: 'GET', path: '/actions/triggers', scopes: [S.readActions], handle: listTriggers },
  { method: 'GET', path: '/actions/triggers/:triggerId/bindings', scopes: [S.readActions], handle: listBindings },
  { method: 'PATCH', path: '/actions/triggers/:triggerId/bindings', scopes: [S.updateActions], handle: updateBindings },
  { method: 'GET', path: '/actions/modules', scopes: [S.readActions], handle: listModules },
  { method: 'GET', path: '/actions/executions/:id', scopes: [S.readActions], handle: getExecution },

  { method: 'GET', path: '/roles', scopes: [S.readRoles], handle: listRoles },
  { method: 'POST', path: '/roles', scopes: [S.createRoles], handle: createRole },
  { method: 'GET', path: '/roles/:id', scopes: [S.readRoles], handle: getRole },
  { method: 'PATCH', path: '/roles/:id', scopes: [S.updateRoles], handle: updateRole },
  { method: 'DELETE', path: '/roles/:id', scopes: [S.deleteRoles], handle: deleteRole },
  { method: 'GET', path: '/roles/:id/permissions', scopes: [S.readRoles], handle: listRolePermissions },
  { method: 'POST', path: '/roles/:id/permissions', scopes: [S.updateRoles], handle: addRolePermissions },
  { method: 'DELETE', path: '/roles/:id/permissions', scopes: [S.updateRoles], handle: removeRolePermissions },

  { method: 'GET', path: '/resource-servers', scopes: [S.readResourceServers], handle: listResourceServers },
  { method: 'POST', path: '/resource-servers', scopes: [S.createResourceServers], handle: createResourceServer },
  { method: 'GET', path: '/resource-servers/:id', scopes: [S.readResourceServers], handle: getResourceServer },
  { method: 'PATCH', path: '/resource-servers/:id', scopes: [S.updateResourceServers], handle: updateResourceServer },
  { method: 'DELETE', path: '/resource-servers/:id', scopes: [S.deleteResourceServers], handle: deleteResourceServer },

  { method: 'GET', path: '/clients', scopes: [S.readClients, S.readClientKeys], handle: listClients },
  { method: 'POST', path: '/clients', scopes: [S.createClients], handle: createClient },
  { method: 'GET', path: '/clients/:id', scopes: [S.readClients, S.readClientKeys], handle: getClient },
  { method: 'PATCH', path: '/clients/:id', scopes: [S.updateClients], handle: updateClient },
  { method: 'DELETE', path: '/clients/:id', scopes: [S.deleteClients], handle: deleteClient },

  { method: 'GET', path: '/users', scopes: [S.readUsers], handle: listUsers },
  { method: 'POST', path: '/users', scopes: [S.createUsers], handle: createUser },
  { method: 'GET', path: '/users-by-email', scopes: [S.readUsers], handle: usersByEmail },
  { method: 'GET', path: '/users/:id', scopes: [S.readUsers], handle: getUser },
  { method: 'PATCH', path: '/users/:id', scopes: [S.updateUsers, S.updateUsersAppMetadata], handle: updateUser },
  { method: 'DELETE', path: '/users/:id', scopes: [S.deleteUsers], handle: deleteUser },
  { method: 'GET', path: '/users/:id/roles', scopes: [S.readUsers, S.readRoles, S.readRoleMembers], handle: listUserRoles },
  { method: 'POST', path: '/users/:id/roles', scopes: [S.createRoleMembers], handle: assignUserRoles },
  { method: 'DELETE', path: '/users/:id/roles', scopes: [S.deleteRoleMembers], handle: removeUserRoles },

  { method: 'GET', path: '/client-grants', scopes: [S.readClientGrants], handle: listClientGrants },
  { method: 'POST', path: '/client-grants', scopes: [S.createClientGrants], handle: createClientGrant },
  { method: 'GET', path: '/client-grants/:id', scopes: [S.readClientGrants], handle: getClientGrant },
  { method: 'PATCH', path: '/client-grants/:id', scopes: [S.updateClientGrants], handle: updateClientGrant },
  { method: 'DELETE', path: '/client-grants/:id', scopes: [S.deleteClientGrants], handle: deleteClientGrant },

  { method: 'GET', path: '/connections', scopes: [S.readConnections], handle: listConnections },
  { method: 'POST', path: '/connections', scopes: [S.createConnections], handle: createConnection },
  { method: 'GET', path: '/connections/:id', scopes: [S.readConnections], handle: getConnection },
  { method: 'PATCH', path: '/connections/:id', scopes: [S.updateConnections], handle: updateConnection },
  { method: 'DELETE', path: '/connections/:id', scopes: [S.deleteConnections], handle: deleteConnection },
  { method: 'GET', path: '/connections/:id/clients', scopes: [S.readConnections], handle: listEnabledClients },
  { method: 'PATCH', path: '/connections/:id/clients', scopes: [S.updateConnections], handle: updateEnabledClients },

  { method: 'GET', path: '/tenants/settings', scopes: [S.readTenantSettings], handle: getTenantSettings },
  { method: 'PATCH', path: '/tenants/settings', scopes: [S.updateTenantSettings], handle: updateTenantSettings },

  { method: 'GET', path: '/organizations', scopes: [S.readOrganizations, S.readOrganizationsSummary], handle: listOrganizations },
  { method: 'POST', path: '/organizations', scopes: [S.createOrganizations], handle: createOrganization },
  { method: 'GET', path: '/organizations/name/:name', scopes: [S.readOrganizations], handle: getOrganizationByName },
  { method: 'GET', path: '/organizations/:id', scopes: [S.readOrganizations], handle: getOrganization },
  { method: 'PATCH', path: '/organizations/:id', scopes: [S.updateOrganizations], handle: updateOrganization },
  { method: 'DELETE', path: '/organizations/:id', scopes: [S.deleteOrganizations], handle: deleteOrganization },
  ...(['enabled_connections', 'connections'] as const).flatMap((segment): Route[] => [
    { method: 'GET', path: `/organizations/:id/${segment}`, scopes: [S.readOrganizationConnections], handle: listOrganizationConnections(segment) },
    { method: 'POST', path: `/organizations/:id/${segment}`, scopes: [S.createOrganizationConnections], handle: addOrganizationConnection },
    { method: 'GET', path: `/organizations/:id/${segment}/:connectionId`, scopes: [S.readOrganizationConnections], handle: getOrganizationConnection },
    { method: 'PATCH', path: `/organizations/:id/${segment}/:connectionId`, scopes: [S.updateOrganizationConnections], handle: updateOrganizationConnection },
    { method: 'DELETE', path: `/organizations/:id/${segment}/:connectionId`, scopes: [S.deleteOrganizationConnections], handle: removeOrganizationConnection },
  ]),
  { method: 'GET', path: '/organizations/:id/members', scopes: [S.readOrganizationMembers], handle: listMembers },
  { method: 'POST', path: '/organizations/:id/members', scopes: [S.createOrganizationMembers], handle: addMembers },
  { method: 'DELETE', path: '/organizations/:id/members', scopes: [S.deleteOrganizationMembers], handle: removeMembers },
  { method: 'GET', path: '/organizations/:id/members/:userId/roles', scopes: [S.readOrganizationMemberRoles], handle: listMemberRoles },
  { method: 'POST', path: '/organizations/:id/members/:userId/roles', scopes: [S.createOrganizationMemberRoles], handle: assignMemberRoles },
  { method: 'DELETE', path: '/organizations/:id/members/:userId/roles', scopes: [S.deleteOrganizationMemberRoles], handle: removeMemberRoles },
  { method: 'GET', path: '/organizations/:id/client-grants', scopes: [S.readOrganizationClientGrants], handle: listOrganizationClientGrants },
  { method: 'POST', path: '/organizations/:id/client-grants', scopes: [S.createOrganizationClientGrants], handle: associateOrganizationClientGrant },
  { method: 'DELETE', path: '/organizations/:id/client-grants/:grantId', scopes: [S.deleteOrganizationClientGrants], handle: dissociateOrganizationClientGrant },

  // Everything else a tenant.yaml can hold, stored as written (documents/table.ts).
  ...settingsDocumentRoutes,
  ...collectionDocumentRoutes,
];
