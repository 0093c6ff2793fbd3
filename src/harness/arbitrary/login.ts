import fc from 'fast-check';
import type { PostLoginEvent, RefreshTokenInfo, Transaction, TransactionProtocol } from '../../types/event.ts';

/** How the user got here: the transaction, the request that carried it, and what depends on both. */
export interface Login {
  transaction: Transaction | undefined;
  request: Pick<PostLoginEvent['request'], 'method' | 'query' | 'body'> & { hostname: string };
  clientId: string;
  resource_server: { identifier: string } | undefined;
  refresh_token: RefreshTokenInfo | undefined;
  session: { id: string } | undefined;
  authentication: PostLoginEvent['authentication'];
  custom_domain: PostLoginEvent['custom_domain'];
}

export interface LoginOptions {
  audiences: readonly string[];
  clientIds: readonly string[];
  /** The tenant's canonical host, e.g. claimkit-dev.us.auth0.com. */
  tenantHost: string;
}

const LOGIN_AT = '2026-11-24T10:00:00.000Z';
const REDIRECT_URI = 'http://localhost:3000/callback';
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'phone', 'address'];
const API_SCOPES = ['read:reports', 'write:reports', 'admin'];

/** Grants at the token endpoint, by the protocol Auth0 reports for them. */
const GRANTS = {
  'oauth2-refresh-token': 'refresh_token',
  'oauth2-password': 'password',
  'oauth2-resource-owner': 'password',
  'oauth2-device-code': 'urn:ietf:params:oauth:grant-type:device_code',
  'oauth2-token-exchange': 'urn:ietf:params:oauth:grant-type:token-exchange',
  'oauth2-resource-owner-jwt-bearer': 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'oidc-ciba': 'urn:openid:params:grant-type:ciba',
} as const satisfies Partial<Record<TransactionProtocol, string>>;
type TokenProtocol = keyof typeof GRANTS;

/** Browser flows: the protocol, its response_type and the response modes it allows. */
const BROWSER = [
  { protocol: 'oidc-basic-profile', responseType: ['code'], modes: ['query', 'form_post', 'web_message'] },
  { protocol: 'oidc-implicit-profile', responseType: ['id_token', 'token'], modes: ['fragment', 'form_post'] },
  { protocol: 'oidc-hybrid-profile', responseType: ['code', 'id_token'], modes: ['fragment', 'form_post'] },
] as const;

const METHODS = [
  [{ name: 'pwd' }],
  [{ name: 'federated' }],
  [{ name: 'pwd' }, { name: 'mfa', type: 'otp' }],
  [{ name: 'passkey' }],
  [{ name: 'email' }],
].map((list) => list.map((m) => ({ ...m, timestamp: LOGIN_AT })));

const token = (prefix: string) => fc.stringMatching(/^[A-Za-z0-9_-]{16,32}$/).map((s) => `${prefix}${s}`);

interface Common {
  clientId: string;
  audience: string | undefined;
  scopes: string[];
  customDomain: boolean;
  methods: number;
}

function common(o: LoginOptions): fc.Arbitrary<Common> {
  const managementApi = `https://${o.tenantHost}/api/v2/`;
  const audiences = [{ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(managementApi) }];
  if (o.audiences.length > 0) audiences.push({ weight: 4, arbitrary: fc.constantFrom(...o.audiences) });
  return fc.record({
    clientId: fc.constantFrom(...o.clientIds),
    audience: fc.oneof(...audiences),
    scopes: fc.tuple(fc.subarray(OIDC_SCOPES), fc.subarray(API_SCOPES)).map(([oidc, api]) => [...oidc, ...api]),
    customDomain: fc.nat(4).map((n) => n === 4),
    methods: fc.nat(METHODS.length - 1),
  });
}

function browserLogin(o: LoginOptions): fc.Arbitrary<Login> {
  return fc
    .record({ c: common(o), flow: fc.constantFrom(...BROWSER), mode: fc.nat(2), id: token(''), state: token(''), prompt: fc.constantFrom([], ['login'], ['none'], ['consent']) })
    .map(({ c, flow, mode, id, state, prompt }) => {
      const base = withDomain(o, c);
      const query: Record<string, unknown> = {
        protocol: 'oauth2', client_id: c.clientId, response_type: flow.responseType.join(' '), scope: c.scopes.join(' '), redirect_uri: REDIRECT_URI, state,
      };
      if (c.audience !== undefined) query['audience'] = c.audience;
      if (prompt[0] !== undefined) query['prompt'] = prompt[0];
      const transaction: Transaction = {
        id, acr_values: [], locale: 'en', ui_locales: ['en'], prompt: [...prompt], requested_scopes: c.scopes, protocol: flow.protocol,
        redirect_uri: REDIRECT_URI, response_mode: flow.modes[mode % flow.modes.length], response_type: [...flow.responseType], state, metadata: {},
      };
      return { ...base, transaction, request: { ...base.request, method: 'GET', query, body: {} }, session: { id: `sess_${id.slice(0, 12)}` } };
    });
}

