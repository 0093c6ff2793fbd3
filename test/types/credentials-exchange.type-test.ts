// Type-level tests of the credentials-exchange v2 types, ours and as `@auth0/actions/credentials-exchange/v2`
// (tsconfig paths → the same types). `npm test` type-checks this file; each @ts-expect-error must meet a
// real error, so a type that became too loose fails the build.
import type { Configuration, CredentialsExchangeAction, CredentialsExchangeAPI, Event, Secrets } from '@auth0/actions/credentials-exchange/v2';
import type { CredentialsExchangeAction as Module, CredentialsExchangeApi, CredentialsExchangeEvent, PostLoginApi, PostLoginEvent } from '../../src/types/index.ts';

// The official names are our types, not looser copies of them.
export const sameEvent = (e: Event): CredentialsExchangeEvent => e;
export const sameApi = (a: CredentialsExchangeAPI): CredentialsExchangeApi => a;

export const good: Module = {
  onExecuteCredentialsExchange: async (event, api) => {
    const tenant: string | undefined = event.client.metadata['tenant_id'];
    if (tenant === undefined) {
      api.access.deny('invalid_request', 'This client has no tenant_id in its metadata.');
      return;
    }
    api.accessToken.setCustomClaim('https://claims.example.com/tenant_id', tenant).accessToken.setCustomClaim('https://claims.example.com/api', event.resource_server.identifier);
    api.accessToken.setCustomClaim('https://claims.example.com/scopes', event.accessToken.scope);
    api.transaction.addTargetScope('read:reports');
    const cached = api.cache.get('plan');
    if (cached === undefined) api.cache.set('plan', 'free', { ttl: 60_000 });
  },
};

export const official: CredentialsExchangeAction = async (event, api) => {
  const secrets: Secrets = event.secrets;
  const configuration: Configuration = event.configuration;
  api.accessToken.setCustomClaim('https://claims.example.com/keys', Object.keys({ ...secrets, ...configuration }));
  // Deny with only a code: the reason is optional.
  if (event.transaction.requested_scopes.includes('admin')) api.access.deny('invalid_scope');
};

export const notAsync: CredentialsExchangeAction =
  // @ts-expect-error: a handler must return a Promise (Auth0 refuses one that is not async)
  (_event, _api) => undefined;

export function misuse(event: CredentialsExchangeEvent, api: CredentialsExchangeApi): void {
  // @ts-expect-error: Auth0 takes only invalid_scope, invalid_request or server_error
  api.access.deny('access_denied', 'nope');
  // @ts-expect-error: deny needs the OAuth error code (post-login's deny(reason) does not fit)
  api.access.deny();
  // @ts-expect-error: machine tokens have no ID token
  api.idToken.setCustomClaim('https://claims.example.com/x', 1);
  // @ts-expect-error: scopes change through api.transaction's target scopes, not accessToken.addScope
  api.accessToken.addScope('read:reports');
  // @ts-expect-error: a function cannot be put into a token
  api.accessToken.setCustomClaim('https://claims.example.com/f', () => 1);
  // @ts-expect-error: a Date is not JSON; send its ISO string
  api.accessToken.setCustomClaim('https://claims.example.com/d', new Date());
  // @ts-expect-error: there is no user in a client-credentials exchange
  api.accessToken.setCustomClaim('https://claims.example.com/u', event.user);
  // @ts-expect-error: the token request has no query string
  api.accessToken.setCustomClaim('https://claims.example.com/q', event.request.query);
  // @ts-expect-error: the organization may be absent
  api.accessToken.setCustomClaim('https://claims.example.com/o', event.organization.id);
  // @ts-expect-error: client metadata values are strings, not numbers
  const n: number = event.client.metadata['tier'] ?? 0;
  void n;
}

// The two triggers' surfaces do not mix: a post-login handler is not a credentials-exchange one.
export function notInterchangeable(postLogin: (event: PostLoginEvent, api: PostLoginApi) => Promise<void>): CredentialsExchangeAction {
  // @ts-expect-error: a post-login handler expects a user and post-login's api
  return postLogin;
}
