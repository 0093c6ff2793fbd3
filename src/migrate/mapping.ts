// Where a Rule's `context.*` and `user.*` live in a post-login Action, from Auth0's migration guide
// (docs: customize/actions/migrate/migrate-from-rules-to-actions; auth0-facts §3) and the two reference
// pages (customize/rules/context-object, post-login-event-object). Writes (claims, multifactor,
// redirect…) are statements, converted in statements.ts.
import { GEOIP_KEYS } from '../rules/context.ts';

export interface Mapped {
  /** The Action expression. */
  expr: string;
  /**
   * The Rule's value was always an object where the Action's may be absent: further member accesses use
   * `?.`, and a bare reference becomes `(expr ?? {})`, so the Action behaves as the Rule did.
   */
  soften?: boolean;
  /** Said next to the converted code: the Action's value differs in a way to check. */
  note?: string;
}

/** No Action equivalent: the statement is left, commented out, for a human. */
export interface Unmapped {
  todo: string;
}

export type Mapping = Mapped | Unmapped;

/** Values Rule code reads as untyped JSON records: a field read gets a cast that says what the Rule assumed. */
export const UNTYPED_RECORDS = new Set(['event.user.app_metadata', 'event.user.user_metadata', 'event.request.query', 'event.request.body']);

const TIMESTAMPS = 'Rules gave authentication method timestamps as integers (ms); Actions give ISO 8601 strings: use Date.parse(m.timestamp) where the Rule did arithmetic.';

/** context.<path> → the Action, longest path first. */
export const CONTEXT_MAP: ReadonlyMap<string, Mapping> = new Map<string, Mapping>([
  ['tenant', { expr: 'event.tenant.id' }],
  ['clientID', { expr: 'event.client.client_id' }],
  ['clientName', { expr: 'event.client.name' }],
  ['clientMetadata', { expr: 'event.client.metadata' }],
  ['connection', { expr: 'event.connection.name' }],
  ['connectionID', { expr: 'event.connection.id' }],
  ['connectionStrategy', { expr: 'event.connection.strategy' }],
  ['connectionMetadata', { expr: 'event.connection.metadata', soften: true }],
  ['protocol', { expr: 'event.transaction?.protocol', note: "Rules saw 'redirect-callback' here after a redirect; Actions resume in onContinuePostLogin instead." }],
  ['stats.loginsCount', { expr: 'event.stats.logins_count' }],
  ['sessionID', { expr: 'event.session?.id' }],
  ['request.userAgent', { expr: 'event.request.user_agent' }],
  ['request.ip', { expr: 'event.request.ip' }],
  ['request.hostname', { expr: 'event.request.hostname' }],
  ['request.query', { expr: 'event.request.query' }],
  ['request.body', { expr: 'event.request.body' }],
  ...GEOIP_KEYS.map(([rule, action]) => [`request.geoip.${rule}`, { expr: `event.request.geoip.${action}` }] as [string, Mapping]),
  ['request.geoip', { expr: 'event.request.geoip', note: 'geoip keys are camelCase in Actions (country_code → countryCode).' }],
  ['authorization.roles', { expr: 'event.authorization.roles' }],
  ['authorization', { expr: 'event.authorization' }],
  ['organization', { expr: 'event.organization' }],
  ['authentication.methods', { expr: 'event.authentication.methods', note: TIMESTAMPS }],
  ['authentication', { expr: 'event.authentication', note: TIMESTAMPS }],
  ['riskAssessment', { expr: 'event.authentication?.riskAssessment' }],
  ['sso.current_clients', { expr: '(event.session?.clients ?? []).map((c) => c.client_id)' }],
  ['sso', { todo: 'context.sso has no single Action equivalent: read event.session (its clients) instead.' }],
  ['connectionOptions', { todo: 'context.connectionOptions is not in the post-login event: read the connection from the Management API, or keep what you need in the connection metadata (event.connection.metadata).' }],
  ['samlConfiguration', { todo: 'context.samlConfiguration becomes api.samlResponse.setAttribute / set… calls in Actions.' }],
  ['original_protocol', { todo: "context.original_protocol only existed after a Rules redirect; Actions resume in exports.onContinuePostLogin, where event.transaction.protocol is the original protocol." }],
  ['idToken', { todo: 'Actions cannot read the claims set so far: keep the value in a variable.' }],
  ['accessToken', { todo: 'Actions cannot read the claims set so far: keep the value in a variable.' }],
  ['multifactor', { todo: 'Reading context.multifactor has no Action equivalent.' }],
  ['redirect', { todo: 'Reading context.redirect has no Action equivalent.' }],
  ['primaryUser', { todo: 'Reading context.primaryUser has no Action equivalent.' }],
  ['request', { expr: 'event.request', note: 'event.request uses user_agent and camelCase geoip keys.' }],
]);

/** Properties of the Rules user object (customize/rules/user-object-in-rules), all on event.user. */
export const USER_FIELDS = new Set([
  'app_metadata', 'created_at', 'email', 'email_verified', 'family_name', 'given_name', 'identities', 'last_password_reset',
  'multifactor', 'name', 'nickname', 'phone_number', 'phone_verified', 'picture', 'updated_at', 'user_id', 'user_metadata', 'username',
]);

/** user.<field> → the Action. */
export function userMapping(field: string): Mapping {
  if (field === 'permissions') return { todo: 'user.permissions came from the Authorization Extension; Actions have no equivalent (use RBAC: event.authorization.roles, api.accessToken permissions).' };
  if (USER_FIELDS.has(field)) return { expr: `event.user.${field}` };
  return { expr: `event.user.${field}`, note: `user.${field} is not a documented user property: in Rules app_metadata's fields were merged into the user object, so this may have read app_metadata.${field}.` };
}

/** The longest mapped prefix of a context path. */
export function contextMapping(path: readonly string[]): { mapping: Mapping; used: number } | undefined {
  for (let n = path.length; n > 0; n--) {
    const m = CONTEXT_MAP.get(path.slice(0, n).join('.'));
    if (m) return { mapping: m, used: n };
  }
  return undefined;
}
