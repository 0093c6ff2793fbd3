import type { EffectiveRole, PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';
import { checkNames, checkPaging, page } from './directory-params.ts';

// Limits of api.roles (@auth0/actions post-login types): take and ids at most 100, names at most 50.
const MAX_ROLES_TAKE = 100;
const MAX_ROLE_IDS = 100;
const MAX_ROLE_NAMES = 50;
const DEFAULT_GROUPS_TAKE = 50;

/** Roles from the harness options, else the names in event.authorization.roles as tenant roles. */
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
      const paging = checkPaging(params, 'roles.getUserEffectiveRoles', MAX_ROLES_TAKE, MAX_ROLES_TAKE);
      const { items, next } = page(effectiveRoles(ctx), paging);
      return next === undefined ? { roles: items } : { roles: items, next };
    },
    async getUserEffectiveRolesByIds(ids) {
      ctx.record('roles.getUserEffectiveRolesByIds', [ids]);
      checkNames(ids, 'roles.getUserEffectiveRolesByIds', 'ids', MAX_ROLE_IDS);
      return { roles: effectiveRoles(ctx).filter((r) => ids.includes(r.id)) };
    },
    async getUserEffectiveRolesByNames(names) {
      ctx.record('roles.getUserEffectiveRolesByNames', [names]);
      checkNames(names, 'roles.getUserEffectiveRolesByNames', 'names', MAX_ROLE_NAMES);
      return { roles: effectiveRoles(ctx).filter((r) => names.includes(r.name)) };
    },
  };
}

type Memberships = Awaited<ReturnType<PostLoginApi['groups']['hasGroupMembership']>>['memberships'];

export function groupsApi(ctx: ActionContext): PostLoginApi['groups'] {
  const known = () => ctx.flow.options.directory.groups;
  return {
    async getUserGroups(params) {
      ctx.record('groups.getUserGroups', params === undefined ? [] : [params]);
      const { items, next } = page(known(), checkPaging(params, 'groups.getUserGroups', DEFAULT_GROUPS_TAKE));
      return next === undefined ? { groups: items } : { groups: items, next };
    },
    async hasGroupMembership(groups) {
      ctx.record('groups.hasGroupMembership', [groups]);
      checkNames(groups, 'groups.hasGroupMembership', 'groups');
      const memberships: Memberships = {};
      for (const wanted of groups) {
        // Identifiers are group ids or names; a connection's groups say so in group_type.
        const matches = known()
          .filter((g) => g.id === wanted || g.name === wanted)
          .map((g) => ({ id: g.id, name: g.name, group_type: g.connection_id === undefined ? 'tenant' : 'connection' }));
        memberships[wanted] = matches.length > 0 ? { is_member: true, matches } : { is_member: false };
      }
      return { memberships };
    },
  };
}
