import type { PostLoginApi, UserGroup } from '../../../src/types/api.ts';
import { asyncOutcome, runOne } from './helpers.ts';

const group = (id: string, name: string, connection_id?: string): UserGroup => ({
  id, name, tenant_name: 'claimkit-dev', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
  membership_created_at: '2026-02-01T00:00:00.000Z', assignment: 'direct', ...(connection_id ? { connection_id } : {}),
});
const GROUPS = [group('grp_1', 'admins'), group('grp_2', 'staff', 'con_1'), group('grp_3', 'readers')];

/** Runs `body` with the api in one Action (with three roles and three groups); returns its answer. */
async function ask<T>(body: (api: PostLoginApi) => Promise<T>): Promise<T> {
  let out: T | undefined;
  const result = await runOne(async (_e, api) => void (out = await body(api)), { authorization: { roles: ['admin', 'editor', 'viewer'] } }, { directory: { groups: GROUPS } });
  expect(result.outcome).toBe('success');
  return out as T;
}

describe('api.roles', () => {
  it('answers the roles in event.authorization.roles, a page at a time', async () => {
    const first = await ask((api) => api.roles.getUserEffectiveRoles({ take: 2 }));
    expect(first.roles.map((r) => r.name)).toEqual(['admin', 'editor']);
    expect(first.next).toBeDefined();
    const rest = await ask((api) => api.roles.getUserEffectiveRoles({ take: 2, from: first.next ?? '' }));
    expect(rest).toEqual({ roles: [expect.objectContaining({ name: 'viewer' })] });
  });

  it('finds roles by id and by name', async () => {
    const byName = await ask((api) => api.roles.getUserEffectiveRolesByNames(['viewer', 'nobody']));
    expect(byName.roles.map((r) => r.name)).toEqual(['viewer']);
    const byId = await ask((api) => api.roles.getUserEffectiveRolesByIds([byName.roles[0]?.id ?? '']));
    expect(byId.roles.map((r) => r.name)).toEqual(['viewer']);
  });

  it('rejects what the runtime rejects: bad take or from, empty or oversized lists', async () => {
    const seen = await ask(async (api) => [
      await asyncOutcome(() => api.roles.getUserEffectiveRoles({ take: 0 })),
      await asyncOutcome(() => api.roles.getUserEffectiveRoles({ take: 1.5 })),
      await asyncOutcome(() => api.roles.getUserEffectiveRoles({ take: 101 })),
      await asyncOutcome(() => api.roles.getUserEffectiveRoles({ from: 3 as never })),
      await asyncOutcome(() => api.roles.getUserEffectiveRolesByIds([])),
      await asyncOutcome(() => api.roles.getUserEffectiveRolesByIds('rol_1' as never)),
      await asyncOutcome(() => api.roles.getUserEffectiveRolesByIds(Array(101).fill('rol_1'))),
      await asyncOutcome(() => api.roles.getUserEffectiveRolesByNames(Array(51).fill('admin'))),
      await asyncOutcome(() => api.roles.getUserEffectiveRolesByNames([1] as never)),
    ]);
    expect(seen).toEqual(Array(9).fill('ERR_API_INVALID_ARGUMENT'));
  });

  it('accepts the limits themselves', async () => {
    const seen = await ask(async (api) => [
      await asyncOutcome(() => api.roles.getUserEffectiveRoles({ take: 100 })),
      await asyncOutcome(() => api.roles.getUserEffectiveRolesByIds(Array(100).fill('rol_1'))),
      await asyncOutcome(() => api.roles.getUserEffectiveRolesByNames(Array(50).fill('admin'))),
    ]);
    expect(seen).toEqual(['ok', 'ok', 'ok']);
  });
});

describe('api.groups', () => {
  it('lists the groups of the harness directory, a page at a time', async () => {
    const page = await ask((api) => api.groups.getUserGroups({ take: 2 }));
    expect(page.groups.map((g) => g.id)).toEqual(['grp_1', 'grp_2']);
    const rest = await ask((api) => api.groups.getUserGroups({ from: page.next ?? '' }));
    expect(rest).toEqual({ groups: [GROUPS[2]] });
  });

  it('checks membership by id or name', async () => {
    const answer = await ask((api) => api.groups.hasGroupMembership(['admins', 'grp_2', 'nobody']));
    expect(answer.memberships).toEqual({
      admins: { is_member: true, matches: [{ id: 'grp_1', name: 'admins', group_type: 'tenant' }] },
      grp_2: { is_member: true, matches: [{ id: 'grp_2', name: 'staff', group_type: 'connection' }] },
      nobody: { is_member: false },
    });
  });

  it('rejects a bad take, a non-string from and an empty group list', async () => {
    const seen = await ask(async (api) => [
      await asyncOutcome(() => api.groups.getUserGroups({ take: -1 })),
      await asyncOutcome(() => api.groups.getUserGroups({ from: 0 as never })),
      await asyncOutcome(() => api.groups.hasGroupMembership([])),
      await asyncOutcome(() => api.groups.hasGroupMembership(undefined as never)),
    ]);
    expect(seen).toEqual(Array(4).fill('ERR_API_INVALID_ARGUMENT'));
  });
});
