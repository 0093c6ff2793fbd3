import type { Management, ManagementClient } from 'auth0';
import { all, asBody, asItem, parseList, str } from './common.ts';
import { RESOURCE_SERVER_FIELDS } from './field-types.ts';
import { differingFields, without } from './compare.ts';
import type { ResourceHandler, SectionIssue } from './contract.ts';
import { isRecord } from '../../lib/records.ts';

// resourceServers: APIs, by identifier. The tenant's system APIs (the Management API) are never touched.

type Remote = Management.ResourceServer;

/** Fields the tenant reports but nobody writes (a0deploy strips the same ones). */
const READ_ONLY = ['id', 'is_system', 'client_id'];

export const resourceServers: ResourceHandler<Remote, 'resourceServers'> = {
  section: 'resourceServers',
  label: 'API',
  singleton: false,
  deletes: true,
  refersTo: [],
  parse(value) {
    const parsed = parseList(value, 'identifier', (i) => str(i['identifier']), 'resource server', RESOURCE_SERVER_FIELDS);
    // Each scope needs its name as a string: the API refuses any other (and roles and grants name scopes by it).
    const issues: SectionIssue[] = [...parsed.issues];
    (Array.isArray(value) ? value : []).forEach((rs, i) => {
      const scopes = isRecord(rs) && Array.isArray(rs['scopes']) ? rs['scopes'] : [];
      scopes.forEach((s, j) => {
        // null: an unquoted ##KEY## before replacement (`#` starts a comment), left to the replaced text.
        if (isRecord(s) && s['value'] !== null && (typeof s['value'] !== 'string' || s['value'] === '')) issues.push({ path: [i, 'scopes', j], message: 'A scope needs "value", its name (a non-empty string, such as read:reports).' });
      });
    });
    return { items: parsed.items, issues };
  },
  key: (item) => str(item['identifier']),
  read: (mgmt: ManagementClient) => all(mgmt.resourceServers.list({ per_page: 100 })),
  ignores: (rs) => rs.is_system === true,
  idOf: (rs) => str(rs.id),
  toYaml: (rs) => without(asItem(rs), READ_ONLY),
  diff: (want, have) => differingFields(want, have, { skip: ['identifier'] }),
  async create(want, { mgmt }) {
    await mgmt.resourceServers.create(asBody<Management.CreateResourceServerRequestContent>(without(want, READ_ONLY)));
  },
  async update(want, rs, { mgmt }) {
    await mgmt.resourceServers.update(str(rs.id), asBody<Management.UpdateResourceServerRequestContent>(without(want, [...READ_ONLY, 'identifier'])));
  },
  async remove(rs, { mgmt }) {
    await mgmt.resourceServers.delete(str(rs.id));
  },
};
