import type { Route } from '../http/router.ts';
import { createAction, deleteAction, getAction, listActions, updateAction } from './actions/actions.ts';
import { deployAction, deployVersion, getVersion, listVersions } from './actions/deploy.ts';
import { getExecution } from './actions/executions.ts';
import { testAction } from './actions/test-run.ts';
import { listBindings, listModules, listTriggers, updateBindings } from './actions/triggers.ts';
import { createClient, deleteClient, getClient, listClients, updateClient } from './clients.ts';
import { createResourceServer, deleteResourceServer, getResourceServer, listResourceServers, updateResourceServer } from './resource-servers.ts';
import { addRolePermissions, createRole, deleteRole, getRole, listRolePermissions, listRoles, removeRolePermissions, updateRole } from './roles.ts';
import { SCOPES as S } from './scopes.ts';
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
];
