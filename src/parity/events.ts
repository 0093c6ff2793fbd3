// The logins parity runs on: claimkit's generated post-login events (every kind of login, awkward
// shapes included), with the values the Rule tests for mixed in so that its branches are reached.
import fc from 'fast-check';
import { arbitraryEvent } from '../harness/arbitrary.ts';
import { metadataValue } from '../harness/arbitrary/metadata.ts';
import { roleName } from '../harness/arbitrary/roles.ts';
import { makeEvent } from '../harness/event.ts';
import type { PostLoginEvent } from '../types/event.ts';
import type { RuleLiterals } from './literals.ts';

export interface ParityEventOptions {
  literals: RuleLiterals;
  /** API audiences the project declares (tenant.yaml resourceServers). */
  audiences?: readonly string[];
}

const DEFAULTS = makeEvent();
const DEFAULT_AUDIENCES = ['https://api.example.com', 'urn:claimkit:reports'];
const DEFAULT_KEYS = ['roles', 'tenant_id', 'plan', 'permissions', 'groups', 'org_id', 'features', 'customer_id', 'locale'];

function withLiterals<T>(base: fc.Arbitrary<T>, literals: readonly T[], weight = 1): fc.Arbitrary<T> {
  return literals.length === 0 ? base : fc.oneof({ weight: 2, arbitrary: base }, { weight, arbitrary: fc.constantFrom(...literals) });
}

/**
 * Metadata whose keys include the ones the Rule reads, with values of every shape and the Rule's own
 * words. Never `null` at the root: Auth0 deletes a key written as null (Management API and api.user alike).
 */
function metadata(keys: readonly string[], words: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.constantFrom(...new Set([...keys, ...DEFAULT_KEYS]));
  const value = withLiterals<unknown>(metadataValue.filter((v) => v !== null), [...words, ...words.map((w) => [w]), true, false, 0, 1]);
  return fc.oneof({ weight: 1, arbitrary: fc.constant({}) }, { weight: 4, arbitrary: fc.dictionary(key, value, { maxKeys: 6, noNullPrototype: true }) });
}

/** Generated post-login events for parity runs. */
export function parityEvents(o: ParityEventOptions): fc.Arbitrary<PostLoginEvent> {
  const { literals } = o;
  const audiences = [...new Set([...DEFAULT_AUDIENCES, ...(o.audiences ?? []), ...literals.urls])];
  const clientIds = [...new Set([DEFAULTS.client.client_id, 'Xq7LmZ2pR9tK4vB8nW3cY6dF1hJ5gS0a', ...literals.clientIds])];
  const events = arbitraryEvent({
    audiences,
    clientIds,
    maxRoles: 40,
    roleNames: withLiterals(roleName, literals.words, 2),
    appMetadata: metadata(literals.metadataKeys, literals.words),
  });
  const domain = literals.emailDomains.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...literals.emailDomains), { nil: undefined, freq: 2 });
  const orgName = literals.words.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...literals.words), { nil: undefined, freq: 2 });
  // The application and connection the Rule tests for by name (clientName, connection, connectionStrategy).
  const named = literals.names.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...literals.names), { nil: undefined, freq: 2 });
  const logins = fc.tuple(events, domain, fc.constantFrom('j.smith', 'admin', 'Zoë'), orgName, metadata(literals.metadataKeys, literals.words));
  return fc.tuple(logins, named, named, named).map(([[generated, d, local, org, userMetadata], clientName, connectionName, strategy]) => {
    // A copy: fast-check keeps generated values for shrinking.
    const event: PostLoginEvent = { ...generated, user: { ...generated.user } };
    if (clientName !== undefined) event.client = { ...event.client, name: clientName };
    if (connectionName !== undefined || strategy !== undefined) event.connection = { ...event.connection, ...(connectionName === undefined ? {} : { name: connectionName }), ...(strategy === undefined ? {} : { strategy }) };
    if (d !== undefined && event.user.email !== undefined) event.user.email = `${local}@${d}`;
    if (org !== undefined && event.organization) event.organization = { ...event.organization, name: org };
    event.user.user_metadata = userMetadata;
    return event;
  });
}
