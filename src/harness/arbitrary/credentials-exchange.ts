import fc from 'fast-check';
import { ClaimkitError } from '../../errors.ts';
import type { CredentialsExchangeEvent } from '../../types/credentials-exchange/event.ts';
import { makeCredentialsExchangeEvent } from '../credentials-exchange/event.ts';
import { stringMetadata } from './metadata.ts';
import { organizationArbitrary } from './organization.ts';
import { freeText } from './strings.ts';

export interface ArbitraryExchangeOptions {
  /** APIs the machines ask tokens for (besides Auth0's Management API). Default: two example APIs. */
  audiences?: readonly string[];
  /** Machine-to-machine clients asking. Default: makeCredentialsExchangeEvent()'s client and a second one. */
  clientIds?: readonly string[];
  /** The scopes client grants draw from. Default: read:reports, write:reports, admin. */
  scopes?: readonly string[];
  /** event.client.metadata. Default: at most 10 keys of up to 255 characters, as Auth0 allows. */
  clientMetadata?: fc.Arbitrary<Record<string, string>>;
}

const DEFAULTS = makeCredentialsExchangeEvent();
const DEFAULT_AUDIENCES = ['https://api.example.com', 'urn:claimkit:reports'];
const DEFAULT_CLIENT_IDS = [DEFAULTS.client.client_id, 'Ph4sN7kQ1wE9rT3yU6iO0pA2sD5fG8hJ'];
const DEFAULT_SCOPES = ['read:reports', 'write:reports', 'admin'];
const HOST = DEFAULTS.request.hostname ?? `${DEFAULTS.tenant.id}.us.auth0.com`;

function validate(o: ArbitraryExchangeOptions): void {
  const nonEmpty = (list: readonly string[] | undefined) => list === undefined || (list.length > 0 && list.every((x) => typeof x === 'string' && x !== ''));
  if (!nonEmpty(o.clientIds)) throw new ClaimkitError('ERR_USAGE', 'arbitraryCredentialsExchangeEvent: clientIds must list at least one non-empty client id.');
  if (o.audiences?.some((a) => typeof a !== 'string' || a === '')) throw new ClaimkitError('ERR_USAGE', 'arbitraryCredentialsExchangeEvent: audiences must be non-empty strings.');
  if (o.scopes?.some((s) => typeof s !== 'string' || s === '' || /\s/.test(s))) throw new ClaimkitError('ERR_USAGE', 'arbitraryCredentialsExchangeEvent: scopes must be non-empty strings without whitespace.');
}

interface Parts {
  clientId: string;
  name: string;
  metadata: Record<string, string>;
  audience: string;
  grant: string[];
  /** undefined: the request named no scope (it gets the whole grant). */
  requested: string[] | undefined;
  organization: CredentialsExchangeEvent['organization'];
  customDomain: boolean;
  correlation: string | undefined;
  agent: boolean;
}

function assemble(p: Parts): CredentialsExchangeEvent {
  const requested = p.requested ?? [];
  // Auth0 issues the requested scopes the grant holds, or the whole grant when none were requested.
  const scope = p.requested === undefined ? p.grant : requested.filter((s) => p.grant.includes(s));
  const body: Record<string, unknown> = { grant_type: 'client_credentials', client_id: p.clientId, audience: p.audience };
  if (p.requested !== undefined) body['scope'] = requested.join(' ');
  if (p.organization) body['organization'] = p.organization.id;
  const custom = p.customDomain ? { domain: 'login.example.com', domain_metadata: {} } : undefined;
  const event = makeCredentialsExchangeEvent({
    accessToken: { customClaims: {}, scope },
    client: { client_id: p.clientId, name: p.name, metadata: p.metadata },
    resource_server: { identifier: p.audience },
    organization: p.organization,
    custom_domain: custom,
    agent: p.agent ? { agent_id: 'agt_7f3kQ9', name: 'Report bot', agent_metadata: {} } : undefined,
    transaction: { requested_scopes: requested, ...(p.correlation === undefined ? {} : { correlation_id: p.correlation }) },
  });
  // The body is the request's own: merging it with the default would mix two requests.
  event.request = { ...event.request, body, hostname: custom?.domain ?? HOST };
  // `metadata` is replaced whole, not merged with the default's.
  event.client.metadata = { ...p.metadata };
  return event;
}

/**
 * Credentials-exchange events Auth0 can really send, awkward ones included: client metadata missing or
 * odd, tokens for the Management API, a request naming no scope or scopes the grant lacks, empty
 * grants, organizations, custom domains, agents.
 */
export function arbitraryCredentialsExchangeEvent(options: ArbitraryExchangeOptions = {}): fc.Arbitrary<CredentialsExchangeEvent> {
  validate(options);
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  const audiences = [...(options.audiences ?? DEFAULT_AUDIENCES)];
  return fc
    .record({
      clientId: fc.constantFrom(...(options.clientIds ?? DEFAULT_CLIENT_IDS)),
      name: fc.oneof(fc.constantFrom('Claims Demo Worker', 'billing-sync'), freeText(100).filter((s) => s !== '')),
      metadata: options.clientMetadata ?? stringMetadata(10),
      audience: fc.oneof(
        { weight: 4, arbitrary: audiences.length > 0 ? fc.constantFrom(...audiences) : fc.constant(`https://${HOST}/api/v2/`) },
        { weight: 1, arbitrary: fc.constant(`https://${HOST}/api/v2/`) },
      ),
      grant: fc.subarray([...scopes]),
      requested: fc.option(fc.subarray([...scopes, 'not:granted']), { nil: undefined }),
      organization: fc.option(organizationArbitrary, { nil: undefined, freq: 3 }),
      customDomain: fc.nat(4).map((n) => n === 4),
      correlation: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{8,32}$/), { nil: undefined }),
      agent: fc.nat(9).map((n) => n === 9),
    })
    .map(assemble);
}
