// The credentials-exchange v2 `event`, complete, from Auth0's published reference (docs: "Actions Triggers:
// credentials-exchange - Event Object", customize/actions/explore-triggers/machine-to-machine-trigger/
// credentials-exchange-event-object) and the @auth0/actions definitions. It runs once per token request
// of the client-credentials grant (POST /oauth/token), before the access token is returned. Optional
// properties are optional exactly where Auth0 may leave them out; open-ended shapes are `unknown`.
import type { GeoIp, Organization, PostLoginEvent } from '../event.ts';

/** [Early Access] The agent a client is linked to ("agents as principals"); absent otherwise. */
export type CredentialsExchangeAgent = NonNullable<PostLoginEvent['agent']>;

/** The application (client) requesting the token. */
export interface CredentialsExchangeClient {
  client_id: string;
  /** Application metadata (`client_metadata`): string values only. */
  metadata: Record<string, string>;
  name: string;
  /** Undocumented: mTLS client authentication, as in Auth0's own sample event. */
  authentication?: PostLoginEvent['client']['authentication'];
}

/** The token request: POST /oauth/token. Unlike post-login's, it has no `query`. */
export interface CredentialsExchangeRequest {
  /** The POST body ("only available during refresh token, Client Credential Exchange flows and PreUserRegistration"). */
  body: Record<string, unknown>;
  geoip: GeoIp;
  hostname?: string;
  ip: string;
  language?: string;
  method: string;
  user_agent?: string;
}

export interface CredentialsExchangeTransaction {
  correlation_id?: string;
  /** The scopes the request named (its `scope` parameter); empty when it named none. */
  requested_scopes: string[];
  /**
   * [Early Access] The live target scope set: starts as the scopes to be issued, changed at once by
   * api.transaction's target-scope methods; after the Actions it is intersected with the client grant.
   */
  target_scopes?: string[];
}

export interface CredentialsExchangeEvent {
  readonly secrets: Readonly<Record<string, string>>;
  /** Private in Auth0's types; always empty. */
  readonly configuration: Readonly<Record<string, string>>;
  /** The access token to be issued: its scopes (the client grant's, narrowed by the request) and custom claims. */
  accessToken: {
    customClaims: Record<string, unknown>;
    scope: string[];
  };
  agent?: CredentialsExchangeAgent;
  client: CredentialsExchangeClient;
  custom_domain?: { domain: string; domain_metadata: Record<string, string> };
  /** The organization the request named (`organization` parameter), when it named one. */
  organization?: Organization;
  request: CredentialsExchangeRequest;
  /** The API the token is for: the request's `audience`. Always present. */
  resource_server: { identifier: string };
  tenant: { id: string };
  transaction: CredentialsExchangeTransaction;
}
