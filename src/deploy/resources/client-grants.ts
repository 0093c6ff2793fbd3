import type { Management, ManagementClient } from 'auth0';
import { all, asBody, asItem, parseList, str } from './common.ts';
import { CLIENT_GRANT_FIELDS } from './field-types.ts';
import { differingFields, without } from './compare.ts';
import type { ResourceHandler, SectionIssue, YamlItem } from './contract.ts';

// clientGrants: which client may get tokens for which API with which scopes. tenant.yaml names the
// client by its name (auth0-deploy-cli's convention); an item is "client → audience". The deploy's
// own client's grants are never touched.

type Remote = Management.ClientGrantResponseContent;

const IDENTITY = ['client_id', 'audience', 'subject_type'];
const READ_ONLY = ['id', 'is_system'];

const keyOf = (item: YamlItem) => `${str(item['client_id'])} → ${str(item['audience'])}${item['subject_type'] === 'user' ? ' (user)' : ''}`;

export const clientGrants: ResourceHandler<Remote, 'clientGrants'> = {
  section: 'clientGrants',
  label: 'client grant',
  singleton: false,
  deletes: true,
  refersTo: ['clients'],
  parse(value) {
    const parsed = parseList(value, 'audience', keyOf, 'client grant', CLIENT_GRANT_FIELDS);
    const issues: SectionIssue[] = [...parsed.issues];
    const items = parsed.items.filter((g, i) => {
      if (typeof g['client_id'] === 'string' && g['client_id'] !== '') return true;
      issues.push({ path: [i], message: 'A client grant needs "client_id": the name of the client (as under clients:) or its id.' });
      return false;
    });
    return { items, issues };
  },
  key: keyOf,
  read: (mgmt: ManagementClient) => all(mgmt.clientGrants.list({})),
  ignores: (g, ctx) => g.client_id === ctx.ownClientId || g.is_system === true,
  idOf: (g) => str(g.id),
  toYaml: (g, names) => ({ ...without(asItem(g), READ_ONLY), client_id: names.clientName(str(g.client_id)) ?? str(g.client_id) }),
  diff: (want, have) => differingFields(want, have, { skip: IDENTITY }),
  references: (g, i) => [{ sections: ['clients'], name: str(g['client_id']), path: [i, 'client_id'] }],
  async create(want, { mgmt, names }) {
    const clientId = names.clientId(str(want['client_id'])) ?? str(want['client_id']);
    const created = await mgmt.clientGrants.create(asBody<Management.CreateClientGrantRequestContent>({ ...without(want, READ_ONLY), client_id: clientId }));
    if (created.id) names.remember('grant', created.id, clientId);
  },
  async update(want, g, { mgmt }) {
    await mgmt.clientGrants.update(str(g.id), asBody<Management.UpdateClientGrantRequestContent>(without(want, [...READ_ONLY, ...IDENTITY, 'default_for'])));
  },
  async remove(g, { mgmt }) {
    await mgmt.clientGrants.delete(str(g.id));
  },
};
