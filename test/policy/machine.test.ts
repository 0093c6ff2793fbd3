import type { ClaimValue } from '../../src/types/index.ts';
import { filterMachineClaims, isManagementApiAudience, MACHINE_CLAIM_RULES, MAX_CUSTOM_CLAIMS_BYTES, RESTRICTED_CLAIM_NAMES, type TokenContext } from '../../src/policy/index.ts';

const hosts = ['acme.us.auth0.com', '127.0.0.1:4433'];
const api = (audience: string, scopes: string[] = ['read:reports']): TokenContext => ({ audience, scopes: new Set(scopes), tenantHosts: hosts });
const filter = (claims: Record<string, ClaimValue>, audience = 'https://api.example.com', scopes?: string[]) => filterMachineClaims(claims, api(audience, scopes));

describe('machine access tokens (client-credentials grant)', () => {
  test('namespaced claims for your own API are kept', () => {
    const r = filter({ 'https://claims.example.com/tenant_id': 't-42', 'urn:acme:plan': 'gold' });
    expect(r.claims).toEqual({ 'https://claims.example.com/tenant_id': 't-42', 'urn:acme:plan': 'gold' });
    expect(r.dropped).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  test.each([...RESTRICTED_CLAIM_NAMES].filter((_, i) => i % 7 === 0))('the restricted name %s is dropped, as on user tokens', (name) => {
    expect(filter({ [name]: 'x' }).dropped).toEqual([expect.objectContaining({ token: 'access', claim: name, rule: 'restricted-name' })]);
  });

  test('gty, azp and sub cannot be overwritten by an Action', () => {
    const r = filter({ gty: 'password', azp: 'someone-else', sub: 'user|1' });
    expect(r.claims).toEqual({});
    expect(r.dropped.map((d) => d.rule)).toEqual(['restricted-name', 'restricted-name', 'restricted-name']);
  });

  test('reserved namespaces are dropped', () => {
    expect(filter({ 'https://acme.auth0.com/x': 'x', 'urn:auth0:x': 'y' }).dropped.map((d) => d.rule)).toEqual(['reserved-namespace', 'reserved-namespace']);
  });

  test.each([
    'https://acme.us.auth0.com/api/v2/',
    'https://acme.us.auth0.com/api/v2',
    'https://acme.eu.auth0app.com/api/v2/',
    'https://127.0.0.1:4433/api/v2/',
  ])('a token for the Management API (%s) carries no custom claim, namespaced or not', (audience) => {
    const r = filter({ 'https://claims.example.com/tenant_id': 't-42', plan: 'gold' }, audience);
    expect(r.claims).toEqual({});
    expect(r.dropped.map((d) => d.rule)).toEqual(['claim-on-management-api', 'claim-on-management-api']);
    expect(r.dropped[0]?.reason).toMatch(/Management API/);
  });

  test('other Auth0 APIs drop private claims and warn about namespaced ones', () => {
    const r = filter({ 'https://claims.example.com/x': 1, plan: 'gold' }, 'https://acme.us.auth0.com/api/');
    expect(r.claims).toEqual({ 'https://claims.example.com/x': 1 });
    expect(r.dropped.map((d) => d.rule)).toEqual(['private-claim-on-auth0-api']);
    expect(r.warnings.map((w) => w.rule)).toEqual(['namespaced-claim-on-auth0-api']);
  });

  test('a custom domain of the tenant counts as its own host; look-alike hosts do not', () => {
    expect(isManagementApiAudience('https://127.0.0.1:4433/api/v2/', hosts)).toBe(true);
    expect(isManagementApiAudience('https://acme.us.auth0.com.evil.example/api/v2/', hosts)).toBe(false);
    expect(isManagementApiAudience('http://acme.us.auth0.com/api/v2/', hosts)).toBe(false);
    expect(isManagementApiAudience('https://acme.us.auth0.com/api/v2/users', hosts)).toBe(false);
    expect(isManagementApiAudience('not a url', hosts)).toBe(false);
    expect(isManagementApiAudience(undefined, hosts)).toBe(false);
  });

  test('plain names are kept with a warning; profile claims need their scope in the grant', () => {
    const r = filter({ plan: 'gold', email: 'ops@example.com' });
    expect(r.claims).toEqual({ plan: 'gold' });
    expect(r.warnings.map((w) => w.rule)).toEqual(['not-namespaced']);
    expect(r.dropped.map((d) => d.rule)).toEqual(['profile-claim-without-scope']);
    expect(filter({ email: 'ops@example.com' }, 'https://api.example.com', ['email']).claims).toEqual({ email: 'ops@example.com' });
  });

  test('the table never reports an opaque token (the grant always names an audience) and cites a source per rule', () => {
    expect(MACHINE_CLAIM_RULES.map((r) => r.id)).not.toContain('opaque-access-token');
    for (const rule of MACHINE_CLAIM_RULES) {
      expect(rule.tokens).toContain('access');
      expect(rule.source.length).toBeGreaterThan(10);
    }
    expect(MAX_CUSTOM_CLAIMS_BYTES).toBe(102400);
  });
});
