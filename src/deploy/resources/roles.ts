import type { Management, ManagementClient } from 'auth0';
import { isRecord } from '../../lib/records.ts';
import { all, parseList, str } from './common.ts';
import { ROLE_FIELDS } from './field-types.ts';
import { differingFields, matches } from './compare.ts';
import type { ResourceHandler, SectionIssue, YamlItem } from './contract.ts';

// roles: by name, with their permissions (API identifier + permission name).

interface Permission {
  permission_name: string;
  resource_server_identifier: string;
}
type Remote = Management.Role & { permissions: Permission[] };

const permissionKey = (p: Permission) => `${p.resource_server_identifier} ${p.permission_name}`;

function permissionsOf(item: YamlItem): Permission[] {
  const list = Array.isArray(item['permissions']) ? item['permissions'] : [];
  return list.filter(isRecord).map((p) => ({ permission_name: str(p['permission_name']), resource_server_identifier: str(p['resource_server_identifier']) }));
}

export const roles: ResourceHandler<Remote, 'roles'> = {
  section: 'roles',
  label: 'role',
  singleton: false,
  deletes: true,
  refersTo: [],
  parse(value) {
    const parsed = parseList(value, 'name', (i) => str(i['name']), 'role', ROLE_FIELDS);
    const issues: SectionIssue[] = [...parsed.issues];
    parsed.items.forEach((r, i) => {
      const list = r['permissions'];
      if (list === undefined) return;
      if (!Array.isArray(list)) return void issues.push({ path: [i, 'permissions'], message: 'permissions must be a list of { permission_name, resource_server_identifier }.' });
      list.forEach((p, j) => {
        if (!isRecord(p) || typeof p['permission_name'] !== 'string' || typeof p['resource_server_identifier'] !== 'string') {
          issues.push({ path: [i, 'permissions', j], message: 'A permission needs permission_name and resource_server_identifier (an API identifier).' });
        }
      });
    });
    return { items: parsed.items, issues };
  },
  key: (item) => str(item['name']),
  async read(mgmt: ManagementClient) {
    const list = await all(mgmt.roles.list({ per_page: 100 }));
    return Promise.all(
      list.map(async (r) => ({
        ...r,
        permissions: (await all(mgmt.roles.permissions.list(str(r.id), { per_page: 100 }))).map((p) => ({ permission_name: str(p.permission_name), resource_server_identifier: str(p.resource_server_identifier) })),
      })),
    );
  },
  ignores: () => false,
  idOf: (r) => str(r.id),
  toYaml: (r) => ({ name: str(r.name), ...(typeof r.description === 'string' ? { description: r.description } : {}), permissions: r.permissions }),
  // `type` (tenant) is what the API reports and an a0deploy export writes; nobody sets it.
  diff: (want, have) => differingFields({ ...want, permissions: permissionsOf(want) }, have, { skip: ['name', 'type'] }),
  async create(want, { mgmt }) {
    const created = await mgmt.roles.create({ name: str(want['name']), ...(typeof want['description'] === 'string' ? { description: want['description'] } : {}) });
    const permissions = permissionsOf(want);
    if (permissions.length > 0) await mgmt.roles.permissions.add(str(created.id), { permissions });
  },
  async update(want, r, { mgmt }) {
    const id = str(r.id);
    if (typeof want['description'] === 'string' && want['description'] !== r.description) await mgmt.roles.update(id, { description: want['description'] });
    const wanted = permissionsOf(want);
    if (matches(wanted, r.permissions)) return;
    const stale = r.permissions.filter((p) => !wanted.some((w) => permissionKey(w) === permissionKey(p)));
    const missing = wanted.filter((w) => !r.permissions.some((p) => permissionKey(p) === permissionKey(w)));
    if (stale.length > 0) await mgmt.roles.permissions.delete(id, { permissions: stale });
    if (missing.length > 0) await mgmt.roles.permissions.add(id, { permissions: missing });
  },
  async remove(r, { mgmt }) {
    await mgmt.roles.delete(str(r.id));
  },
};
