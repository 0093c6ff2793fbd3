// The post-login v3 `event`, complete, from Auth0's published reference (docs: actions/reference/
// post-login/post-login-event-object) and the @auth0/actions type definitions. Optional properties are
// optional exactly where Auth0 may leave them out. Open-ended shapes are `unknown`, never `any`.

export type Confidence = 'low' | 'medium' | 'high' | 'neutral';

export interface GeoIp {
  cityName?: string;
  continentCode?: string;
  countryCode?: string;
  countryCode3?: string;
  countryName?: string;
  latitude?: number;
  longitude?: number;
  subdivisionCode?: string;
  subdivisionName?: string;
  timeZone?: string;
  [key: string]: unknown;
}

export interface AuthenticationMethod {
  /** 'federated' | 'pwd' | 'passkey' | 'sms' | 'email' | 'phone_number' | 'mock' | 'mfa' | a custom URL */
  name: string;
  /** ISO 8601 */
  timestamp: string;
  /** Undocumented; seen on `mfa` methods, for example 'email'. */
  type?: string;
}

export interface RiskAssessment {
  confidence: Confidence;
  version: string;
  assessments: {
    ImpossibleTravel?: {
      code:
        | 'minimal_travel_from_last_login'
        | 'travel_from_last_login'
        | 'substantial_travel_from_last_login'
        | 'impossible_travel_from_last_login'
        | 'invalid_travel'
        | 'missing_geoip'
        | 'anonymous_proxy'
        | 'unknown_location'
        | 'initial_login'
        | 'location_history_not_found'
        | 'assessment_not_available';
      confidence: Confidence;
    };
    NewDevice?: {
      code: 'match' | 'partial_match' | 'no_match' | 'initial_login' | 'unknown_device' | 'no_device_history' | 'assessment_not_available';
      confidence: Confidence;
      details?: { device?: 'known' | 'unknown'; useragent?: 'known' | 'unknown' };
    };
    UntrustedIP?: {
      code: 'not_found_on_deny_list' | 'found_on_deny_list' | 'invalid_ip_address' | 'assessment_not_available';
      confidence: Confidence;
      details?: { category?: string; ip?: string; matches?: string; source?: string };
    };
    AgentDetection?: {
      code: 'unknown' | 'verified_agent';
      confidence: Confidence;
      details?: { provider?: string };
    };
  };
  /** Early Access: signals from third-party providers. */
  supplemental?: {
    akamai?: {
      akamaiBot?: {
        type?: string;
        action?: string;
        botCategory?: string[];
        botScore?: number;
        botScoreResponseSegment?: string;
        botnetId?: string;
      };
      akamaiUserRisk?: {
        action?: string;
        allow?: number;
        emailDomain?: string;
        general?: Record<string, unknown>;
        ouid?: string;
        requestid?: string;
        risk?: Record<string, unknown>;
        score?: number;
        status?: number;
        trust?: Record<string, unknown>;
        username?: string;
        uuid?: string;
      };
    };
    [provider: string]: unknown;
  };
}

export interface DeviceInfo {
  initial_asn?: string;
  initial_ip?: string;
  initial_user_agent?: string;
  last_asn?: string;
  last_ip?: string;
  last_user_agent?: string;
}

export interface Identity {
  connection?: string;
  isSocial?: boolean;
  provider?: string;
  user_id?: string;
  profileData?: Record<string, string>;
  [key: string]: unknown;
}

export interface EventUser {
  user_id: string;
  created_at: string;
  updated_at: string;
  email_verified: boolean;
  /** Always an object in Actions (it could be undefined in Rules). */
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  identities: Identity[];
  email?: string;
  family_name?: string;
  given_name?: string;
  name?: string;
  nickname?: string;
  phone_number?: string;
  phone_verified?: boolean;
  picture?: string;
  username?: string;
  last_password_reset?: string;
  /** Enrolled MFA providers. */
  multifactor?: string[];
  enrolledFactors?: Array<{ type: string; options?: Record<string, unknown>; [key: string]: unknown }>;
  [key: string]: unknown;
}

export type TransactionProtocol =
  | 'oidc-basic-profile'
  | 'oidc-ciba'
  | 'oidc-ciba-web-link'
  | 'oidc-implicit-profile'
  | 'oauth2-device-code'
  | 'oauth2-resource-owner'
  | 'oauth2-resource-owner-jwt-bearer'
  | 'oauth2-password'
  | 'oauth2-webauthn'
  | 'oauth2-access-token'
  | 'oauth2-refresh-token'
  | 'oauth2-token-exchange'
  | 'oidc-hybrid-profile'
  | 'samlp'
  | 'wsfed'
  | 'wstrust-usernamemixed';

export interface Actor {
  sub: string;
  act?: Actor;
}

