import type { Management } from 'auth0';
import { json, readJsonObject } from '../http/body.ts';
import { badRequest } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { validateBody, type BodySchema } from '../http/validate.ts';

// GET/PATCH /tenants/settings. A PATCH sets the fields it names (flags one by one); the rest keep their
// values. Session lifetimes are kept in hours, as GET reports them; the *_in_minutes forms a PATCH may
// use instead (auth0-deploy-cli sends those) are converted, and giving both forms is refused, as on Auth0.

/** What a new tenant reports before anything is set. */
const DEFAULTS: Management.GetTenantSettingsResponseContent = {
  flags: {},
  session_lifetime: 168,
  idle_session_lifetime: 72,
  sandbox_version: '22',
  enabled_locales: ['en'],
};

const FIELDS: BodySchema['fields'] = {
  change_password: 'object|null',
  device_flow: 'object|null',
  guardian_mfa_page: 'object|null',
  default_audience: 'string',
  default_directory: 'string',
  error_page: 'object|null',
  default_token_quota: 'object|null',
  flags: 'object',
  friendly_name: 'string',
  picture_url: 'string',
  support_email: 'string',
  support_url: 'string',
  allowed_logout_urls: 'string[]',
  session_lifetime: 'number',
  session_lifetime_in_minutes: 'number',
  idle_session_lifetime: 'number',
  idle_session_lifetime_in_minutes: 'number',
  ephemeral_session_lifetime: 'number',
  ephemeral_session_lifetime_in_minutes: 'number',
  idle_ephemeral_session_lifetime: 'number',
  idle_ephemeral_session_lifetime_in_minutes: 'number',
  sandbox_version: 'string',
  legacy_sandbox_version: 'string',
  default_redirection_uri: 'string',
  enabled_locales: 'string[]',
  security_headers: 'object|null',
  session_cookie: 'object|null',
  sessions: 'object|null',
  oidc_logout: 'object',
  customize_mfa_in_postlogin_action: 'boolean|null',
  allow_organization_name_in_authentication_api: 'boolean|null',
  acr_values_supported: 'string[]|null',
  mtls: 'object|null',
  pushed_authorization_requests_supported: 'boolean|null',
  authorization_response_iss_parameter_supported: 'boolean|null',
  skip_non_verifiable_callback_uri_confirmation_prompt: 'boolean|null',
  resource_parameter_profile: 'string',
  client_id_metadata_document_supported: 'boolean',
  enable_ai_guide: 'boolean',
  phone_consolidated_experience: 'boolean',
  include_session_metadata_in_tenant_logs: 'boolean',
  dynamic_client_registration_security_mode: 'string',
  country_codes: 'object|null',
};

const LIFETIMES = ['session_lifetime', 'idle_session_lifetime', 'ephemeral_session_lifetime', 'idle_ephemeral_session_lifetime'] as const;

export function settingsView(stored: Readonly<Record<string, unknown>>): Management.GetTenantSettingsResponseContent {
  return { ...DEFAULTS, ...stored, flags: { ...DEFAULTS.flags, ...(stored['flags'] as Management.TenantSettingsFlags | undefined) } };
}

export function getTenantSettings(ctx: RouteContext): Response {
  return json(settingsView(ctx.tenant.store.data.tenantSettings));
}

/** The body in stored form: lifetimes in hours, flags merged onto the current ones. */
function changesOf(body: Record<string, unknown>, current: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = { ...body };
  for (const name of LIFETIMES) {
    const minutes = out[`${name}_in_minutes`];
    if (minutes === undefined) continue;
    if (out[name] !== undefined) throw badRequest(`${name} and ${name}_in_minutes cannot be set together: use one.`);
    out[name] = (minutes as number) / 60;
    delete out[`${name}_in_minutes`];
  }
  if (out['flags'] !== undefined) out['flags'] = { ...(current['flags'] as Record<string, unknown> | undefined), ...(out['flags'] as Record<string, unknown>) };
  return out;
}

export async function updateTenantSettings(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { fields: FIELDS });
  const settings = await tenant.store.write((data) => {
    const changes = changesOf(body, data.tenantSettings);
    return (d) => {
      d.tenantSettings = { ...d.tenantSettings, ...changes };
      return d.tenantSettings;
    };
  });
  return json(settingsView(settings));
}
