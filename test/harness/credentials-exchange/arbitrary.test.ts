import fc from 'fast-check';
import { arbitraryCredentialsExchangeEvent, FuzzFailure, fuzzCredentialsExchange, makeCredentialsExchangeEvent, type NamedExchangeAction } from '../../../src/harness/index.ts';
import { validateComplete } from '../../../src/project/event-validate.ts';
import { CREDENTIALS_EXCHANGE_EVENT } from '../../../src/types/credentials-exchange/event-schema.ts';
import type { CredentialsExchangeEvent } from '../../../src/types/index.ts';

const SEED = 20261124;
const sample = (n: number, arb = arbitraryCredentialsExchangeEvent()): CredentialsExchangeEvent[] => fc.sample(arb, { numRuns: n, seed: SEED });
const events = sample(300);
const MANAGEMENT_API = `https://${makeCredentialsExchangeEvent().request.hostname}/api/v2/`;

describe('arbitraryCredentialsExchangeEvent: every event is one Auth0 could send', () => {
  test('complete against the event schema, and JSON data', () => {
    for (const e of events) {
      expect(validateComplete(CREDENTIALS_EXCHANGE_EVENT, e)).toEqual([]);
      expect(JSON.parse(JSON.stringify(e))).toStrictEqual(e);
      expect(Object.values(e.client.metadata).every((v) => typeof v === 'string' && [...v].length <= 255)).toBe(true);
      expect(Object.keys(e.client.metadata).length).toBeLessThanOrEqual(10);
    }
  });

  test('the parts of one exchange agree with the request that carried them', () => {
    for (const e of events) {
      const body = e.request.body;
      expect(body).toMatchObject({ grant_type: 'client_credentials', client_id: e.client.client_id, audience: e.resource_server.identifier });
      expect(body).not.toHaveProperty('client_secret');
      expect(e.transaction.requested_scopes.join(' ')).toBe(typeof body['scope'] === 'string' ? body['scope'] : '');
      // Issued scopes: what was requested and granted, or the whole grant.
      for (const s of e.accessToken.scope) if (body['scope'] !== undefined) expect(e.transaction.requested_scopes).toContain(s);
      if (e.organization) expect(body['organization']).toBe(e.organization.id);
      expect(e.request.hostname).toBe(e.custom_domain?.domain ?? makeCredentialsExchangeEvent().request.hostname);
    }
  });

  test('the awkward cases come up: the Management API, no scopes, scopes the grant lacks, organizations, no metadata', () => {
    const share = (p: (e: CredentialsExchangeEvent) => boolean) => events.filter(p).length / events.length;
    expect(share((e) => e.resource_server.identifier === MANAGEMENT_API)).toBeGreaterThan(0.05);
    expect(share((e) => e.accessToken.scope.length === 0)).toBeGreaterThan(0.05);
    expect(share((e) => e.transaction.requested_scopes.includes('not:granted'))).toBeGreaterThan(0.05);
    expect(share((e) => e.organization !== undefined)).toBeGreaterThan(0.1);
    expect(share((e) => Object.keys(e.client.metadata).length === 0)).toBeGreaterThan(0.1);
    expect(share((e) => e.agent !== undefined)).toBeGreaterThan(0);
  });

  test('options narrow what is generated, and bad options are refused', () => {
    const narrow = sample(50, arbitraryCredentialsExchangeEvent({ audiences: ['https://only.example.com'], clientIds: ['c1'], scopes: ['x:y'], clientMetadata: fc.constant({ tenant_id: 't-1' }) }));
    for (const e of narrow) {
      expect(['https://only.example.com', MANAGEMENT_API]).toContain(e.resource_server.identifier);
      expect(e.client).toMatchObject({ client_id: 'c1', metadata: { tenant_id: 't-1' } });
      for (const s of e.accessToken.scope) expect(s).toBe('x:y');
    }
    expect(() => arbitraryCredentialsExchangeEvent({ clientIds: [] })).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
    expect(() => arbitraryCredentialsExchangeEvent({ scopes: ['two words'] })).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });
});

describe('fuzzCredentialsExchange', () => {
  test('an Action that keeps the invariants passes', async () => {
    const good: NamedExchangeAction = {
      name: 'good',
      action: {
        onExecuteCredentialsExchange: async (event, api) => {
          const tenant = event.client.metadata['tenant_id'];
          if (tenant !== undefined && !event.resource_server.identifier.endsWith('/api/v2/')) api.accessToken.setCustomClaim('https://claims.example.com/tenant_id', tenant);
        },
      },
    };
    await fuzzCredentialsExchange(good, { runs: 200, seed: SEED });
  });

  test('an Action whose claim Auth0 drops on Management API tokens fails with the seed and the event', async () => {
    const careless: NamedExchangeAction = { name: 'careless', action: { onExecuteCredentialsExchange: async (_event, api) => void api.accessToken.setCustomClaim('https://claims.example.com/x', 1) } };
    const failure = await fuzzCredentialsExchange(careless, { runs: 200, seed: SEED }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(FuzzFailure);
    const f = failure as FuzzFailure<CredentialsExchangeEvent>;
    expect(f.message).toMatch(/claim-on-management-api/);
    expect(f.message).toMatch(/Replay with CLAIMKIT_FUZZ_SEED=20261124/);
    expect(f.event?.resource_server.identifier).toBe(MANAGEMENT_API);
  });
});
