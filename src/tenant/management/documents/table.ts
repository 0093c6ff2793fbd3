// The parts of a tenant that the local tenant keeps without modelling them: each is stored as a client
// wrote it and read back as written, so auth0-deploy-cli can import and export every section of a
// tenant.yaml (branding, prompts, attack protection, guardian, email, log streams, custom domains,
// rules, hooks, forms, flows…). Paths, list wrappers and scope names are Auth0's (Management API v2
// reference). Defaults are what a new tenant answers before anything is set.

/** One settings object: GET answers it (or 404 while unset, when it has no default); PATCH merges, PUT/POST replace. */
export interface SettingsDocument {
  path: string;
  /** `read:<scope>`, `update:<scope>` (and `create:<scope>` for POST). */
  scope: string;
  /** Undefined: GET answers 404 until something is written (Auth0 does so for an unset email provider). */
  initial?: unknown;
  write: ReadonlyArray<'PATCH' | 'PUT' | 'POST'>;
}

/** A collection: GET lists, POST creates, GET/PATCH/DELETE by id. */
export interface CollectionDocument {
  path: string;
  scope: string;
  /** How GET answers: `list` pages like the Management API's lists (bare array, offset or checkpoint pages, under `key`); `wrapped` always `{<key>: [...]}`. */
  answer: 'list' | 'wrapped';
  key: string;
  /** The id field (`id`, or `custom_domain_id`…) and how new ids start. */
  idField: string;
  idPrefix: string;
  /** Fields a POST must have. */
  required: readonly string[];
}

const settings = (path: string, scope: string, initial: unknown, write: SettingsDocument['write'] = ['PATCH']): SettingsDocument => ({ path, scope, initial, write });
const collection = (path: string, scope: string, key: string, idPrefix: string, required: readonly string[], answer: CollectionDocument['answer'] = 'list', idField = 'id'): CollectionDocument => ({
  path, scope, key, idPrefix, required, answer, idField,
});

export const SETTINGS_DOCUMENTS: readonly SettingsDocument[] = [
  settings('attack-protection/breached-password-detection', 'attack_protection', { enabled: false, shields: [], admin_notification_frequency: [], method: 'standard' }),
  settings('attack-protection/brute-force-protection', 'attack_protection', { enabled: true, shields: ['block', 'user_notification'], mode: 'count_per_identifier_and_ip', allowlist: [], max_attempts: 10 }),
  settings('attack-protection/suspicious-ip-throttling', 'attack_protection', { enabled: true, shields: ['admin_notification', 'block'], allowlist: [], stage: { 'pre-login': { max_attempts: 100, rate: 864000 }, 'pre-user-registration': { max_attempts: 50, rate: 1200 } } }),
  settings('attack-protection/bot-detection', 'attack_protection', { bot_detection_level: 'medium', challenge_password_policy: 'never', challenge_passwordless_policy: 'never', challenge_password_reset_policy: 'never', allowlist: [], monitoring_mode_enabled: false }),
  settings('attack-protection/captcha', 'attack_protection', { active_provider_id: 'auth_challenge' }),
  settings('branding', 'branding', {}),
  settings('branding/templates/universal-login', 'branding', undefined, ['PUT']),
  settings('prompts', 'prompts', { universal_login_experience: 'new', identifier_first: false, webauthn_platform_first_factor: false }),
  settings('prompts/:prompt/partials', 'prompts', {}, ['PUT']),
  settings('prompts/:prompt/custom-text/:language', 'prompts', {}, ['PUT']),
  settings('prompts/:prompt/screen/:screen/rendering', 'prompts', undefined, ['PATCH']),
  settings('guardian/policies', 'mfa_policies', [], ['PUT']),
  settings('guardian/factors/phone/selected-provider', 'guardian_factors', { provider: 'auth0' }, ['PUT']),
  settings('guardian/factors/phone/message-types', 'guardian_factors', { message_types: ['sms'] }, ['PUT']),
  settings('guardian/factors/sms/templates', 'guardian_factors', { enrollment_message: '', verification_message: '' }, ['PUT']),
  settings('guardian/factors/phone/templates', 'guardian_factors', { enrollment_message: '', verification_message: '' }, ['PUT']),
  settings('guardian/factors/sms/providers/twilio', 'guardian_factors', {}, ['PUT']),
  settings('guardian/factors/push-notification/providers/sns', 'guardian_factors', {}, ['PUT']),
  settings('emails/provider', 'email_provider', undefined, ['PATCH', 'POST']),
  settings('email-templates/:template', 'email_templates', undefined, ['PATCH', 'PUT', 'POST']),
  settings('risk-assessments/settings', 'attack_protection', { enabled: false }),
  settings('risk-assessments/settings/new-device', 'attack_protection', { remember_for: 30 }),
  settings('supplemental-signals', 'attack_protection', { akamai_enabled: false }),
  settings('branding/themes/default', 'branding', undefined, []),
];

