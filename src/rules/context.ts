// A Rule's `user` and `context`, built from the same post-login event an Action gets: Auth0's migration
// guide read backwards (docs: customize/actions/migrate/migrate-from-rules-to-actions, "Change how
// context data is accessed"; auth0-facts §3), with each property as the Rules reference describes it
// (docs: customize/rules/context-object, customize/rules/user-object-in-rules).
import { cloneJson, isPlainObject } from '../harness/clone.ts';
import type { GeoIp, PostLoginEvent } from '../types/event.ts';
import type { RuleContext, RuleGeoIp, RuleUser } from './types.ts';

/** Rules read geoip in snake_case; Actions in camelCase ("snake_case becomes camelCase"). */
export const GEOIP_KEYS: ReadonlyArray<readonly [keyof RuleGeoIp, keyof GeoIp]> = [
  ['country_code', 'countryCode'],
  ['country_code3', 'countryCode3'],
  ['country_name', 'countryName'],
  ['city_name', 'cityName'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  ['time_zone', 'timeZone'],
  ['continent_code', 'continentCode'],
  ['subdivision_code', 'subdivisionCode'],
  ['subdivision_name', 'subdivisionName'],
];

function geoip(from: GeoIp | undefined): RuleGeoIp {
  const out: Record<string, unknown> = {};
  for (const [rule, action] of GEOIP_KEYS) if (from?.[action] !== undefined) out[rule] = from[action];
  return out as RuleGeoIp;
}

/** An empty metadata object is "undefined by default" in Rules (user-object-in-rules: app_metadata). */
function metadataOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return isPlainObject(value) && Object.keys(value).length > 0 ? cloneJson(value) : undefined;
}

/**
 * The Rule's `user`: the event's user, where empty `app_metadata` / `user_metadata` are undefined ("Is
 * `undefined` by default" in Rules; always an object in Actions), and where app_metadata's properties are
 * also on the user itself ("properties within app_metadata are merged into the user object, root
 * properties that share names with properties in app_metadata may have their values overwritten").
 */
export function ruleUser(event: PostLoginEvent): RuleUser {
  const user: Record<string, unknown> = cloneJson({ ...event.user });
  const app = metadataOrUndefined(event.user.app_metadata);
  const own = metadataOrUndefined(event.user.user_metadata);
  if (app) for (const [k, v] of Object.entries(app)) if (k !== '__proto__') user[k] = cloneJson(v);
  if (app) user['app_metadata'] = app;
  else delete user['app_metadata'];
  if (own) user['user_metadata'] = own;
  else delete user['user_metadata'];
  return user as RuleUser;
}

/** Rules' authentication method timestamps are integers (milliseconds in Auth0's example); Actions' are ISO strings. */
function methods(event: PostLoginEvent): RuleContext['authentication'] {
  const list = event.authentication?.methods;
  if (!Array.isArray(list)) return undefined;
  return { methods: list.map((m) => ({ name: m.name, timestamp: Date.parse(m.timestamp) })) };
}

/** What the Rules pipeline is running for: a first pass, or the pass after a redirect (`/continue`). */
export type RulesPass = 'login' | 'redirect-callback';

/** The Rule's `context` for `event`. Each Rule of a pipeline gets the context the previous one called back with. */
export function ruleContext(event: PostLoginEvent, pass: RulesPass = 'login'): RuleContext {
  const protocol = event.transaction?.protocol;
  const context: RuleContext = {
    tenant: event.tenant.id,
    clientID: event.client.client_id,
    clientName: event.client.name,
    clientMetadata: cloneJson(event.client.metadata ?? {}),
    connection: event.connection.name,
    connectionID: event.connection.id,
    connectionStrategy: event.connection.strategy,
    // Not in the post-login event: a connection's options are only on the Management API.
    connectionOptions: {},
    connectionMetadata: cloneJson(event.connection.metadata ?? {}),
    // "redirect-callback: when a redirect rule is resumed"; original_protocol keeps the first one.
    protocol: pass === 'redirect-callback' ? 'redirect-callback' : protocol,
    stats: { loginsCount: event.stats.logins_count },
    sso: { with_auth0: false, with_dbconn: false, current_clients: (event.session?.clients ?? []).map((c) => c.client_id) },
    accessToken: {},
    idToken: {},
    sessionID: event.session?.id,
    request: {
      userAgent: event.request.user_agent,
      ip: event.request.ip,
      hostname: event.request.hostname,
      query: cloneJson(event.request.query),
      body: cloneJson(event.request.body),
      geoip: geoip(event.request.geoip),
    },
  };
  if (pass === 'redirect-callback' && protocol !== undefined) context.original_protocol = protocol;
  const authentication = methods(event);
  if (authentication) context.authentication = authentication;
  if (event.authorization) context.authorization = { roles: [...event.authorization.roles] };
  if (event.organization) {
    const { id, name, display_name, metadata } = event.organization;
    context.organization = { id, name, display_name, metadata: cloneJson(metadata ?? {}) };
  }
  if (event.authentication?.riskAssessment) context.riskAssessment = cloneJson(event.authentication.riskAssessment);
  return context;
}
