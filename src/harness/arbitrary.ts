import fc from 'fast-check';
import { ClaimkitError } from '../errors.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { authorizationArbitrary, DEFAULT_MAX_ROLES, roleName } from './arbitrary/roles.ts';
import { loginArbitrary, type Login } from './arbitrary/login.ts';
import { stringMetadata, userMetadata } from './arbitrary/metadata.ts';
import { organizationArbitrary } from './arbitrary/organization.ts';
import { userArbitrary, type Who } from './arbitrary/user.ts';
import { makeEvent } from './event.ts';

export interface ArbitraryEventOptions {
  /** API audiences the logins ask for (besides none and Auth0's Management API). Default: two example APIs. */
  audiences?: readonly string[];
  /** Applications the logins come from. Default: makeEvent()'s client and a second one. */
  clientIds?: readonly string[];
  /** Most role names in event.authorization.roles. Default 300. */
  maxRoles?: number;
  /** Role names to draw from. Default: realistic and hostile names (unicode, prefixes, up to 255 long). */
  roleNames?: fc.Arbitrary<string>;
  /** event.user.app_metadata. Default: objects with missing keys and values of unexpected shapes. */
  appMetadata?: fc.Arbitrary<Record<string, unknown>>;
}

const DEFAULTS = makeEvent();
const DEFAULT_AUDIENCES = ['https://api.example.com', 'urn:claimkit:reports'];
const DEFAULT_CLIENT_IDS = [DEFAULTS.client.client_id, 'Xq7LmZ2pR9tK4vB8nW3cY6dF1hJ5gS0a'];

function validate(options: ArbitraryEventOptions): void {
  const { maxRoles, audiences, clientIds } = options;
  if (maxRoles !== undefined && !(Number.isSafeInteger(maxRoles) && maxRoles >= 0)) {
    throw new ClaimkitError('ERR_USAGE', `arbitraryEvent: maxRoles must be a whole number ≥ 0; got ${String(maxRoles)}.`);
  }
  if (audiences?.some((a) => typeof a !== 'string' || a === '')) throw new ClaimkitError('ERR_USAGE', 'arbitraryEvent: audiences must be non-empty strings.');
  if (clientIds !== undefined && (clientIds.length === 0 || clientIds.some((c) => typeof c !== 'string' || c === ''))) {
    throw new ClaimkitError('ERR_USAGE', 'arbitraryEvent: clientIds must list at least one non-empty client id.');
  }
}

interface Parts {
  login: Login;
  who: Who;
  authorization: { roles: string[] } | undefined;
  organization: PostLoginEvent['organization'];
  clientMetadata: Record<string, string>;
  loginsCount: number;
}

/** Starts from makeEvent(), so every part Auth0 always sends stays valid, and replaces what varies. */
function assemble({ login, who, authorization, organization, clientMetadata, loginsCount }: Parts): PostLoginEvent {
  const event = makeEvent({
    ...who,
    // `undefined` removes a part makeEvent() fills by default.
    authorization,
    authentication: login.authentication,
    session: login.session,
    organization,
    resource_server: login.resource_server,
    refresh_token: login.refresh_token,
    custom_domain: login.custom_domain,
    client: { client_id: login.clientId, metadata: clientMetadata },
    stats: { logins_count: loginsCount },
  });
  // The request and transaction are built whole: merging them with the defaults would mix two flows.
  event.request = { ...event.request, ...login.request };
  if (login.transaction === undefined) delete event.transaction;
  else event.transaction = login.transaction;
  return event;
}

/**
 * Post-login events Auth0 can really send, awkward ones included: no authorization or hundreds of
 * roles, organizations or none, no audience / an API / the Management API, metadata of unexpected
 * shapes, refresh-token exchanges and other grants, optional profile fields missing.
 */
export function arbitraryEvent(options: ArbitraryEventOptions = {}): fc.Arbitrary<PostLoginEvent> {
  validate(options);
  const login = loginArbitrary({
    audiences: options.audiences ?? DEFAULT_AUDIENCES,
    clientIds: options.clientIds ?? DEFAULT_CLIENT_IDS,
    tenantHost: DEFAULTS.request.hostname ?? `${DEFAULTS.tenant.id}.us.auth0.com`,
  });
  return fc
    .record({
      login,
      who: userArbitrary(options.appMetadata ?? userMetadata, userMetadata),
      authorization: authorizationArbitrary(options.maxRoles ?? DEFAULT_MAX_ROLES, options.roleNames ?? roleName),
      organization: fc.option(organizationArbitrary, { nil: undefined, freq: 2 }),
      clientMetadata: stringMetadata(10),
      loginsCount: fc.oneof(fc.constantFrom(1, 2), fc.integer({ min: 1, max: 1_000_000 })),
    })
    .map(assemble);
}
