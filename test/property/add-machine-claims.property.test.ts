// Property tests of the generic credentials-exchange Action over generated client-credentials exchanges
// (CI: 10,000 runs, fixed seed; locally: 1,000, random seed; replay with CLAIMKIT_FUZZ_SEED=<seed>).
import fc from 'fast-check';
import { arbitraryCredentialsExchangeEvent, assertExchangeInvariants, fuzzCredentialsExchange, type NamedExchangeAction } from '../../src/harness/index.ts';
import { customClaimsBytes, isManagementApiAudience } from '../../src/policy/index.ts';
import type { ClaimsConfig, MachineClaimRule } from '../../src/runtime/claims/config.ts';
import { computeMachineClaims } from '../../src/runtime/claims/machine.ts';
import type { CredentialsExchangeAction } from '../../src/types/index.ts';
import config from '../../claims.yaml';

jest.setTimeout(120_000);
const NS = config.namespace;

test('add-machine-claims never fails an exchange, emits only namespaced claims Auth0 keeps, within the budget', async () => {
  const action: NamedExchangeAction = { name: 'add-machine-claims', action: require('../../actions/add-machine-claims.ts') as CredentialsExchangeAction };
  const tenantIds = fc.oneof(fc.constant({}), fc.record({ tenant_id: fc.string({ maxLength: 255 }) }), fc.record({ tenant_id: fc.constant(''), plan: fc.constantFrom('free', 'enterprise') }));
  await fuzzCredentialsExchange(action, {
    event: arbitraryCredentialsExchangeEvent({ audiences: ['https://api.example.com', 'https://billing.example.com'], clientMetadata: tenantIds }),
    check(result, event) {
      assertExchangeInvariants(result);
      expect(result.outcome).toBe('success');
      const claims = result.accessToken.claims;
      for (const key of Object.keys(claims)) expect(key.startsWith(NS)).toBe(true);
      expect(customClaimsBytes(claims)).toBeLessThanOrEqual(config.max_token_bytes);
      const hosts = [event.request.hostname ?? '', event.custom_domain?.domain ?? ''];
      if (isManagementApiAudience(event.resource_server.identifier, hosts)) expect(claims).toEqual({});
      else if (event.resource_server.identifier === 'https://api.example.com') {
        expect(claims[`${NS}tenant_id`]).toBe(event.client.metadata['tenant_id']);
        expect(claims[`${NS}plan`]).toBe(event.client.metadata['plan'] ?? 'free');
      }
    },
  });
});

// Any machine configuration, any exchange: computeMachineClaims never throws and never exceeds its budget.
const sourceArb = fc.oneof(
  fc.record({ kind: fc.constant('client_metadata' as const), key: fc.constantFrom('tier', 'tenant_id', 'region', '__proto__') }),
  fc.constant({ kind: 'client' as const, field: 'name' as const }),
  fc.record({ kind: fc.constant('organization' as const), field: fc.constantFrom('id' as const, 'name' as const, 'display_name' as const) }),
  fc.record({ kind: fc.constant('organization_metadata' as const), key: fc.constantFrom('tier', 'region') }),
  fc.record({ kind: fc.constant('static' as const), value: fc.jsonValue() }),
);
const ruleArb: fc.Arbitrary<MachineClaimRule> = fc
  .record({
    name: fc.stringMatching(/^[a-z_]{1,12}$/),
    source: sourceArb,
    shape: fc.constantFrom('list' as const, 'value' as const),
    on_oversize: fc.constantFrom('drop' as const, 'deny' as const),
    default: fc.option(fc.jsonValue(), { nil: undefined }),
    when: fc.option(fc.record({ organization: fc.boolean(), audiences: fc.constant<string[]>(['https://api.example.com']), scopes: fc.subarray(['read:reports', 'admin']) }, { requiredKeys: [] }), { nil: undefined }),
  })
  .map(({ name, default: def, when, ...rest }) => ({ ...rest, key: `https://claims.example.com/${name}`, ...(def === undefined ? {} : { default: def }), ...(when ? { when } : {}) }));
const configArb: fc.Arbitrary<ClaimsConfig> = fc.record({
  namespace: fc.constant('https://claims.example.com/'),
  max_token_bytes: fc.integer({ min: 64, max: 102400 }),
  claims: fc.constant([]),
  machine_claims: fc.array(ruleArb, { minLength: 1, maxLength: 8 }),
});

test('computeMachineClaims: any configuration and any exchange — no throw, within budget or denied', () => {
  fc.assert(
    fc.property(configArb, arbitraryCredentialsExchangeEvent(), (cfg, event) => {
      const out = computeMachineClaims(cfg, event);
      if (out.deny === null) expect(customClaimsBytes(out.access_token)).toBeLessThanOrEqual(cfg.max_token_bytes);
      else expect(cfg.machine_claims?.some((c) => c.on_oversize === 'deny') || out.dropped.length > 0).toBe(true);
    }),
    { numRuns: process.env['CI'] ? 10_000 : 1_000, ...(process.env['CI'] ? { seed: 20261124 } : {}) },
  );
});