export const COLLECTION_DOCUMENTS: readonly CollectionDocument[] = [
  collection('rules', 'rules', 'rules', 'rul', ['name', 'script']),
  collection('hooks', 'hooks', 'hooks', 'hk', ['name', 'script', 'triggerId']),
  collection('log-streams', 'log_streams', 'log_streams', 'lst', ['type']),
  collection('custom-domains', 'custom_domains', 'custom_domains', 'cd', ['domain', 'type'], 'list', 'custom_domain_id'),
  collection('forms', 'forms', 'forms', 'ap', ['name']),
  collection('flows', 'flows', 'flows', 'af', ['name']),
  collection('flows/vault/connections', 'flows_vault_connections', 'connections', 'ac', ['name', 'app_id']),
  collection('self-service-profiles', 'self_service_profiles', 'self_service_profiles', 'ssp', ['name']),
  collection('token-exchange-profiles', 'token_exchange_profiles', 'token_exchange_profiles', 'tep', ['name', 'subject_token_type', 'action_id', 'type']),
  collection('event-streams', 'event_streams', 'eventStreams', 'est', ['destination']),
  collection('network-acls', 'network_acls', 'network_acls', 'acl', ['description', 'active', 'priority', 'rule']),
  collection('user-attribute-profiles', 'user_attribute_profiles', 'user_attribute_profiles', 'uap', ['name']),
  collection('connection-profiles', 'connection_profiles', 'connection_profiles', 'cop', ['name']),
  collection('rate-limit-policies', 'rate_limit_policies', 'rate_limit_policies', 'rlp', []),
  collection('connections-directory-provisionings', 'directory_provisionings', 'directory_provisionings', 'dpr', []),
  collection('branding/phone/providers', 'phone_providers', 'providers', 'pro', ['name'], 'wrapped'),
  collection('branding/phone/templates', 'phone_templates', 'templates', 'tem', [], 'wrapped'),
  collection('branding/themes', 'branding', 'themes', 'thm', [], 'wrapped', 'themeId'),
  collection('prompts/rendering', 'prompts', 'configs', 'rnd', [], 'list'),
];

/** Rules configs: a key/value list (`PUT /rules-configs/{key}` with `{value}`); values are never returned. */
export const RULES_CONFIGS = { path: 'rules-configs', scope: 'rules_configs' } as const;

/** Guardian factors: a fixed list whose `enabled` flags `PUT /guardian/factors/{name}` changes. */
export const GUARDIAN_FACTORS = ['sms', 'push-notification', 'otp', 'email', 'duo', 'webauthn-roaming', 'webauthn-platform', 'recovery-code'] as const;

/** Every scope these documents are read or written with, for the local tenant's own client. */
export const DOCUMENT_SCOPES: readonly string[] = [
  ...new Set(
    [...SETTINGS_DOCUMENTS, ...COLLECTION_DOCUMENTS, RULES_CONFIGS, { scope: 'guardian_factors' }].flatMap((d) => ['read', 'create', 'update', 'delete'].map((verb) => `${verb}:${d.scope}`)),
  ),
];
