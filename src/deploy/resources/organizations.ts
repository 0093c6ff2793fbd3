import type { Management, ManagementClient } from 'auth0';
import { isRecord } from '../../lib/records.ts';
import { all, asBody, asItem, parseList, str } from './common.ts';
import { ORGANIZATION_FIELDS } from './field-types.ts';
import { differingFields, matches, without } from './compare.ts';
import type { ApplyContext, Names, ResourceHandler, SectionIssue, YamlItem } from './contract.ts';

// organizations: by name, with their enabled connections (by connection name, with their settings) and
// associated client grants (by client name, as auth0-deploy-cli writes them). Members are users'
// business, not tenant.yaml's.

type OrgConnection = Management.OrganizationAllConnectionPost;
type Remote = Management.Organization & { connections: OrgConnection[]; client_grants: string[] };

/** The settings of an organization's connection that tenant.yaml can set. */
const CONNECTION_SETTINGS = ['assign_membership_on_login', 'show_as_button', 'is_signup_enabled', 'is_enabled', 'organization_access_level', 'organization_connection_name'] as const;
/** Written through their own endpoints, not with the organization. */
const NESTED = ['connections', 'client_grants', 'clients', 'discovery_domains'];

const connectionsOf = (item: YamlItem): YamlItem[] => (Array.isArray(item['connections']) ? item['connections'].filter(isRecord) : []);
const grantClients = (item: YamlItem): string[] => (Array.isArray(item['client_grants']) ? item['client_grants'].filter(isRecord).map((g) => str(g['client_id'])) : []);

/** Every wanted connection is enabled with the settings tenant.yaml gives, and no other is. */
function sameConnections(want: readonly YamlItem[], have: readonly YamlItem[]): boolean {
  return want.length === have.length && want.every((w) => have.some((h) => h['name'] === w['name'] && matches(without(w, ['name']), h)));
}

function toYaml(org: Remote, names: Names): YamlItem {
  return {
    ...without(asItem(org), ['id', ...NESTED]),
    connections: org.connections.map((c) => ({ name: names.connectionName(c.connection_id) ?? c.connection_id, ...Object.fromEntries(CONNECTION_SETTINGS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]])) })),
    client_grants: org.client_grants.map((id) => ({ client_id: names.grantClientName(id) ?? id })),
  };
}

function connectionBody(c: YamlItem, names: Names): Management.CreateOrganizationAllConnectionRequestParameters {
  return asBody({ ...without(c, ['name']), connection_id: names.connectionId(str(c['name'])) ?? str(c['name']) });
}

async function syncNested(ctx: ApplyContext, id: string, want: YamlItem, have: YamlItem): Promise<void> {
  const { mgmt, names } = ctx;
  const wanted = connectionsOf(want);
  const current = connectionsOf(have);
  if (want['connections'] !== undefined && !sameConnections(wanted, current)) {
    for (const c of current.filter((h) => !wanted.some((w) => w['name'] === h['name']))) await mgmt.organizations.connections.delete(id, names.connectionId(str(c['name'])) ?? str(c['name']));
    for (const w of wanted) {
      const h = current.find((x) => x['name'] === w['name']);
      if (!h) await mgmt.organizations.connections.create(id, connectionBody(w, names));
      else if (!matches(without(w, ['name']), h)) await mgmt.organizations.connections.update(id, names.connectionId(str(w['name'])) ?? '', asBody<Management.UpdateOrganizationConnectionRequestParameters>(without(w, ['name'])));
    }
  }
  if (want['client_grants'] !== undefined && !matches(grantClients(want), grantClients(have))) {
    const wantedGrants = grantClients(want);
    const currentGrants = grantClients(have);
    for (const client of currentGrants.filter((c) => !wantedGrants.includes(c))) {
      const grant = names.grantIdOfClient(client);
      if (grant) await mgmt.organizations.clientGrants.delete(id, grant);
    }
    for (const client of wantedGrants.filter((c) => !currentGrants.includes(c))) {
      const grant = names.grantIdOfClient(client);
      if (grant) await mgmt.organizations.clientGrants.create(id, { grant_id: grant });
    }
  }
}

