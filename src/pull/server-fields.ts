// What a pulled tenant.yaml leaves out: fields the tenant reports but nobody writes (ids are already gone:
// the handlers' toYaml), and values equal to the default the tenant or auth0-deploy-cli fills in when
// tenant.yaml says nothing. A deploy compares only what tenant.yaml sets, so leaving them out changes no
// plan, and the pulled file holds only what is particular to this tenant.
//
// Sources: auth0-deploy-cli 8.44 lib/readonly.js (the fields its export strips as read-only) and its
// schema defaults (src/deploy/resources/defaults.ts); Auth0's Management API defaults for new resources
// ("Create a client", "Create a resource server", "Add connections to an organization": the documented
// defaults), which the local tenant applies too.

/** A path into one item (`*` is every element of a list) and the value to leave out there. */
export interface FieldRule {
  path: readonly string[];
  /** The default: a value, or one computed from the item (a connection's realms default to [its name]). */
  value?: unknown;
  computed?: (item: Readonly<Record<string, unknown>>) => unknown;
}

const at = (path: string, value: unknown): FieldRule => ({ path: path.split('.'), value });
const always = (path: string): FieldRule => ({ path: path.split('.') });

/** Fields reported but never written (auth0-deploy-cli's readonly list, and server bookkeeping). */
export const READ_ONLY_FIELDS: Readonly<Record<string, readonly FieldRule[]>> = {
  clients: ['custom_login_page_preview', 'config_route', 'owners', 'created_at', 'updated_at'].map(always),
  connections: ['provisioning_ticket_url', 'created_at', 'updated_at'].map(always),
  databases: ['options.configuration', 'provisioning_ticket_url', 'created_at', 'updated_at'].map(always),
  tenant: ['sandbox_versions_available', 'flags.allow_changing_enable_sso', 'flags.enable_sso', 'flags.disable_impersonation', 'flags.remove_stale_idp_attributes'].map(always),
  organizations: ['created_at', 'updated_at'].map(always),
  roles: [always('type')],
  // An export's build status, and an Action's modules when it uses none (auth0-deploy-cli writes both).
  actions: [always('status'), always('id'), { path: ['modules'], value: [] }],
};

const realmsOfName: FieldRule = { path: ['realms'], computed: (item) => [item['name']] };

/** Values equal to the default a new resource gets: left out of the pulled file. */
export const DEFAULT_FIELDS: Readonly<Record<string, readonly FieldRule[]>> = {
  resourceServers: [
    at('signing_alg', 'RS256'),
    at('token_lifetime', 86400),
    at('token_lifetime_for_web', 7200),
    at('allow_offline_access', false),
    at('skip_consent_for_verifiable_first_party_clients', true),
    at('enforce_policies', false),
    at('token_dialect', 'access_token'),
    at('scopes', []),
  ],
  clients: [
    at('is_first_party', true),
    at('jwt_configuration', { alg: 'RS256', lifetime_in_seconds: 36000, secret_encoded: false }),
    ...['callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins', 'allowed_clients'].map((f) => at(f, [])),
    at('client_metadata', {}),
  ],
  connections: [at('is_domain_connection', false), realmsOfName, at('enabled_clients', [])],
  databases: [at('is_domain_connection', false), realmsOfName, at('enabled_clients', [])],
  organizations: [
    at('connections.*.assign_membership_on_login', false),
    at('connections.*.show_as_button', true),
    at('connections.*.is_enabled', true),
    at('metadata', {}),
  ],
  roles: [at('permissions', [])],
  tenant: [at('flags', {})],
};
