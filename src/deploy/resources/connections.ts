import type { Management, ManagementClient } from 'auth0';
import { isRecord } from '../../lib/records.ts';
import { all, asBody, asItem, parseList, str } from './common.ts';
import { CONNECTION_FIELDS } from './field-types.ts';
import { differingFields, matches, without } from './compare.ts';
import type { ApplyContext, Names, ResourceHandler, SectionIssue, YamlItem } from './contract.ts';

// Connections, in auth0-deploy-cli's two sections: `databases` (strategy auth0) and `connections`
// (every other strategy). Enabled clients are given by client name and set through
// /connections/{id}/clients. An update of a database merges `options` onto the tenant's (as a0deploy
// does); other connections get their `options` as written (the Management API replaces them whole).

type Remote = Management.ConnectionForList & { enabled_clients: string[] };

const READ_ONLY = ['id', 'enabled_clients'];
const FIXED = ['name', 'strategy'];

async function readConnections(mgmt: ManagementClient, database: boolean): Promise<Remote[]> {
  const list = await all(mgmt.connections.list(database ? { strategy: ['auth0'] } : {}));
  const mine = list.filter((c) => (c.strategy === 'auth0') === database);
  return Promise.all(
    mine.map(async (c) => ({ ...c, enabled_clients: (await all(mgmt.connections.clients.get(str(c.id), { take: 100 }))).map((e) => e.client_id) })),
  );
}

function toYaml(c: Remote, names: Names): YamlItem {
  return { ...without(asItem(c), READ_ONLY), enabled_clients: c.enabled_clients.map((id) => names.clientName(id) ?? id) };
}

/** Enables the clients tenant.yaml lists and disables the others, 50 changes per request (the API's limit). */
async function setEnabledClients(ctx: ApplyContext, id: string, wanted: readonly string[], current: readonly string[]): Promise<void> {
  const want = new Set(wanted.map((name) => ctx.names.clientId(name) ?? name));
  const changes = [...[...want].filter((c) => !current.includes(c)).map((client_id) => ({ client_id, status: true })), ...current.filter((c) => !want.has(c)).map((client_id) => ({ client_id, status: false }))];
  for (let i = 0; i < changes.length; i += 50) await ctx.mgmt.connections.clients.update(id, changes.slice(i, i + 50));
}

function connectionHandler<S extends 'databases' | 'connections'>(section: S): ResourceHandler<Remote, S> {
  const database = section === 'databases';
  const what = database ? 'database connection' : 'connection';
  return {
    section,
    label: what,
    singleton: false,
    deletes: true,
    refersTo: ['clients'],
    parse(value) {
      const parsed = parseList(value, 'name', (i) => str(i['name']), what, CONNECTION_FIELDS);
      const issues: SectionIssue[] = [...parsed.issues];
      const items = parsed.items.filter((c, i) => {
        const strategy = c['strategy'] ?? (database ? 'auth0' : undefined);
        if (database && strategy !== 'auth0') issues.push({ path: [i, 'strategy'], message: 'Database connections have strategy auth0; put other connections under connections:.' });
        else if (!database && (typeof strategy !== 'string' || strategy === '')) issues.push({ path: [i], message: 'A connection needs "strategy" (google-oauth2, samlp, waad…).' });
        else if (!database && strategy === 'auth0') issues.push({ path: [i, 'strategy'], message: 'Connections with strategy auth0 go under databases:, as auth0-deploy-cli expects.' });
        else if (c['enabled_clients'] !== undefined && !(Array.isArray(c['enabled_clients']) && c['enabled_clients'].every((x) => typeof x === 'string'))) {
          issues.push({ path: [i, 'enabled_clients'], message: 'enabled_clients must be a list of client names.' });
        } else return true;
        return false;
      });
      return { items: items.map((c) => (database ? { strategy: 'auth0', ...c } : c)), issues };
    },
    key: (item) => str(item['name']),
    read: (mgmt) => readConnections(mgmt, database),
    ignores: () => false,
    idOf: (c) => str(c.id),
    toYaml,
    diff: (want, have) => differingFields(want, have, { skip: FIXED }),
    references: (c, index) => (Array.isArray(c['enabled_clients']) ? (c['enabled_clients'] as string[]) : []).map((name, i) => ({ sections: ['clients'], name, path: [index, 'enabled_clients', i] })),
    async create(want, ctx) {
      const created = await ctx.mgmt.connections.create(asBody<Management.CreateConnectionRequestContent>(without(want, READ_ONLY)));
      const id = str(created.id);
      ctx.names.remember('connection', id, str(want['name']));
      if (Array.isArray(want['enabled_clients'])) await setEnabledClients(ctx, id, want['enabled_clients'] as string[], []);
    },
    async update(want, c, ctx) {
      const id = str(c.id);
      const changed = differingFields(want, toYaml(c, ctx.names), { skip: FIXED });
      if (changed.some((f) => f !== 'enabled_clients')) {
        const body = without(want, [...READ_ONLY, ...FIXED]);
        if (database && isRecord(body['options'])) {
          const current = await ctx.mgmt.connections.get(id);
          body['options'] = { ...(isRecord(current.options) ? current.options : {}), ...body['options'] };
        }
        await ctx.mgmt.connections.update(id, asBody<Management.UpdateConnectionRequestContent>(body));
      }
      if (Array.isArray(want['enabled_clients']) && !matches(want['enabled_clients'], toYaml(c, ctx.names)['enabled_clients'])) {
        await setEnabledClients(ctx, id, want['enabled_clients'] as string[], c.enabled_clients);
      }
    },
    async remove(c, { mgmt }) {
      await mgmt.connections.delete(str(c.id));
    },
  };
}

export const databases = connectionHandler('databases');
export const connections = connectionHandler('connections');
