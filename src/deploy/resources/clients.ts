import type { Management, ManagementClient } from 'auth0';
import { all, asBody, asItem, parseList, str } from './common.ts';
import { CLIENT_FIELDS } from './field-types.ts';
import { differingFields, without } from './compare.ts';
import type { ResourceHandler } from './contract.ts';

// clients: applications, by name. The deploy's own client and the global client are never touched.

type Remote = Management.Client;

/** What the tenant reports but a client never writes (a0deploy strips the same before an update). */
const READ_ONLY = ['client_id', 'client_secret', 'tenant', 'global', 'signing_keys', 'callback_url_template', 'jwks_uri', 'external_metadata_type', 'external_metadata_created_by', 'resource_server_identifier'];

export const clients: ResourceHandler<Remote, 'clients'> = {
  section: 'clients',
  label: 'client',
  singleton: false,
  deletes: true,
  refersTo: [],
  parse: (value) => parseList(value, 'name', (i) => str(i['name']), 'client', CLIENT_FIELDS),
  key: (item) => str(item['name']),
  read: (mgmt: ManagementClient) => all(mgmt.clients.list({ per_page: 100, is_global: false })),
  ignores: (c, ctx) => c.client_id === ctx.ownClientId || c.global === true,
  idOf: (c) => str(c.client_id),
  toYaml: (c) => without(asItem(c), READ_ONLY),
  // A secret in tenant.yaml is write-only: Auth0 shows it only with read:client_keys, so it is never compared.
  diff: (want, have) => differingFields(want, have, { skip: ['client_secret'] }),
  async create(want, { mgmt, names }) {
    const created = await mgmt.clients.create(asBody<Management.CreateClientRequestContent>(without(want, READ_ONLY.filter((f) => f !== 'client_secret'))));
    if (created.client_id) names.remember('client', created.client_id, str(want['name']));
  },
  async update(want, c, { mgmt }) {
    await mgmt.clients.update(str(c.client_id), asBody<Management.UpdateClientRequestContent>(without(want, READ_ONLY.filter((f) => f !== 'client_secret'))));
  },
  async remove(c, { mgmt }) {
    await mgmt.clients.delete(str(c.client_id));
  },
};