export const organizations: ResourceHandler<Remote, 'organizations'> = {
  section: 'organizations',
  label: 'organization',
  singleton: false,
  deletes: true,
  refersTo: ['connections', 'databases', 'clients', 'clientGrants'],
  parse(value) {
    const parsed = parseList(value, 'name', (i) => str(i['name']), 'organization', ORGANIZATION_FIELDS);
    const issues: SectionIssue[] = [...parsed.issues];
    parsed.items.forEach((o, i) => {
      const list = o['connections'];
      if (list !== undefined && (!Array.isArray(list) || !list.every((c) => isRecord(c) && typeof c['name'] === 'string'))) {
        issues.push({ path: [i, 'connections'], message: 'connections must be a list of { name: <connection name>, assign_membership_on_login, … }.' });
      }
      // Organization clients (app entitlements) and discovery domains: not deployed by claimkit yet, so never accepted silently.
      for (const field of ['clients', 'discovery_domains']) {
        const list = o[field];
        if (list !== undefined && !(Array.isArray(list) && list.length === 0)) issues.push({ path: [i, field], message: `claimkit does not deploy an organization's ${field} yet: remove them from tenant.yaml (and manage them in the Dashboard) to deploy this organization.` });
      }
      const grants = o['client_grants'];
      if (grants !== undefined && (!Array.isArray(grants) || !grants.every((g) => isRecord(g) && typeof g['client_id'] === 'string'))) {
        issues.push({ path: [i, 'client_grants'], message: 'client_grants must be a list of { client_id: <client name> }.' });
      }
    });
    return { items: parsed.items, issues };
  },
  key: (item) => str(item['name']),
  async read(mgmt: ManagementClient) {
    const list = await all(mgmt.organizations.list({}));
    return Promise.all(
      list.map(async (o) => ({
        ...o,
        connections: await all(mgmt.organizations.connections.list(str(o.id), { per_page: 100 })),
        client_grants: (await all(mgmt.organizations.clientGrants.list(str(o.id), { per_page: 100 }))).map((g) => str(g.id)),
      })),
    );
  },
  ignores: () => false,
  idOf: (o) => str(o.id),
  toYaml,
  diff(want, have) {
    const fields = differingFields(without(want, NESTED), have, { skip: ['name'] });
    if (want['connections'] !== undefined && !sameConnections(connectionsOf(want), connectionsOf(have))) fields.push('connections');
    if (want['client_grants'] !== undefined && !matches(grantClients(want), grantClients(have))) fields.push('client_grants');
    return fields;
  },
  references: (o, index) => [
    ...connectionsOf(o).map((c, i) => ({ sections: ['connections', 'databases'], name: str(c['name']), path: [index, 'connections', i, 'name'] })),
    ...grantClients(o).map((name, i) => ({ sections: ['clientGrants'], name, path: [index, 'client_grants', i, 'client_id'] })),
  ],
  async create(want, ctx) {
    const created = await ctx.mgmt.organizations.create(asBody<Management.CreateOrganizationRequestContent>(without(want, NESTED)));
    await syncNested(ctx, str(created.id), want, { connections: [], client_grants: [] });
  },
  async update(want, org, ctx) {
    const have = toYaml(org, ctx.names);
    if (differingFields(without(want, NESTED), have, { skip: ['name'] }).length > 0) await ctx.mgmt.organizations.update(str(org.id), asBody<Management.UpdateOrganizationRequestContent>(without(want, ['name', ...NESTED])));
    await syncNested(ctx, str(org.id), want, have);
  },
  async remove(org, { mgmt }) {
    await mgmt.organizations.delete(str(org.id));
  },
};
