// The post-login event's shape as a schema table, kept next to event.ts: `obj<T>()` makes the compiler
// demand every key of each type with its optionality, so a change to event.ts that is not made here
// fails the type-check. Used to validate event files (`claimkit run --event`, `--continue`).
import { arr, bool, json, lazy, num, nul, obj, oneOf, opt, rec, str, union, type Schema } from '../lib/schema.ts';
import type {
  Actor,
  AuthenticationMethod,
  DeviceInfo,
  EventUser,
  GeoIp,
  Identity,
  Organization,
  PostLoginEvent,
  RefreshTokenInfo,
  RiskAssessment,
  SessionInfo,
  Transaction,
} from './event.ts';

type Of<T> = Schema<T>;
type Assessments = RiskAssessment['assessments'];
type Req<T> = NonNullable<T>;

const strings = rec(str);
const confidence = oneOf('low', 'medium', 'high', 'neutral');

export const geoip: Of<GeoIp> = obj<GeoIp>(
  'the IP address geolocation',
  {
    cityName: opt(str),
    continentCode: opt(str),
    countryCode: opt(str),
    countryCode3: opt(str),
    countryName: opt(str),
    latitude: opt(num),
    longitude: opt(num),
    subdivisionCode: opt(str),
    subdivisionName: opt(str),
    timeZone: opt(str),
  },
  json,
);

const method: Of<AuthenticationMethod> = obj<AuthenticationMethod>('an authentication method', { name: str, timestamp: str, type: opt(str) });

const assessments: Of<Assessments> = obj<Assessments>('the risk assessments', {
  ImpossibleTravel: opt(
    obj<Req<Assessments['ImpossibleTravel']>>('the ImpossibleTravel assessment', {
      code: oneOf(
        'minimal_travel_from_last_login',
        'travel_from_last_login',
        'substantial_travel_from_last_login',
        'impossible_travel_from_last_login',
        'invalid_travel',
        'missing_geoip',
        'anonymous_proxy',
        'unknown_location',
        'initial_login',
        'location_history_not_found',
        'assessment_not_available',
      ),
      confidence,
    }),
  ),
  NewDevice: opt(
    obj<Req<Assessments['NewDevice']>>('the NewDevice assessment', {
      code: oneOf('match', 'partial_match', 'no_match', 'initial_login', 'unknown_device', 'no_device_history', 'assessment_not_available'),
      confidence,
      details: opt(obj<Req<Req<Assessments['NewDevice']>['details']>>('the device details', { device: opt(oneOf('known', 'unknown')), useragent: opt(oneOf('known', 'unknown')) })),
    }),
  ),
  UntrustedIP: opt(
    obj<Req<Assessments['UntrustedIP']>>('the UntrustedIP assessment', {
      code: oneOf('not_found_on_deny_list', 'found_on_deny_list', 'invalid_ip_address', 'assessment_not_available'),
      confidence,
      details: opt(obj<Req<Req<Assessments['UntrustedIP']>['details']>>('the IP details', { category: opt(str), ip: opt(str), matches: opt(str), source: opt(str) })),
    }),
  ),
  AgentDetection: opt(
    obj<Req<Assessments['AgentDetection']>>('the AgentDetection assessment', {
      code: oneOf('unknown', 'verified_agent'),
      confidence,
      details: opt(obj<Req<Req<Assessments['AgentDetection']>['details']>>('the agent details', { provider: opt(str) })),
    }),
  ),
});

type Supplemental = Req<RiskAssessment['supplemental']>;
type Akamai = Req<Supplemental['akamai']>;
const supplemental: Of<Supplemental> = obj<Supplemental>(
  'supplemental risk signals',
  {
    akamai: opt(
      obj<Akamai>('the Akamai signals', {
        akamaiBot: opt(
          obj<Req<Akamai['akamaiBot']>>('the Akamai bot signal', {
            type: opt(str),
            action: opt(str),
            botCategory: opt(arr(str)),
            botScore: opt(num),
            botScoreResponseSegment: opt(str),
            botnetId: opt(str),
          }),
        ),
        akamaiUserRisk: opt(
          obj<Req<Akamai['akamaiUserRisk']>>('the Akamai user risk signal', {
            action: opt(str),
            allow: opt(num),
            emailDomain: opt(str),
            general: opt(rec(json)),
            ouid: opt(str),
            requestid: opt(str),
            risk: opt(rec(json)),
            score: opt(num),
            status: opt(num),
            trust: opt(rec(json)),
            username: opt(str),
            uuid: opt(str),
          }),
        ),
      }),
    ),
  },
  json,
);

const riskAssessment: Of<RiskAssessment> = obj<RiskAssessment>('the risk assessment', { confidence, version: str, assessments, supplemental: opt(supplemental) });

