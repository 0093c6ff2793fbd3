import { json, noContent, readJsonObject } from '../http/body.ts';
import { notFound } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { validateBody } from '../http/validate.ts';
import type { TenantData } from '../store/model.ts';
import { offsetList, pageRequest } from './paging.ts';
import { roleView } from './roles.ts';
import { findUser } from './users.ts';

export function listUserRoles(ctx: RouteContext): Response {
  const data = ctx.tenant.store.data;
  const user = findUser(data, ctx.params['id']);
  const roles = data.roles.filter((r) => user.roles.includes(r.id));
  return json(offsetList('roles', roles.map(roleView), pageRequest(ctx.url)));
}

async function readRoleIds(ctx: RouteContext): Promise<string[]> {
  const body = await readJsonObject(ctx.request, ctx.tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['roles'], fields: { roles: 'string[]' } });
  return body['roles'] as string[];
}

function checkRoles(data: Readonly<TenantData>, wanted: readonly string[]): void {
  const missing = wanted.filter((id) => !data.roles.some((r) => r.id === id));
  if (missing.length > 0) throw notFound(`Role not found: ${missing.join(', ')}`, 'inexistent_role');
}

export async function assignUserRoles(ctx: RouteContext): Promise<Response> {
  findUser(ctx.tenant.store.data, ctx.params['id']);
  const wanted = await readRoleIds(ctx);
  await ctx.tenant.store.write((data) => {
    const user = findUser(data, ctx.params['id']);
    checkRoles(data, wanted);
    return () => {
      user.roles = [...new Set([...user.roles, ...wanted])];
    };
  });
  return noContent();
}

export async function removeUserRoles(ctx: RouteContext): Promise<Response> {
  findUser(ctx.tenant.store.data, ctx.params['id']);
  const unwanted = await readRoleIds(ctx);
  await ctx.tenant.store.write((data) => {
    const user = findUser(data, ctx.params['id']);
    checkRoles(data, unwanted);
    return () => {
      user.roles = user.roles.filter((id) => !unwanted.includes(id));
    };
  });
  return noContent();
}
