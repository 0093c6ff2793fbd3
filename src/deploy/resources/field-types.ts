// The types the Management API requires of the fields tenant.yaml most often sets (the auth0 SDK's
// request types, `Management.Create*RequestContent`). The API refuses a wrong one with a 400 — in the
// middle of an apply, after what came before it was written — so a deploy checks them before any
// write, and `claimkit check` reports each at its line. Fields not listed go to the API as written.
import type { SectionIssue, YamlItem } from './contract.ts';

export type FieldType = 'string' | 'boolean' | 'integer' | 'number' | 'object' | 'string[]' | 'object[]';
export type FieldTypes = Readonly<Record<string, FieldType>>;

export const CLIENT_FIELDS: FieldTypes = {
  description: 'string', app_type: 'string', logo_uri: 'string', callbacks: 'string[]', allowed_logout_urls: 'string[]',
  web_origins: 'string[]', allowed_origins: 'string[]', allowed_clients: 'string[]', grant_types: 'string[]',
  oidc_conformant: 'boolean', is_first_party: 'boolean', sso: 'boolean', sso_disabled: 'boolean', cross_origin_authentication: 'boolean',
  token_endpoint_auth_method: 'string', initiate_login_uri: 'string', client_metadata: 'object', jwt_configuration: 'object',
  refresh_token: 'object', mobile: 'object', native_social_login: 'object', addons: 'object',
};

export const RESOURCE_SERVER_FIELDS: FieldTypes = {
  name: 'string', scopes: 'object[]', signing_alg: 'string', signing_secret: 'string', token_lifetime: 'integer',
  token_lifetime_for_web: 'integer', allow_offline_access: 'boolean', skip_consent_for_verifiable_first_party_clients: 'boolean',
  enforce_policies: 'boolean', token_dialect: 'string',
};

export const CLIENT_GRANT_FIELDS: FieldTypes = {
  scope: 'string[]', organization_usage: 'string', allow_any_organization: 'boolean', authorization_details_types: 'string[]',
};

export const CONNECTION_FIELDS: FieldTypes = {
  display_name: 'string', options: 'object', is_domain_connection: 'boolean',
  show_as_button: 'boolean', realms: 'string[]', metadata: 'object',
};

export const ROLE_FIELDS: FieldTypes = { description: 'string' };

export const ORGANIZATION_FIELDS: FieldTypes = { display_name: 'string', branding: 'object', metadata: 'object' };

export const TENANT_FIELDS: FieldTypes = {
  friendly_name: 'string', picture_url: 'string', support_email: 'string', support_url: 'string', default_audience: 'string',
  default_directory: 'string', default_redirection_uri: 'string', allowed_logout_urls: 'string[]', enabled_locales: 'string[]',
  session_lifetime: 'number', idle_session_lifetime: 'number', ephemeral_session_lifetime: 'number', idle_ephemeral_session_lifetime: 'number',
  flags: 'object', change_password: 'object', guardian_mfa_page: 'object', error_page: 'object', device_flow: 'object',
  session_cookie: 'object', sessions: 'object',
};

const WANTED: Record<FieldType, string> = {
  string: 'a string', boolean: 'true or false', integer: 'a whole number', number: 'a number', object: 'a mapping',
  'string[]': 'a list of strings', 'object[]': 'a list of mappings',
};

const isMapping = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

function fits(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
    case 'boolean':
      return typeof value === type;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return isMapping(value);
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object[]':
      return Array.isArray(value) && value.every(isMapping);
  }
}

function found(value: unknown): string {
  if (Array.isArray(value)) return 'a list with an item of another type';
  if (isMapping(value)) return 'a mapping';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}` : `${typeof value} ${String(value)}`;
}

/** A string that is a whole keyword: before replacement (`claimkit check`) its type is the value's. */
const KEYWORD = /^(##[A-Za-z0-9_]+##|@@[A-Za-z0-9_]+@@)$/;

/**
 * The fields of `item` whose type the API would refuse, each at `[...at, field]`. Unset and null fields
 * are left to the API (an unquoted `##KEY##` reads as null before replacement: `#` starts a comment).
 */
export function fieldTypeIssues(item: YamlItem, at: ReadonlyArray<string | number>, fields: FieldTypes): SectionIssue[] {
  const issues: SectionIssue[] = [];
  for (const [name, type] of Object.entries(fields)) {
    const value = item[name];
    if (value === undefined || value === null || fits(value, type)) continue;
    if (typeof value === 'string' && KEYWORD.test(value)) continue;
    issues.push({ path: [...at, name], message: `"${name}" must be ${WANTED[type]}, not ${found(value)}: the Management API would refuse it in the middle of the deploy. Fix it here.` });
  }
  return issues;
}