const device: Of<DeviceInfo> = obj<DeviceInfo>('the device', {
  initial_asn: opt(str),
  initial_ip: opt(str),
  initial_user_agent: opt(str),
  last_asn: opt(str),
  last_ip: opt(str),
  last_user_agent: opt(str),
});

const identity: Of<Identity> = obj<Identity>(
  'an identity',
  { connection: opt(str), isSocial: opt(bool), provider: opt(str), user_id: opt(str), profileData: opt(strings) },
  json,
);

type Factor = Req<EventUser['enrolledFactors']>[number];
const user: Of<EventUser> = obj<EventUser>(
  'the user',
  {
    user_id: str,
    created_at: str,
    updated_at: str,
    email_verified: bool,
    app_metadata: rec(json),
    user_metadata: rec(json),
    identities: arr(identity),
    email: opt(str),
    family_name: opt(str),
    given_name: opt(str),
    name: opt(str),
    nickname: opt(str),
    phone_number: opt(str),
    phone_verified: opt(bool),
    picture: opt(str),
    username: opt(str),
    last_password_reset: opt(str),
    multifactor: opt(arr(str)),
    enrolledFactors: opt(arr(obj<Factor>('an enrolled factor', { type: str, options: opt(rec(json)) }, json))),
  },
  json,
);

const actor: Of<Actor> = obj<Actor>('the actor', { sub: str, act: opt(lazy('the actor', () => actor)) });

const transaction: Of<Transaction> = obj<Transaction>(
  'the transaction',
  {
    id: opt(str),
    acr_values: opt(arr(str)),
    ui_locales: opt(arr(str)),
    prompt: opt(arr(str)),
    requested_scopes: opt(arr(str)),
    response_type: opt(arr(oneOf('code', 'token', 'id_token'))),
    response_mode: opt(oneOf('query', 'fragment', 'form_post', 'web_message')),
    protocol: opt(
      oneOf(
        'oidc-basic-profile',
        'oidc-ciba',
        'oidc-ciba-web-link',
        'oidc-implicit-profile',
        'oauth2-device-code',
        'oauth2-resource-owner',
        'oauth2-resource-owner-jwt-bearer',
        'oauth2-password',
        'oauth2-webauthn',
        'oauth2-access-token',
        'oauth2-refresh-token',
        'oauth2-token-exchange',
        'oidc-hybrid-profile',
        'samlp',
        'wsfed',
        'wstrust-usernamemixed',
      ),
    ),
    redirect_uri: opt(str),
    state: opt(str),
    locale: opt(str),
    login_hint: opt(str),
    linking_id: opt(str),
    correlation_id: opt(str),
    requested_authorization_details: opt(arr(obj<Req<Transaction['requested_authorization_details']>[number]>('an authorization detail', { type: str }, json))),
    actor: opt(actor),
    actor_token_type: opt(str),
    subject_token_type: opt(str),
    metadata: rec(union<string | number | boolean>(str, num, bool)),
    target_scopes: opt(arr(str)),
  },
  json,
);

const refreshToken: Of<RefreshTokenInfo> = obj<RefreshTokenInfo>('the refresh token', {
  id: str,
  created_at: str,
  client_id: opt(str),
  user_id: opt(str),
  session_id: opt(str),
  expires_at: opt(str),
  idle_expires_at: opt(str),
  last_exchanged_at: opt(str),
  rotating: opt(bool),
  device: opt(device),
  resource_servers: opt(arr(obj<Req<RefreshTokenInfo['resource_servers']>[number]>('a resource server', { audience: str, scopes: str }))),
  metadata: opt(rec(json)),
  session_transfer: opt(
    obj<Req<RefreshTokenInfo['session_transfer']>>('the session transfer', { parent_refresh_token: opt(obj<{ id?: string }>('the parent refresh token', { id: opt(str) })) }),
  ),
  access: opt(oneOf('online', 'offline')),
});

type SessionActor = Req<SessionInfo['actor']>;
type SessionTransfer = Req<SessionInfo['session_transfer']>;
const session: Of<SessionInfo> = obj<SessionInfo>('the session', {
  id: str,
  actor: opt(obj<SessionActor>('the session actor', { sub: str }, union<string | number | boolean | null>(str, num, bool, nul))),
  authenticated_at: opt(str),
  created_at: opt(str),
  updated_at: opt(str),
  expires_at: opt(str),
  idle_expires_at: opt(str),
  last_interacted_at: opt(str),
  user_id: opt(str),
  clients: opt(arr(obj<{ client_id: string }>('a client', { client_id: str }))),
  cookie: opt(obj<Req<SessionInfo['cookie']>>('the cookie', { mode: oneOf('persistent', 'non-persistent') })),
  device: opt(device),
  metadata: opt(rec(json)),
  session_transfer: opt(
    obj<SessionTransfer>('the session transfer', {
      parent_refresh_token: opt(
        obj<Req<SessionTransfer['parent_refresh_token']>>('the parent refresh token', { id: opt(str), metadata: opt(rec(json)) }),
      ),
    }),
  ),
});