function tokenEndpointLogin(o: LoginOptions, protocols: fc.Arbitrary<TokenProtocol>): fc.Arbitrary<Login> {
  return fc
    .record({ c: common(o), protocol: protocols, session: fc.option(token('sess_'), { nil: undefined }), rt: fc.option(refreshToken(), { nil: undefined }), withAuthentication: fc.boolean() })
    .map(({ c, protocol, session, rt, withAuthentication }) => {
      const base = withDomain(o, c);
      const body: Record<string, unknown> = { grant_type: GRANTS[protocol], client_id: c.clientId };
      if (c.scopes.length > 0) body['scope'] = c.scopes.join(' ');
      if (c.audience !== undefined) body['audience'] = c.audience;
      // Auth0 fills event.refresh_token (Enterprise) only in refresh-token exchanges.
      const refresh_token = protocol === 'oauth2-refresh-token' && rt
        ? { ...rt, client_id: c.clientId, resource_servers: c.audience === undefined ? [] : [{ audience: c.audience, scopes: c.scopes.join(' ') }] }
        : undefined;
      return {
        ...base,
        transaction: { protocol, requested_scopes: c.scopes, metadata: {} },
        request: { ...base.request, method: 'POST', query: {}, body },
        session: session === undefined ? undefined : { id: session },
        refresh_token,
        authentication: withAuthentication ? base.authentication : undefined,
      };
    });
}

function refreshToken(): fc.Arbitrary<RefreshTokenInfo> {
  return fc.record(
    { id: token('rt_'), created_at: fc.constant('2026-10-01T12:00:00.000Z'), rotating: fc.boolean(), expires_at: fc.constant('2027-10-01T12:00:00.000Z'), access: fc.constantFrom('offline', 'online') },
    { requiredKeys: ['id', 'created_at'] },
  );
}

/** SAML / WS-Fed logins: no OAuth scopes and no API audience. */
function federationLogin(o: LoginOptions): fc.Arbitrary<Login> {
  return fc.record({ c: common(o), protocol: fc.constantFrom('samlp', 'wsfed'), id: token('') }).map(({ c, protocol, id }) => {
    const base = withDomain(o, { ...c, audience: undefined });
    const query = protocol === 'samlp' ? { SAMLRequest: 'fZJNT8MwDIbvSPyHKvc2bdeNEa2VKu3AkAYSoMGJ', RelayState: 'xyz' } : { wa: 'wsignin1.0', wtrealm: 'urn:app' };
    return { ...base, transaction: { id, protocol, metadata: {} }, request: { ...base.request, method: 'GET', query, body: {} }, session: { id: `sess_${id.slice(0, 12)}` } };
  });
}

function withDomain(o: LoginOptions, c: Common): Login {
  const custom = c.customDomain ? { domain: 'login.example.com', domain_metadata: {} } : undefined;
  return {
    transaction: undefined,
    request: { method: 'GET', query: {}, body: {}, hostname: custom?.domain ?? o.tenantHost },
    clientId: c.clientId,
    resource_server: c.audience === undefined ? undefined : { identifier: c.audience },
    refresh_token: undefined,
    session: undefined,
    authentication: { methods: (METHODS[c.methods] ?? []).map((m) => ({ ...m })) },
    custom_domain: custom,
  };
}

/** Every kind of login: browser flows, refresh-token exchanges, other grants, SAML/WS-Fed, and none. */
export function loginArbitrary(o: LoginOptions): fc.Arbitrary<Login> {
  const otherGrants = fc.constantFrom(...(Object.keys(GRANTS) as TokenProtocol[]).filter((p) => p !== 'oauth2-refresh-token'));
  return fc.oneof(
    { weight: 6, arbitrary: browserLogin(o) },
    { weight: 3, arbitrary: tokenEndpointLogin(o, fc.constant('oauth2-refresh-token')) },
    { weight: 2, arbitrary: tokenEndpointLogin(o, otherGrants) },
    { weight: 1, arbitrary: federationLogin(o) },
    // The transaction is optional in Auth0's event type.
    { weight: 1, arbitrary: browserLogin(o).map((login) => ({ ...login, transaction: undefined })) },
  );
}
