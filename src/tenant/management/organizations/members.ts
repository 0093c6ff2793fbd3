import { json, noContent, readJsonObject } from '../../http/body.ts';
import { notFound } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import type { StoredOrganization } from '../../store/model.ts';
import { listAnswer, offsetList, pageRequest } from '../paging.ts';
import { findRole, roleView } from '../roles.ts';
import { findUser } from '../users.ts';
import { findOrganization } from './organizations.ts';

// Organization members (tenant users) and the roles each holds within the organization.
// POST/DELETE take `{members: [user ids]}` or `{roles: [role ids]}` and answer 204.

function findMember(org: StoredOrganization, userId: string | undefined): string {
  const member = org.members.find((m) => m === userId);
  if (member === undefined) throw notFound('The user is not a member of this organization.', 'inexistent_organization_member');
  return member;
}

export function listMembers(ctx: RouteContext): Response {
  const data = ctx.tenant.store.data;
  const org = findOrganization(data, ctx.params['id']);
  const members = org.members.map((id) => {
    const user = findUser(data, id);
    const roles = (org.member_roles[id] ?? []).map((r) => data.roles.find((x) => x.id === r)).filter((r) => r !== undefined);
    return { user_id: user.user_id, email: user.email, name: user['name'], picture: user['picture'], roles: roles.map((r) => ({ id: r.id, name: r.name })) };
  });
  return json(listAnswer('members', members, ctx.url));
}

async function memberIds(ctx: RouteContext): Promise<string[]> {
  const body = await readJsonObject(ctx.request, ctx.tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['members'], fields: { members: 'string[]' } });
  return body['members'] as string[];
}

export async function addMembers(ctx: RouteContext): Promise<Response> {
  findOrganization(ctx.tenant.store.data, ctx.params['id']);
  const ids = await memberIds(ctx);
  await ctx.tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    for (const id of ids) findUser(data, id);
    return () => {
      for (const id of ids) if (!org.members.includes(id)) org.members.push(id);
    };
  });
  return noContent();
}

export async function removeMembers(ctx: RouteContext): Promise<Response> {
  findOrganization(ctx.tenant.store.data, ctx.params['id']);
  const ids = await memberIds(ctx);
  await ctx.tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    return () => {
      org.members = org.members.filter((m) => !ids.includes(m));
      for (const id of ids) delete org.member_roles[id];
    };
  });
  return noContent();
}

export function listMemberRoles(ctx: RouteContext): Response {
  const data = ctx.tenant.store.data;
  const org = findOrganization(data, ctx.params['id']);
  const member = findMember(org, ctx.params['userId']);
  const roles = (org.member_roles[member] ?? []).map((id) => roleView(findRole(data, id)));
  return json(offsetList('roles', roles, pageRequest(ctx.url)));
}

async function roleIds(ctx: RouteContext): Promise<string[]> {
  const body = await readJsonObject(ctx.request, ctx.tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['roles'], fields: { roles: 'string[]' } });
  return body['roles'] as string[];
}

export async function assignMemberRoles(ctx: RouteContext): Promise<Response> {
  findMember(findOrganization(ctx.tenant.store.data, ctx.params['id']), ctx.params['userId']);
  const ids = await roleIds(ctx);
  await ctx.tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    const member = findMember(org, ctx.params['userId']);
    for (const id of ids) findRole(data, id);
    return () => {
      org.member_roles[member] = [...new Set([...(org.member_roles[member] ?? []), ...ids])];
    };
  });
  return noContent();
}

export async function removeMemberRoles(ctx: RouteContext): Promise<Response> {
  findMember(findOrganization(ctx.tenant.store.data, ctx.params['id']), ctx.params['userId']);
  const ids = await roleIds(ctx);
  await ctx.tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    const member = findMember(org, ctx.params['userId']);
    return () => {
      org.member_roles[member] = (org.member_roles[member] ?? []).filter((r) => !ids.includes(r));
    };
  });
  return noContent();
}