export interface Transaction {
  /** Present in all browser-based flows. */
  id?: string;
  acr_values?: string[];
  ui_locales?: string[];
  prompt?: string[];
  requested_scopes?: string[];
  response_type?: Array<'code' | 'token' | 'id_token'>;
  response_mode?: 'query' | 'fragment' | 'form_post' | 'web_message';
  protocol?: TransactionProtocol;
  redirect_uri?: string;
  state?: string;
  locale?: string;
  login_hint?: string;
  linking_id?: string;
  correlation_id?: string;
  /** Rich Authorization Requests. */
  requested_authorization_details?: Array<{ type: string; [key: string]: unknown }>;
  actor?: Actor;
  actor_token_type?: string;
  subject_token_type?: string;
  /** Always present inside a transaction; updated at once by api.transaction.setMetadata. */
  metadata: Record<string, string | number | boolean>;
  /** Starts as the requested scopes; changes accumulate across Actions (feature-flagged at Auth0). */
  target_scopes?: string[];
  [key: string]: unknown;
}

export interface RefreshTokenInfo {
  id: string;
  created_at: string;
  client_id?: string;
  user_id?: string;
  session_id?: string;
  expires_at?: string;
  idle_expires_at?: string;
  last_exchanged_at?: string;
  rotating?: boolean;
  device?: DeviceInfo;
  resource_servers?: Array<{ audience: string; /** space-separated */ scopes: string }>;
  metadata?: Record<string, unknown>;
  session_transfer?: { parent_refresh_token?: { id?: string } };
  /** Undocumented: api.refreshToken.* throws when it is 'online'. */
  access?: 'online' | 'offline';
}

export interface SessionInfo {
  id: string;
  /** Delegated sessions. */
  actor?: { sub: string; [key: string]: string | number | boolean | null };
  authenticated_at?: string;
  created_at?: string;
  updated_at?: string;
  expires_at?: string;
  idle_expires_at?: string;
  last_interacted_at?: string;
  user_id?: string;
  clients?: Array<{ client_id: string }>;
  cookie?: { mode: 'persistent' | 'non-persistent' };
  device?: DeviceInfo;
  metadata?: Record<string, unknown>;
  session_transfer?: { parent_refresh_token?: { id?: string; metadata?: Record<string, unknown> } };
}

export interface Organization {
  id: string;
  name: string;
  display_name: string;
  metadata: Record<string, string>;
  [key: string]: unknown;
}

export interface PostLoginEvent {
  readonly secrets: Readonly<Record<string, string>>;
  readonly configuration: Readonly<Record<string, string>>;
  /** Early Access. */
  agent?: { agent_id: string; agent_metadata: Record<string, string>; name: string };
  authentication?: {
    methods: AuthenticationMethod[];
    riskAssessment?: RiskAssessment;
  };
  /** Names of the user's assigned roles; may be absent. */
  authorization?: { roles: string[] };
  client: {
    client_id: string;
    metadata: Record<string, string>;
    name: string;
    /** Early Access: multi-resource refresh tokens. */
    refresh_token?: { policies?: Array<{ audience?: string; scope?: string[] }> };
    /** Undocumented. */
    authentication?: {
      type: string;
      certificate?: { raw?: string; subject?: string; subjectAltName?: string; thumbprint256?: string };
    };
    external_client_id?: string;
    external_metadata_type?: string;
  };
  connection: { id: string; name: string; strategy: string; metadata?: Record<string, string> };
  custom_domain?: { domain: string; domain_metadata: Record<string, string> };
  organization?: Organization;
  /** Data from a custom prompt rendered with api.prompt.render. */
  prompt?: { id: string; fields?: Record<string, unknown>; vars?: Record<string, unknown> };
  /** Enterprise: filled in refresh-token exchanges. */
  refresh_token?: RefreshTokenInfo;
  request: {
    ip: string;
    method: string;
    asn?: string;
    hostname?: string;
    language?: string;
    user_agent?: string;
    query: Record<string, unknown>;
    body: Record<string, unknown>;
    geoip: GeoIp;
  };
  /** The requested API audience, when the login asked for one. */
  resource_server?: { identifier: string };
  security_context?: { ja3?: string; ja4?: string };
  session?: SessionInfo;
  /** Early Access. */
  session_transfer_token?: {
    client_id: string;
    scope: string[];
    request: { ip: string; asn?: string; user_agent?: string; geoip?: GeoIp };
  };
  stats: { logins_count: number };
  tenant: { id: string };
  transaction?: Transaction;
  user: EventUser;
  /** Undocumented. */
  anonymous_session?: { user_id: string; session_id: string; created_at: string; expires_at: string; metadata?: Record<string, unknown> };
  /** Undocumented. */
  experiment?: {
    experiment_id: string;
    variation_id: string;
    variation_name: string;
    variation_description?: string;
    config?: Record<string, unknown>;
    is_control: boolean;
  };
}
