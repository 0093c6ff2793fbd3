import type { PostLoginEvent, TransactionProtocol } from '../../types/event.ts';
import type { StoredClient, StoredConnection, StoredOrganization, StoredRole, StoredUser } from '../store/model.ts';

// The post-login event of a real login on this tenant, built from its data: the user as stored (roles
// by name, metadata, identities, logins so far), the client, the connection, the organization, the API
// asked for, the transaction (scopes, protocol, redirect_uri, prompt…) and the HTTP request.

/** Auth0's `event.tenant.id` is the tenant's name; this one is the local tenant. */
export const LOCAL_TENANT_ID = 'local';

export interface LoginRequest {
  ip: string;
  method: string;
  hostname: string;
  userAgent: string | undefined;
  language: string | undefined;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

export interface LoginTransaction {
  id: string;
  protocol: TransactionProtocol;
  requestedScopes: string[];
  redirectUri?: string;
  state?: string;
  prompt?: string[];
  responseType?: Array<'code' | 'token' | 'id_token'>;
  responseMode?: 'query' | 'fragment' | 'form_post' | 'web_message';
  loginHint?: string;
  uiLocales?: string[];
  acrValues?: string[];
}

export interface LoginParties {
  user: StoredUser;
  client: StoredClient;
  connection: StoredConnection;
  organization: StoredOrganization | undefined;
  roles: readonly StoredRole[];
  /** The API (resource server identifier) asked for with `audience`, if any. */
  audience: string | undefined;
  sessionId: string | undefined;
  /** When the user authenticated in this login (ISO), for `authentication.methods`. */
  authenticatedAt: string;
  /** `stats.logins_count`: the user's logins so far (saved and pending, see stats.ts). */
  loginsCount: number;
}

/** Body parameters an Action never sees: credentials of the user and of the client. */
const HIDDEN_BODY = new Set(['password', 'client_secret', 'client_assertion', 'code_verifier', 'refresh_token', 'code']);

const stringRecord = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};

/** The user as Actions see it: profile fields, metadata, one identity on its database connection. */
function eventUser(user: StoredUser): PostLoginEvent['user'] {
  const { password_hash: _h, roles: _r, connection, logins_count: _c, last_login: _l, last_ip: _i, blocked: _b, ...profile } = user;
  const [provider, id] = user.user_id.split('|') as [string, string];
  return {
    ...profile,
    email_verified: user['email_verified'] === true,
    app_metadata: structuredClone(user.app_metadata),
    user_metadata: structuredClone(user.user_metadata),
    identities: [{ connection, provider, user_id: id, isSocial: false }],
    multifactor: [],
  };
}

export function buildLoginEvent(parties: LoginParties, transaction: LoginTransaction, request: LoginRequest): PostLoginEvent {
  const { user, client, connection, organization } = parties;
  const body = Object.fromEntries(Object.entries(request.body).filter(([k]) => !HIDDEN_BODY.has(k)));
  return {
    secrets: {},
    configuration: {},
    authentication: { methods: [{ name: 'pwd', timestamp: parties.authenticatedAt }] },
    authorization: { roles: parties.roles.map((r) => r.name) },
    client: { client_id: client.client_id, name: client.name, metadata: stringRecord(client['client_metadata']) },
    connection: { id: connection.id, name: connection.name, strategy: connection.strategy, metadata: stringRecord(connection['metadata']) },
    ...(organization
      ? { organization: { id: organization.id, name: organization.name, display_name: organization.display_name ?? organization.name, metadata: { ...organization.metadata } } }
      : {}),
    request: {
      ip: request.ip,
      method: request.method,
      hostname: request.hostname,
      ...(request.userAgent === undefined ? {} : { user_agent: request.userAgent }),
      ...(request.language === undefined ? {} : { language: request.language }),
      query: { ...request.query },
      body,
      geoip: {},
    },
    ...(parties.audience === undefined ? {} : { resource_server: { identifier: parties.audience } }),
    ...(parties.sessionId === undefined ? {} : { session: { id: parties.sessionId } }),
    stats: { logins_count: parties.loginsCount },
    tenant: { id: LOCAL_TENANT_ID },
    transaction: {
      id: transaction.id,
      protocol: transaction.protocol,
      requested_scopes: [...transaction.requestedScopes],
      ...(transaction.redirectUri === undefined ? {} : { redirect_uri: transaction.redirectUri }),
      ...(transaction.state === undefined ? {} : { state: transaction.state }),
      prompt: transaction.prompt ?? [],
      ...(transaction.responseType === undefined ? {} : { response_type: transaction.responseType }),
      ...(transaction.responseMode === undefined ? {} : { response_mode: transaction.responseMode }),
      ...(transaction.loginHint === undefined ? {} : { login_hint: transaction.loginHint }),
      ui_locales: transaction.uiLocales ?? [],
      acr_values: transaction.acrValues ?? [],
      metadata: {},
    },
    user: eventUser(user),
  };
}
