import type { Management, ManagementClient } from 'auth0';
import { isRecord } from '../../lib/records.ts';
import { asBody, asItem } from './common.ts';
import { fieldTypeIssues, TENANT_FIELDS } from './field-types.ts';
import { differingFields, without } from './compare.ts';
import type { ResourceHandler, YamlItem } from './contract.ts';

// tenant: the tenant's settings, one object. Only the fields tenant.yaml sets are compared and sent;
// session lifetimes (hours in tenant.yaml, as the API reports them) are sent in minutes, as
// auth0-deploy-cli sends them, so fractions of an hour survive.

const KEY = 'settings';
/** Reported by the API, never written. */
const READ_ONLY = ['sandbox_versions_available'];
const LIFETIMES = ['session_lifetime', 'idle_session_lifetime', 'ephemeral_session_lifetime', 'idle_ephemeral_session_lifetime'];

function payload(want: YamlItem): Management.UpdateTenantSettingsRequestContent {
  const body: YamlItem = without(want, READ_ONLY);
  for (const name of LIFETIMES) {
    const hours = body[name];
    if (typeof hours !== 'number') continue;
    body[`${name}_in_minutes`] = Math.round(hours * 60);
    delete body[name];
  }
  return asBody(body);
}

export const tenant: ResourceHandler<Management.GetTenantSettingsResponseContent, 'tenant'> = {
  section: 'tenant',
  label: 'tenant',
  singleton: true,
  deletes: false,
  refersTo: [],
  parse: (value) => (value === undefined || value === null ? { items: [], issues: [] } : isRecord(value) ? { items: [value], issues: fieldTypeIssues(value, [], TENANT_FIELDS) } : { items: [], issues: [{ path: [], message: 'tenant must be a mapping of settings.' }] }),
  key: () => KEY,
  read: async (mgmt: ManagementClient) => [await mgmt.tenants.settings.get()],
  ignores: () => false,
  idOf: () => KEY,
  toYaml: (settings) => without(asItem(settings), READ_ONLY),
  diff: (want, have) => differingFields(want, have),
  async create(want, { mgmt }) {
    await mgmt.tenants.settings.update(payload(want));
  },
  async update(want, _settings, { mgmt }) {
    await mgmt.tenants.settings.update(payload(want));
  },
  async remove() {
    // Tenant settings are never deleted.
  },
};
