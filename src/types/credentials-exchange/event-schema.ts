// The credentials-exchange event's shape as a schema table, kept next to event.ts: `obj<T>()` makes the
// compiler demand every key of each type with its optionality, so a change to event.ts that is not made
// here fails the type-check. Used to validate event files (`claimkit run --trigger credentials-exchange`).
import { arr, json, obj, opt, rec, str, type Schema } from '../../lib/schema.ts';
import { agent, clientAuthentication, customDomain, geoip, organization } from '../event-schema.ts';
import type { CredentialsExchangeClient, CredentialsExchangeEvent, CredentialsExchangeRequest, CredentialsExchangeTransaction } from './event.ts';

const strings = rec(str);

const client: Schema<CredentialsExchangeClient> = obj<CredentialsExchangeClient>('the application', {
  client_id: str,
  metadata: strings,
  name: str,
  authentication: opt(clientAuthentication),
});

const request: Schema<CredentialsExchangeRequest> = obj<CredentialsExchangeRequest>('the token request', {
  body: rec(json),
  geoip,
  hostname: opt(str),
  ip: str,
  language: opt(str),
  method: str,
  user_agent: opt(str),
});

const transaction: Schema<CredentialsExchangeTransaction> = obj<CredentialsExchangeTransaction>('the transaction', {
  correlation_id: opt(str),
  requested_scopes: arr(str),
  target_scopes: opt(arr(str)),
});

type AccessToken = CredentialsExchangeEvent['accessToken'];

/** The complete credentials-exchange v2 event. */
export const CREDENTIALS_EXCHANGE_EVENT: Schema<CredentialsExchangeEvent> = obj<CredentialsExchangeEvent>('the credentials-exchange event', {
  secrets: strings,
  configuration: strings,
  accessToken: obj<AccessToken>('the access token to be issued', { customClaims: rec(json), scope: arr(str) }),
  agent: opt(agent),
  client,
  custom_domain: opt(customDomain),
  organization: opt(organization),
  request,
  resource_server: obj<CredentialsExchangeEvent['resource_server']>('the API', { identifier: str }),
  tenant: obj<CredentialsExchangeEvent['tenant']>('the tenant', { id: str }),
  transaction,
});
