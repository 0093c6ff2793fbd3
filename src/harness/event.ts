import type { GeoIp, PostLoginEvent } from '../types/event.ts';
import { deepMerge, type DeepPartial } from './clone.ts';

export type EventOverrides = DeepPartial<PostLoginEvent>;

export const DEFAULT_TENANT = 'claimkit-dev';
const HOST = `${DEFAULT_TENANT}.us.auth0.com`;
const CREATED = '2025-03-14T09:26:53.000Z';
const UPDATED = '2026-11-20T08:15:00.000Z';
const LOGIN = '2026-11-24T10:00:00.000Z';

/** Where Auth0's sample events come from (the @auth0/actions test helpers): Bellevue, WA. */
export const SAMPLE_GEOIP: GeoIp = {
  cityName: 'Bellevue',
  continentCode: 'NA',
  countryCode: 'US',
  countryCode3: 'USA',
  countryName: 'United States of America',
  latitude: 47.61793,
  longitude: -122.19584,
  subdivisionCode: 'WA',
  subdivisionName: 'Washington',
  timeZone: 'America/Los_Angeles',
};

// Modelled on Auth0's own sample event (@auth0/actions test helpers): every property Auth0 always sends
// is filled; optional parts that depend on the login (organization, resource_server, refresh_token) are
// left out so an override adds them deliberately.
const DEFAULT_EVENT: PostLoginEvent = {
  secrets: {},
  configuration: {},
  authentication: { methods: [{ name: 'pwd', timestamp: LOGIN }] },
  authorization: { roles: [] },
  client: { client_id: 'gmOWNgklfRm4tyl5YYnl3JDSJy19h1bR', name: 'Claims Demo SPA', metadata: {} },
  connection: { id: 'con_fpe5kj482KO1eOzQ', name: 'Username-Password-Authentication', strategy: 'auth0', metadata: {} },
  request: {
    ip: '13.33.86.47',
    asn: 'AS13335',
    method: 'GET',
    hostname: HOST,
    language: 'en',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    query: {
      protocol: 'oauth2',
      client_id: 'gmOWNgklfRm4tyl5YYnl3JDSJy19h1bR',
      response_type: 'code',
      connection: 'Username-Password-Authentication',
      scope: 'openid profile email',
      redirect_uri: 'http://localhost:3000/callback',
      state: 'AABBccddEEFFGGTTasrs',
    },
    body: {},
    geoip: { ...SAMPLE_GEOIP },
  },
  session: { id: 'sess_4Yh2kQ8vN1xZ' },
  stats: { logins_count: 62 },
  tenant: { id: DEFAULT_TENANT },
  transaction: {
    id: 'nZniEmn3ejOpcV46_ac1CxJCuO_gAuwR',
    acr_values: [],
    locale: 'en',
    ui_locales: ['en'],
    prompt: [],
    requested_scopes: ['openid', 'profile', 'email'],
    protocol: 'oidc-basic-profile',
    redirect_uri: 'http://localhost:3000/callback',
    response_mode: 'query',
    response_type: ['code'],
    state: 'AABBccddEEFFGGTTasrs',
    correlation_id: 'c0rr3l4t10n',
    metadata: {},
  },
  user: {
    user_id: 'auth0|5f7c8ec7c33c6c004bbafe82',
    created_at: CREATED,
    updated_at: UPDATED,
    last_password_reset: CREATED,
    email: 'j+smith@example.com',
    email_verified: true,
    family_name: 'Smith',
    given_name: 'John',
    name: 'John Smith',
    nickname: 'j+smith',
    username: 'jsmith',
    phone_number: '18882352699',
    phone_verified: false,
    picture: 'https://www.gravatar.com/avatar/?d=identicon',
    app_metadata: {},
    user_metadata: {},
    identities: [
      {
        connection: 'Username-Password-Authentication',
        isSocial: false,
        provider: 'auth0',
        user_id: '5f7c8ec7c33c6c004bbafe82',
        profileData: {},
      },
    ],
    multifactor: [],
    enrolledFactors: [],
  },
};

/**
 * A realistic, complete post-login event. `overrides` is deep-partial: objects merge key by key, arrays
 * and other values replace, and `undefined` removes an optional part (e.g. `{ authorization: undefined }`).
 */
export function makeEvent(overrides: EventOverrides = {}): PostLoginEvent {
  return deepMerge(DEFAULT_EVENT, overrides);
}
