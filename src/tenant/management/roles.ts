import { json, noContent, readJsonObject } from '../http/body.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { validateBody } from '../http/validate.ts';
import { ids } from '../store/ids.ts';
import type { StoredPermission, StoredRole, TenantData } from '../store/model.ts';
import type { Tenant } from '../tenant.ts';
import { offsetList, pageRequest } from './paging.ts';
import { findResourceServerByIdentifier } from './resource-servers.ts';

const ROLE_SCHEMA = { fields: { name: 'string', description: 'string' }, nonEmpty: ['name'] } as const;

export const roleView = (r: StoredRole) => ({ id: r.id, name: r.name, description: r.description ?? null, type: 'tenant' });

export function findRole(data: Readonly<TenantData>, id: string | undefined): StoredRole {
  const role = data.roles.find((r) => r.id === id);
  if (!role) throw notFound('The role does not exist.', 'inexistent_role');
  return role;
}

function assertUniqueName(data: Readonly<TenantData>, name: string, self?: string): void {
  if (data.roles.some((r) => r.name === name && r.id !== self)) throw conflict('Role name already exists', 'role_already_exists');
}

export function listRoles(ctx: RouteContext): Response {
  const filter = ctx.url.searchParams.get('name_filter')?.toLowerCase();
  const roles = ctx.tenant.store.data.roles.filter((r) => filter === undefined || r.name.toLowerCase().includes(filter));
  return json(offsetList('roles', roles.map(roleView), pageRequest(ctx.url)));
}

export async function createRole(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { ...ROLE_SCHEMA, required: ['name'] });
  const role: StoredRole = { id: ids.role(), name: body['name'] as string, permissions: [] };
  if (typeof body['description'] === 'string') role.description = body['description'];
  await tenant.store.write((data) => {
    assertUniqueName(data, role.name);
    return (d) => d.roles.push(role);
  });
  return json(roleView(role));
}

export function getRole(ctx: RouteContext): Response {
  return json(roleView(findRole(ctx.tenant.store.data, ctx.params['id'])));
}

export async function updateRole(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findRole(tenant.store.data, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, ROLE_SCHEMA);
  const { name, description } = body;
  const role = await tenant.store.write((data) => {
    const found = findRole(data, ctx.params['id']);
    if (typeof name === 'string') assertUniqueName(data, name, found.id);
    return () => {
      if (typeof name === 'string') found.name = name;
      if (typeof description === 'string') found.description = description;
      return roleView(found);
    };
  });
  return json(role);
}

export async function deleteRole(ctx: RouteContext): Promise<Response> {
  await ctx.tenant.store.write((data) => {
    const role = findRole(data, ctx.params['id']);
    return (d) => {
      d.roles = d.roles.filter((r) => r !== role);
      for (const user of d.users) user.roles = user.roles.filter((id) => id !== role.id);
      for (const org of d.organizations) for (const [user, roles] of Object.entries(org.member_roles)) org.member_roles[user] = roles.filter((id) => id !== role.id);
    };
  });
  return noContent();
}

/** The permissions of a body, as given (the resource servers are checked with the data: `checkPermissions`). */
async function readPermissions(ctx: RouteContext): Promise<Array<Record<string, unknown>>> {
  const body = await readJsonObject(ctx.request, ctx.tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['permissions'], fields: { permissions: 'object[]' } });
  return body['permissions'] as Array<Record<string, unknown>>;
}

/** Each permission checked against the resource server's scopes (`checkScopes`), or only its shape. */
function checkPermissions(tenant: Tenant, data: Readonly<TenantData>, given: ReadonlyArray<Record<string, unknown>>, checkScopes: boolean): StoredPermission[] {
  return given.map((p, i) => {
    const identifier = p['resource_server_identifier'];
    const name = p['permission_name'];
    if (typeof identifier !== 'string' || typeof name !== 'string') {
      throw badRequest(`Payload validation error: 'Missing required property: ${typeof identifier !== 'string' ? 'resource_server_identifier' : 'permission_name'}' on property permissions[${i}].`);
    }
    const rs = findResourceServerByIdentifier(tenant, data, identifier);
    if (!rs && !checkScopes) return { resource_server_identifier: identifier, permission_name: name };
    if (!rs) throw notFound(`Resource server not found: ${identifier}`, 'inexistent_resource_server');
    const scopes = Array.isArray(rs['scopes']) ? (rs['scopes'] as Array<{ value?: unknown }>) : [];
    if (checkScopes && !scopes.some((s) => s.value === name)) throw badRequest(`Permission ${name} does not exist on resource server ${identifier}.`, 'invalid_permission');
    return { resource_server_identifier: identifier, permission_name: name };
  });
}

const samePermission = (a: StoredPermission, b: StoredPermission) =>
  a.resource_server_identifier === b.resource_server_identifier && a.permission_name === b.permission_name;

export function listRolePermissions(ctx: RouteContext): Response {
  const { tenant } = ctx;
  const role = findRole(tenant.store.data, ctx.params['id']);
  const view = role.permissions.map((p) => {
    const rs = findResourceServerByIdentifier(tenant, tenant.store.data, p.resource_server_identifier);
    const scope = Array.isArray(rs?.['scopes']) ? (rs['scopes'] as Array<{ value?: unknown; description?: unknown }>).find((s) => s.value === p.permission_name) : undefined;
    return { ...p, resource_server_name: rs?.name ?? p.resource_server_identifier, description: typeof scope?.description === 'string' ? scope.description : '' };
  });
  return json(offsetList('permissions', view, pageRequest(ctx.url)));
}

export async function addRolePermissions(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findRole(tenant.store.data, ctx.params['id']);
  const given = await readPermissions(ctx);
  await tenant.store.write((data) => {
    const role = findRole(data, ctx.params['id']);
    const added = checkPermissions(tenant, data, given, true);
    return () => {
      for (const p of added) if (!role.permissions.some((q) => samePermission(p, q))) role.permissions.push(p);
    };
  });
  return new Response(null, { status: 201 });
}

export async function removeRolePermissions(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findRole(tenant.store.data, ctx.params['id']);
  const given = await readPermissions(ctx);
  await tenant.store.write((data) => {
    const role = findRole(data, ctx.params['id']);
    const removed = checkPermissions(tenant, data, given, false);
    return () => {
      role.permissions = role.permissions.filter((p) => !removed.some((q) => samePermission(p, q)));
    };
  });
  return noContent();
}
