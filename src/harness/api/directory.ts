import type { EffectiveRole, PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

function effectiveRoles(ctx: ActionContext): EffectiveRole[] {
  return (
    ctx.flow.options.directory.roles ??
    (ctx.event.authorization?.roles ?? []).map((name, i) => ({ id: `rol_${String(i + 1).padStart(4, '0')}`, name, type: 'tenant' }))
  );
}

export function rolesApi(ctx: ActionContext): PostLoginApi['roles'] {
  return {
    async getUserEffectiveRoles(params) {
      ctx.record('roles.getUserEffectiveRoles', params === undefined ? [] : [params]);
      return { roles: effectiveRoles(ctx).slice(0, params?.take ?? 100) };
    },
    async getUserEffectiveRolesByIds(ids) {
      ctx.record('roles.getUserEffectiveRolesByIds', [ids]);
      return { roles: effectiveRoles(ctx).filter((r) => ids.includes(r.id)) };
    },
    async getUserEffectiveRolesByNames(names) {
      ctx.record('roles.getUserEffectiveRolesByNames', [names]);
      return { roles: effectiveRoles(ctx).filter((r) => names.includes(r.name)) };
    },
  };
}

export function groupsApi(ctx: ActionContext): PostLoginApi['groups'] {
  return {
    async getUserGroups(params) {
      ctx.record('groups.getUserGroups', params === undefined ? [] : [params]);
      return { groups: ctx.flow.options.directory.groups.slice(0, params?.take ?? 50) };
    },
    async hasGroupMembership(groups) {
      ctx.record('groups.hasGroupMembership', [groups]);
      const known = ctx.flow.options.directory.groups;
      const memberships: Record<string, { is_member: boolean }> = {};
      for (const g of groups) memberships[g] = { is_member: known.some((k) => k.name === g || k.id === g) };
      return { memberships };
    },
  };
}
