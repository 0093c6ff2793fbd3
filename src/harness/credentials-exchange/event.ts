import type { CredentialsExchangeEvent } from '../../types/credentials-exchange/event.ts';
import { deepMerge, type DeepPartial } from '../clone.ts';
import { DEFAULT_TENANT, SAMPLE_GEOIP } from '../event.ts';

export type CredentialsExchangeOverrides = DeepPartial<CredentialsExchangeEvent>;

const HOST = `${DEFAULT_TENANT}.us.auth0.com`;
const CLIENT_ID = 'Wk3mQ8zR2vT6yB9nC4xF7hJ1pL5sD0aG';
const AUDIENCE = 'https://api.example.com';
const SCOPES = ['read:reports'];

// Modelled on Auth0's own sample event (@auth0/actions credentials-exchange/v2 test helpers): every
// property Auth0 always sends is filled; the parts that depend on the request or the tenant
// (organization, custom_domain, agent) are left out so an override adds them deliberately. The POST
// body is what a client sends, without its client_secret (claimkit never hands a secret to Action code).
const DEFAULT_EVENT: CredentialsExchangeEvent = {
  secrets: {},
  configuration: {},
  accessToken: { customClaims: {}, scope: [...SCOPES] },
  client: { client_id: CLIENT_ID, name: 'Claims Demo Worker', metadata: {} },
  request: {
    ip: '13.33.86.47',
    method: 'POST',
    hostname: HOST,
    language: 'en',
    user_agent: 'node-fetch/1.0 (+https://github.com/node-fetch/node-fetch)',
    body: { grant_type: 'client_credentials', client_id: CLIENT_ID, audience: AUDIENCE },
    geoip: { ...SAMPLE_GEOIP },
  },
  resource_server: { identifier: AUDIENCE },
  tenant: { id: DEFAULT_TENANT },
  transaction: { requested_scopes: [] },
};

/**
 * A realistic, complete credentials-exchange event: a machine asking for a token for
 * https://api.example.com with the client grant's `read:reports`. `overrides` is deep-partial: objects
 * merge key by key, arrays and other values replace, and `undefined` removes an optional part.
 */
export function makeCredentialsExchangeEvent(overrides: CredentialsExchangeOverrides = {}): CredentialsExchangeEvent {
  return deepMerge(DEFAULT_EVENT, overrides);
}