export const organization: Of<Organization> = obj<Organization>('the organization', { id: str, name: str, display_name: str, metadata: strings }, json);

type Client = PostLoginEvent['client'];
type ClientAuthentication = Req<Client['authentication']>;
export const clientAuthentication: Of<ClientAuthentication> = obj<ClientAuthentication>('the client authentication', {
  type: str,
  certificate: opt(
    obj<Req<ClientAuthentication['certificate']>>('the client certificate', { raw: opt(str), subject: opt(str), subjectAltName: opt(str), thumbprint256: opt(str) }),
  ),
});
const client: Of<Client> = obj<Client>('the application', {
  client_id: str,
  metadata: strings,
  name: str,
  refresh_token: opt(
    obj<Req<Client['refresh_token']>>('the refresh token policies', {
      policies: opt(arr(obj<{ audience?: string; scope?: string[] }>('a policy', { audience: opt(str), scope: opt(arr(str)) }))),
    }),
  ),
  authentication: opt(clientAuthentication),
  external_client_id: opt(str),
  external_metadata_type: opt(str),
});

type Request = PostLoginEvent['request'];
const request: Of<Request> = obj<Request>("the login's HTTP request", {
  ip: str,
  method: str,
  asn: opt(str),
  hostname: opt(str),
  language: opt(str),
  user_agent: opt(str),
  query: rec(json),
  body: rec(json),
  geoip,
});

export const agent: Of<Req<PostLoginEvent['agent']>> = obj<Req<PostLoginEvent['agent']>>('the agent', { agent_id: str, agent_metadata: strings, name: str });
export const customDomain: Of<Req<PostLoginEvent['custom_domain']>> = obj<Req<PostLoginEvent['custom_domain']>>('the custom domain', { domain: str, domain_metadata: strings });

type Stt = Req<PostLoginEvent['session_transfer_token']>;
type Anonymous = Req<PostLoginEvent['anonymous_session']>;
type Experiment = Req<PostLoginEvent['experiment']>;

/** The complete post-login v3 event. */
export const POST_LOGIN_EVENT: Schema<PostLoginEvent> = obj<PostLoginEvent>('the post-login event', {
  secrets: strings,
  configuration: strings,
  agent: opt(agent),
  authentication: opt(
    obj<Req<PostLoginEvent['authentication']>>('the authentication', { methods: arr(method), riskAssessment: opt(riskAssessment) }),
  ),
  authorization: opt(obj<Req<PostLoginEvent['authorization']>>("the user's roles", { roles: arr(str) })),
  client,
  connection: obj<PostLoginEvent['connection']>('the connection', { id: str, name: str, strategy: str, metadata: opt(strings) }),
  custom_domain: opt(customDomain),
  organization: opt(organization),
  prompt: opt(obj<Req<PostLoginEvent['prompt']>>('the custom prompt data', { id: str, fields: opt(rec(json)), vars: opt(rec(json)) })),
  refresh_token: opt(refreshToken),
  request,
  resource_server: opt(obj<Req<PostLoginEvent['resource_server']>>('the requested API', { identifier: str })),
  security_context: opt(obj<Req<PostLoginEvent['security_context']>>('the security context', { ja3: opt(str), ja4: opt(str) })),
  session: opt(session),
  session_transfer_token: opt(
    obj<Stt>('the session transfer token', {
      client_id: str,
      scope: arr(str),
      request: obj<Stt['request']>('the session transfer request', { ip: str, asn: opt(str), user_agent: opt(str), geoip: opt(geoip) }),
    }),
  ),
  stats: obj<PostLoginEvent['stats']>('the login statistics', { logins_count: num }),
  tenant: obj<PostLoginEvent['tenant']>('the tenant', { id: str }),
  transaction: opt(transaction),
  user,
  anonymous_session: opt(
    obj<Anonymous>('the anonymous session', { user_id: str, session_id: str, created_at: str, expires_at: str, metadata: opt(rec(json)) }),
  ),
  experiment: opt(
    obj<Experiment>('the experiment', {
      experiment_id: str,
      variation_id: str,
      variation_name: str,
      variation_description: opt(str),
      config: opt(rec(json)),
      is_control: bool,
    }),
  ),
});
