import fc from 'fast-check';
import { isClaimkitError } from '../../src/errors.ts';
import { arbitraryEvent, makeEvent } from '../../src/harness/index.ts';
import type { PostLoginEvent } from '../../src/types/index.ts';

const SEED = 20261124;
const MANAGEMENT_API = `https://${makeEvent().request.hostname}/api/v2/`;
const sample = (n: number, arb = arbitraryEvent()): PostLoginEvent[] => fc.sample(arb, { numRuns: n, seed: SEED });
const events = sample(400);
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): boolean => isObject(v) && Object.values(v as object).every((x) => typeof x === 'string');

describe('arbitraryEvent: every event is one Auth0 could send', () => {
  test('the parts Auth0 always sends are there, with their types', () => {
    for (const e of events) {
      expect(e.secrets).toEqual({});
      expect(e.configuration).toEqual({});
      expect(e.client).toEqual(expect.objectContaining({ client_id: expect.any(String), name: expect.any(String) }));
      expect(strings(e.client.metadata)).toBe(true);
      expect(e.connection).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), strategy: expect.any(String) }));
      expect(e.request).toEqual(expect.objectContaining({ ip: expect.any(String), method: expect.stringMatching(/^(GET|POST)$/) }));
      expect([e.request.query, e.request.body, e.request.geoip].every(isObject)).toBe(true);
      expect(Number.isSafeInteger(e.stats.logins_count) && e.stats.logins_count >= 1).toBe(true);
      expect(e.tenant.id).toBe(makeEvent().tenant.id);
      expect(e.user).toEqual(expect.objectContaining({ user_id: expect.any(String), created_at: expect.any(String), updated_at: expect.any(String), email_verified: expect.any(Boolean), identities: expect.any(Array) }));
      expect(isObject(e.user.app_metadata) && isObject(e.user.user_metadata)).toBe(true);
      if (e.transaction) expect(isObject(e.transaction.metadata)).toBe(true);
      if (e.authorization) expect(e.authorization.roles.every((r) => typeof r === 'string')).toBe(true);
      if (e.organization) {
        expect(e.organization).toEqual(expect.objectContaining({ id: expect.stringMatching(/^org_/), name: expect.stringMatching(/^[a-z0-9_-]{1,50}$/), display_name: expect.any(String) }));
        expect(strings(e.organization.metadata)).toBe(true);
      }
    }
  });

  test('events are JSON data: they survive a round trip unchanged (no undefined, no functions, no NaN)', () => {
    for (const e of events) expect(JSON.parse(JSON.stringify(e))).toStrictEqual(e);
  });

  test('the parts of one login agree: client, audience and scopes match the request that carried them', () => {
    for (const e of events) {
      const params = e.request.method === 'POST' ? e.request.body : e.request.query;
      if (e.transaction?.protocol === 'samlp' || e.transaction?.protocol === 'wsfed') {
        expect(e.resource_server).toBeUndefined();
        continue;
      }
      expect(params['client_id']).toBe(e.client.client_id);
      expect(params['audience']).toBe(e.resource_server?.identifier);
      const scope = typeof params['scope'] === 'string' ? params['scope'] : '';
      if (e.transaction) expect(e.transaction.requested_scopes?.join(' ')).toBe(scope);
      if (e.refresh_token) expect(e.transaction?.protocol).toBe('oauth2-refresh-token');
    }
  });
});

