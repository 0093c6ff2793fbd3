// The legacy Rules surface: what a Rule's `function (user, context, callback)` receives. Shapes follow
// Auth0's reference pages "User Object Properties in Rules" and "Context Object Properties in Rules"
// (docs: customize/rules/user-object-in-rules, customize/rules/context-object). Open-ended values are
// `unknown`: a Rule is untyped JavaScript and may put anything anywhere.

/** The Rule's `user`: the event's user, with `app_metadata` / `user_metadata` undefined when empty. */
export type RuleUser = Record<string, unknown> & {
  user_id: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
};

export interface RuleGeoIp {
  country_code?: string;
  country_code3?: string;
  country_name?: string;
  city_name?: string;
  latitude?: number;
  longitude?: number;
  time_zone?: string;
  continent_code?: string;
  subdivision_code?: string;
  subdivision_name?: string;
}

/** The Rule's `context`. What a Rule writes to it (claims, multifactor, redirect…) is read after it calls back. */
export interface RuleContext {
  tenant: string;
  clientID: string;
  clientName: string;
  clientMetadata: Record<string, string>;
  connection: string;
  connectionID: string;
  connectionStrategy: string;
  connectionOptions: Record<string, unknown>;
  connectionMetadata: Record<string, string>;
  protocol: string | undefined;
  original_protocol?: string;
  stats: { loginsCount: number };
  sso: { with_auth0: boolean; with_dbconn: boolean; current_clients: string[] };
  accessToken: Record<string, unknown>;
  idToken: Record<string, unknown>;
  multifactor?: unknown;
  redirect?: unknown;
  sessionID: string | undefined;
  request: {
    userAgent: string | undefined;
    ip: string;
    hostname: string | undefined;
    query: Record<string, unknown>;
    body: Record<string, unknown>;
    geoip: RuleGeoIp;
  };
  primaryUser?: unknown;
  authentication?: { methods: Array<{ name: string; timestamp: number }> };
  authorization?: { roles: string[] };
  organization?: { id: string; name: string; display_name: string; metadata: Record<string, string> };
  riskAssessment?: unknown;
  [key: string]: unknown;
}

/** `callback(error)` denies; `callback(null, user, context)` passes them on to the next Rule. */
export type RuleCallback = (error?: unknown, user?: unknown, context?: unknown) => void;

export type RuleFunction = (user: RuleUser, context: RuleContext, callback: RuleCallback) => unknown;

/** A Rule with its name (as in tenant.yaml), and either its source or a compiled function. */
export interface NamedRule {
  name: string;
  /** Auth0's id for the Rule (api.rules.wasExecuted); default: the name. */
  id?: string;
  /** The Rule's script, as stored in Auth0: one function expression. */
  script?: string;
  /** Or the function itself (in-process tests). */
  rule?: RuleFunction;
  /** Shown in stack traces; default `<name>.js`. */
  filename?: string;
}

/** The Rules' global `configuration` object: shared by every Rule of the tenant. */
export type RuleConfiguration = Readonly<Record<string, string>>;
