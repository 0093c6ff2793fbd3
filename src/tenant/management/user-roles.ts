import { json, noContent, readJsonObject } from '../http/body.ts';
import { notFound } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { validateBody } from '../http/validate.ts';
import { offsetList, pageRequest } from './paging.ts';
import { roleView } from './roles.ts';
import { findUser } from './users.ts';

export function listUserRoles(ctx: RouteContext): Response {
  const { tenant } = ctx;
  const user = findUser(tenant, ctx.params['id']);
  const roles = tenant.store.data.roles.filter((r) => user.roles.includes(r.id));
  return json(offsetList('roles', roles.map(roleView), pageRequest(ctx.url)));
}

async function roleIds(ctx: RouteContext): Promise<string[]> {
  const body = await readJsonObject(ctx.request, ctx.tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['roles'], fields: { roles: 'string[]' } });
  const wanted = body['roles'] as string[];
  const missing = wanted.filter((id) => !ctx.tenant.store.data.roles.some((r) => r.id === id));
  if (missing.length > 0) throw notFound(`Role not found: ${missing.join(', ')}`, 'inexistent_role');
  return wanted;
}

export async function assignUserRoles(ctx: RouteContext): Promise<Response> {
  const user = findUser(ctx.tenant, ctx.params['id']);
  const wanted = await roleIds(ctx);
  user.roles = [...new Set([...user.roles, ...wanted])];
  await ctx.tenant.store.commit();
  return noContent();
}

export async function removeUserRoles(ctx: RouteContext): Promise<Response> {
  const user = findUser(ctx.tenant, ctx.params['id']);
  const unwanted = await roleIds(ctx);
  user.roles = user.roles.filter((id) => !unwanted.includes(id));
  await ctx.tenant.store.commit();
  return noContent();
}