describe('arbitraryEvent: it produces the awkward logins', () => {
  const some = (what: string, pred: (e: PostLoginEvent) => boolean): void => {
    expect([what, events.filter(pred).length > 0]).toEqual([what, true]);
  };
  const appValues = (e: PostLoginEvent): unknown[] => Object.values(e.user.app_metadata);

  test('authorization: absent, empty, over 100 roles, duplicates, prefixed, unicode and 255-long names', () => {
    some('absent', (e) => e.authorization === undefined);
    some('empty', (e) => e.authorization?.roles.length === 0);
    some('over 100 roles', (e) => (e.authorization?.roles.length ?? 0) > 100);
    some('duplicates', (e) => e.authorization !== undefined && new Set(e.authorization.roles).size < e.authorization.roles.length);
    some('app: prefix', (e) => e.authorization?.roles.some((r) => r.startsWith('app:')) === true);
    some('org: prefix', (e) => e.authorization?.roles.some((r) => r.startsWith('org:')) === true);
    some('non-ASCII', (e) => e.authorization?.roles.some((r) => /[^\x20-\x7e]/.test(r)) === true);
    some('200+ long', (e) => e.authorization?.roles.some((r) => [...r].length >= 200) === true);
    for (const e of events) expect((e.authorization?.roles ?? []).every((r) => [...r].length <= 255)).toBe(true);
    expect(Math.max(...events.map((e) => e.authorization?.roles.length ?? 0))).toBeLessThanOrEqual(300);
  });

  test('organization present (with metadata) and absent; audiences none, an API and the Management API', () => {
    some('organization', (e) => e.organization !== undefined && Object.keys(e.organization.metadata).length > 0);
    some('no organization', (e) => e.organization === undefined);
    some('no audience', (e) => e.resource_server === undefined);
    some('an API', (e) => e.resource_server?.identifier === 'https://api.example.com');
    some('Management API', (e) => e.resource_server?.identifier === MANAGEMENT_API);
  });

  test('metadata of unexpected shapes: null, numbers, arrays, nested objects, big strings, missing keys', () => {
    some('null', (e) => appValues(e).includes(null));
    some('number', (e) => appValues(e).some((v) => typeof v === 'number'));
    some('array', (e) => appValues(e).some(Array.isArray));
    some('nested object', (e) => appValues(e).some((v) => isObject(v) && Object.values(v as object).some((w) => typeof w === 'object' && w !== null)));
    some('big string', (e) => appValues(e).some((v) => typeof v === 'string' && v.length > 100 * 1024));
    some('empty', (e) => Object.keys(e.user.app_metadata).length === 0);
    some('a number where a string is expected', (e) => typeof e.user.app_metadata['tenant_id'] === 'number' || typeof e.user.user_metadata['tenant_id'] === 'number');
    some('client metadata', (e) => Object.keys(e.client.metadata).length > 0);
  });

  test('protocols and scopes: refresh-token exchanges, other grants, no transaction, with and without email/profile', () => {
    some('refresh-token exchange', (e) => e.transaction?.protocol === 'oauth2-refresh-token' && e.request.method === 'POST');
    some('refresh_token details', (e) => e.refresh_token !== undefined);
    some('browser flow', (e) => e.transaction?.protocol === 'oidc-basic-profile');
    some('SAML', (e) => e.transaction?.protocol === 'samlp');
    some('other grant', (e) => e.transaction?.protocol === 'oauth2-password');
    some('no transaction', (e) => e.transaction === undefined);
    some('email and profile', (e) => ['email', 'profile'].every((s) => e.transaction?.requested_scopes?.includes(s)));
    some('neither', (e) => e.transaction?.requested_scopes !== undefined && !e.transaction.requested_scopes.some((s) => s === 'email' || s === 'profile'));
    some('no session', (e) => e.session === undefined);
  });

  test('optional profile fields are sometimes absent', () => {
    for (const field of ['email', 'name', 'nickname', 'picture', 'phone_number', 'given_name']) some(`no ${field}`, (e) => !(field in e.user));
    some('social user', (e) => e.user.user_id.startsWith('google-oauth2|'));
  });
});

describe('arbitraryEvent options', () => {
  test('audiences, clientIds, maxRoles, roleNames and appMetadata bias what is drawn', () => {
    const biased = sample(200, arbitraryEvent({
      audiences: ['https://mine.example'],
      clientIds: ['client-a'],
      maxRoles: 5,
      roleNames: fc.constant('only'),
      appMetadata: fc.constant({ tenant_id: 't1' }),
    }));
    for (const e of biased) {
      expect([undefined, 'https://mine.example', MANAGEMENT_API]).toContain(e.resource_server?.identifier);
      expect(e.client.client_id).toBe('client-a');
      expect(e.authorization?.roles.length ?? 0).toBeLessThanOrEqual(5);
      expect((e.authorization?.roles ?? []).every((r) => r === 'only')).toBe(true);
      expect(e.user.app_metadata).toEqual({ tenant_id: 't1' });
    }
    expect(biased.some((e) => e.resource_server?.identifier === 'https://mine.example')).toBe(true);
  });

  test('each event is a fresh object, even where the options hand out one shared value', () => {
    const shared = { tenant_id: 't1' };
    const [a, b] = sample(2, arbitraryEvent({ appMetadata: fc.constant(shared) })) as [PostLoginEvent, PostLoginEvent];
    a.user.app_metadata['tenant_id'] = 'changed';
    expect(b.user.app_metadata).toEqual({ tenant_id: 't1' });
    expect(shared).toEqual({ tenant_id: 't1' });
  });

  test.each([{ maxRoles: -1 }, { maxRoles: 1.5 }, { clientIds: [] }, { audiences: [''] }])('rejects %j with ERR_USAGE', (options) => {
    let caught: unknown;
    try {
      arbitraryEvent(options);
    } catch (err) {
      caught = err;
    }
    expect(isClaimkitError(caught, 'ERR_USAGE')).toBe(true);
  });
});
