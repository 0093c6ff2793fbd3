// Property tests of the generic claims Action over generated events (CI: 10,000 runs, fixed seed;
// locally: 1,000 runs, random seed; replay a failure with CLAIMKIT_FUZZ_SEED=<seed>).
import fc from 'fast-check';
import { arbitraryEvent, assertLoginInvariants, fuzzAction, type NamedAction } from '../../src/harness/index.ts';
import { customClaimsBytes } from '../../src/policy/index.ts';
import { computeClaims } from '../../src/runtime/claims/compute.ts';
import type { ClaimRule, ClaimsConfig } from '../../src/runtime/claims/config.ts';
import config from '../../claims.yaml';
import { sourceOf } from '../actions/forms.ts';

jest.setTimeout(120_000);

describe('add-custom-claims on generated events', () => {
  let action: NamedAction;
  beforeAll(async () => {
    action = sourceOf('add-custom-claims');
  });

  test('never fails the login, emits only namespaced claims Auth0 keeps, and stays within the budget', async () => {
    await fuzzAction(action, {
      event: arbitraryEvent({ audiences: ['https://api.example.com', 'https://other.example.com'], roleNames: fc.oneof(fc.constantFrom('reports-admin', 'editor', 'viewer'), fc.string({ maxLength: 255 })) }),
      check(result, event) {
        assertLoginInvariants(result);
        for (const claims of [result.idToken.claims, result.accessToken.claims]) {
          for (const key of Object.keys(claims)) expect(key.startsWith(config.namespace)).toBe(true);
          expect(customClaimsBytes(claims)).toBeLessThanOrEqual(config.max_token_bytes);
        }
        if (result.outcome === 'success' && event.authorization) {
          expect(result.idToken.claims[`${config.namespace}is_admin`]).toBe(event.authorization.roles.includes('reports-admin'));
        }
      },
    });
  });
});

// Any valid configuration, any event: computeClaims never throws and never exceeds its budget.
const sourceArb = fc.oneof(
  fc.constant({ kind: 'roles' as const }),
  fc.record({ kind: fc.constantFrom('app_metadata' as const, 'user_metadata' as const), path: fc.array(fc.constantFrom('a', 'b', 'tenant_id', 'plan'), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('user' as const), field: fc.constantFrom('email', 'name', 'nickname', 'email_verified') }),
  fc.record({ kind: fc.constant('organization' as const), field: fc.constantFrom('id' as const, 'name' as const, 'display_name' as const) }),
  fc.record({ kind: fc.constant('static' as const), value: fc.jsonValue() }),
);
const ruleArb: fc.Arbitrary<ClaimRule> = fc
  .record({
    name: fc.stringMatching(/^[a-z_]{1,12}$/),
    source: sourceArb,
    tokens: fc.subarray(['id_token', 'access_token'] as const, { minLength: 1 }),
    shape: fc.constantFrom('list' as const, 'value' as const, 'has_role' as const),
    on_oversize: fc.constantFrom('drop' as const, 'deny' as const),
    default: fc.option(fc.jsonValue(), { nil: undefined }),
    filter: fc.option(fc.record({ prefix: fc.constantFrom('app:', 'org:') }), { nil: undefined }),
    when: fc.option(fc.record({ organization: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
  })
  .map(({ name, source, shape, default: def, filter, when, ...rest }) => ({
    ...rest,
    key: `https://claims.example.com/${name}`,
    source,
    shape: shape === 'has_role' && source.kind !== 'roles' ? 'value' : shape,
    ...(shape === 'has_role' ? { roles: ['admin'] } : {}),
    ...(def === undefined ? {} : { default: def }),
    ...(filter && source.kind === 'roles' ? { filter } : {}),
    ...(when ? { when } : {}),
  }));
const configArb: fc.Arbitrary<ClaimsConfig> = fc.record({
  namespace: fc.constant('https://claims.example.com/'),
  max_token_bytes: fc.integer({ min: 64, max: 102400 }),
  claims: fc.array(ruleArb, { minLength: 1, maxLength: 8 }),
});

test('computeClaims: any configuration and any event — no throw, within budget or denied', () => {
  fc.assert(
    fc.property(configArb, arbitraryEvent({ maxRoles: 150 }), (cfg, event) => {
      const out = computeClaims(cfg, event);
      if (out.deny === null) {
        expect(customClaimsBytes(out.id_token)).toBeLessThanOrEqual(cfg.max_token_bytes);
        expect(customClaimsBytes(out.access_token)).toBeLessThanOrEqual(cfg.max_token_bytes);
      } else {
        expect(cfg.claims.some((c) => c.on_oversize === 'deny') || out.dropped.length > 0).toBe(true);
      }
    }),
    { numRuns: process.env['CI'] ? 10_000 : 1_000, ...(process.env['CI'] ? { seed: 20261124 } : {}) },
  );
});
