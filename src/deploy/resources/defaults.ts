// auth0-deploy-cli checks tenant.yaml against its JSON schema with defaults on (ajv `useDefaults`), so
// a field its schema gives a default is filled in wherever the object holding it is present — and then
// deployed. claimkit fills in the same ones, so a deploy sends what a plain a0deploy import would.
// Source: auth0-deploy-cli 8.44, lib/tools/auth0/schema.js and each handler's schema (`default:`).
import { isRecord } from '../../lib/records.ts';

/** A path into a section (`*` is every item of a list) and the value it defaults to. */
interface SchemaDefault {
  path: readonly string[];
  value: unknown;
}

const d = (path: string, value: unknown): SchemaDefault => ({ path: path.split('.'), value });

export const SCHEMA_DEFAULTS: Readonly<Record<string, readonly SchemaDefault[]>> = {
  clients: [
    d('*.token_quota.client_credentials.enforce', true),
    d('*.session_transfer.can_create_session_transfer_token', false),
    d('*.session_transfer.enforce_cascade_revocation', true),
    d('*.session_transfer.enforce_device_binding', 'ip'),
    d('*.session_transfer.allow_refresh_token', false),
    d('*.session_transfer.enforce_online_refresh_tokens', true),
  ],
  databases: [d('*.strategy', 'auth0'), d('*.options.disable_self_service_change_password', false), d('*.options.attributes.email.unique', true)],
  tenant: [d('default_token_quota.clients.client_credentials.enforce', true), d('default_token_quota.organizations.client_credentials.enforce', true)],
  organizations: [d('*.client_grants', []), d('*.clients', []), d('*.token_quota.client_credentials.enforce', true)],
};

// YAML data is JSON data; a JSON copy also keeps its arrays and objects in this realm.
const clone = (v: unknown): unknown => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

function fill(node: unknown, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    if (Array.isArray(node)) for (const item of node) fill(item, rest, value);
    return;
  }
  if (!isRecord(node)) return;
  if (rest.length === 0) {
    if (node[head] === undefined) node[head] = clone(value);
    return;
  }
  fill(node[head], rest, value);
}

/** A copy of `value` (one tenant.yaml section) with auth0-deploy-cli's schema defaults filled in. */
export function withSchemaDefaults(section: string, value: unknown): unknown {
  const copy = clone(value);
  for (const { path, value: v } of SCHEMA_DEFAULTS[section] ?? []) fill(copy, path, v);
  return copy;
}

/**
 * The tenant's item (in yaml form) with the same defaults filled in where it leaves them out: the
 * Management API treats an absent field as its default, so a default tenant.yaml gets only by the
 * schema is no change against a tenant that does not report it (a pulled project deploys as a no-op).
 */
export function itemWithSchemaDefaults(section: string, item: Record<string, unknown>, singleton: boolean): Record<string, unknown> {
  const filled = singleton ? withSchemaDefaults(section, item) : (withSchemaDefaults(section, [item]) as unknown[])[0];
  return isRecord(filled) ? filled : item;
}
