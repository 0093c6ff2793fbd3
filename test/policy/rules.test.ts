import {
  evaluateClaim,
  exceedsTokenBudget,
  filterClaims,
  isAuth0ApiAudience,
  MAX_CUSTOM_CLAIMS_BYTES,
  namespaceKind,
  reservedNamespace,
  RESTRICTED_CLAIM_NAMES,
  type TokenContext,
} from '../../src/policy/index.ts';

const api: TokenContext = { audience: 'https://api.example.com', scopes: new Set(['openid']), tenantHosts: ['acme.us.auth0.com'] };
const dropRule = (token: 'id' | 'access', name: string, ctx: TokenContext = api) => evaluateClaim(token, name, ctx).drop?.rule;

describe('namespaces', () => {
  test.each([
    ['https://claims.example.com/roles', 'url'],
    ['http://example.com/x', 'url'],
    ['urn:example:roles', 'urn'],
    ['roles_custom', 'none'],
    ['https:/broken', 'none'],
  ])('%s is %s', (name, kind) => expect(namespaceKind(name)).toBe(kind));

  test.each([
    ['https://auth0.com/roles', 'auth0.com'],
    ['https://acme.us.auth0.com/roles', 'auth0.com'],
    ['http://x.webtask.io/claim', 'webtask.io'],
    ['https://webtask.run/claim', 'webtask.run'],
    ['https://ACME.Auth0.COM:443/claim', 'auth0.com'],
    ['urn:auth0:roles', 'urn:auth0'],
    ['URN:Auth0:x', 'urn:auth0'],
  ])('%s is under the reserved namespace %s and is dropped from both tokens', (name, ns) => {
    expect(reservedNamespace(name)).toBe(ns);
    expect(dropRule('id', name)).toBe('reserved-namespace');
    expect(dropRule('access', name)).toBe('reserved-namespace');
  });

  test.each(['https://notauth0.com/x', 'https://auth0.com.example.org/x', 'urn:auth0x:y', 'https://claims.example.com/auth0.com'])(
    '%s is not reserved',
    (name) => {
      expect(reservedNamespace(name)).toBeUndefined();
      expect(dropRule('id', name)).toBeUndefined();
    },
  );

  test('plain names are allowed (Auth0 allows them since 2022) with a warning', () => {
    const v = evaluateClaim('id', 'tenant_tier', api);
    expect(v.drop).toBeUndefined();
    expect(v.warnings.map((w) => w.rule)).toEqual(['not-namespaced']);
  });
});

describe('restricted names', () => {
  test('every restricted name is dropped from both tokens', () => {
    for (const name of RESTRICTED_CLAIM_NAMES) {
      expect(dropRule('id', name)).toBe('restricted-name');
      expect(dropRule('access', name)).toBe('restricted-name');
    }
  });
  test('the list is Auth0\'s (spot checks, including the odd ones)', () => {
    for (const name of ['roles', 'permissions', 'org_id', 'x5t#S256', 'internalService', 'sub', 'groups']) expect(RESTRICTED_CLAIM_NAMES.has(name)).toBe(true);
    // Auth0's list as published in "Create Custom Claims" (60 names), kept apart from the source on purpose.
    const published = `acr act active amr at_hash ath attest aud auth_time authorization_details azp c_hash client_id cnf cty
      dest entitlements events exp groups gty htm htu iat internalService iss jcard jku jti jwe jwk kid may_act mky nbf nonce
      object_id org_id org_name orig origid permissions roles rph s_hash sid sip_callid sip_cseq_num sip_date sip_from_tag
      sip_via_branch sub sub_jwk toe txn typ uuid vot vtm x5t#S256`.split(/\s+/);
    expect([...RESTRICTED_CLAIM_NAMES].sort()).toEqual(published.sort());
    expect(RESTRICTED_CLAIM_NAMES.has('Roles')).toBe(false);
  });
  test('a namespaced claim ending in a restricted name is fine', () => {
    expect(dropRule('id', 'https://claims.example.com/roles')).toBeUndefined();
  });
});

describe('OIDC profile claims on access tokens', () => {
  test.each([
    ['email', 'email'],
    ['email_verified', 'email'],
    ['name', 'profile'],
    ['picture', 'profile'],
    ['address', 'address'],
    ['phone_number', 'phone'],
  ])('%s needs the %s scope on the access token, never on the ID token', (claim, scope) => {
    expect(dropRule('access', claim)).toBe('profile-claim-without-scope');
    expect(dropRule('access', claim, { ...api, scopes: new Set(['openid', scope]) })).toBeUndefined();
    expect(dropRule('id', claim)).toBeUndefined();
  });
});

describe('audiences', () => {
  test('without an audience the access token is opaque: every access-token claim is dropped', () => {
    const ctx = { ...api, audience: undefined };
    expect(dropRule('access', 'https://claims.example.com/roles', ctx)).toBe('opaque-access-token');
    expect(dropRule('id', 'https://claims.example.com/roles', ctx)).toBeUndefined();
  });

  test.each(['https://acme.us.auth0.com/api/v2/', 'https://acme.us.auth0.com/mfa/', 'https://login.acme.com/api/v2/', 'https://other.eu.auth0.com/api'])(
    '%s is an Auth0 API',
    (aud) => expect(isAuth0ApiAudience(aud, ['acme.us.auth0.com', 'login.acme.com'])).toBe(true),
  );
  // Auth0's list ("Migrate Custom Claims", Restricted token audience): TENANT.auth0.com or TENANT.auth0app.com
  // with /api, /api/v2 or /mfa; /userinfo exempt.
  test.each([
    'https://acme.auth0.com/api', 'https://acme.auth0app.com/api', 'https://acme.auth0.com/api/v2', 'https://acme.auth0app.com/api/v2',
    'https://acme.auth0.com/mfa', 'https://acme.auth0app.com/mfa', 'https://acme.auth0app.com/api/v2/',
  ])('%s is on Auth0\'s list of restricted audiences', (aud) => expect(isAuth0ApiAudience(aud, ['acme.auth0.com'])).toBe(true));
  test.each(['https://acme.auth0app.com/userinfo', 'https://acme.auth0.com/userinfo', 'https://acme.auth0app.com/api/v3', 'https://auth0app.com.example.org/api/v2'])(
    '%s is not restricted',
    (aud) => expect(isAuth0ApiAudience(aud, ['acme.auth0.com'])).toBe(false),
  );
  test.each(['https://acme.us.auth0.com/userinfo', 'https://api.example.com', 'https://api.example.com/api/v2/', 'not a url', undefined])(
    '%s is not an Auth0 API',
    (aud) => expect(isAuth0ApiAudience(aud, ['acme.us.auth0.com'])).toBe(false),
  );

  test('private non-namespaced claims are dropped on Auth0 API tokens; namespaced ones get a warning', () => {
    const mgmt = { ...api, audience: 'https://acme.us.auth0.com/api/v2/' };
    expect(dropRule('access', 'tenant_tier', mgmt)).toBe('private-claim-on-auth0-api');
    const ns = evaluateClaim('access', 'https://claims.example.com/tier', mgmt);
    expect(ns.drop).toBeUndefined();
    expect(ns.warnings.map((w) => w.rule)).toEqual(['namespaced-claim-on-auth0-api']);
    expect(dropRule('access', 'tenant_tier', { ...api, audience: 'https://acme.us.auth0.com/userinfo' })).toBeUndefined();
  });
});

describe('filterClaims and the size budget', () => {
  test('keeps what Auth0 keeps and lists what it drops, with reasons', () => {
    const out = filterClaims('id', { roles: ['a'], 'https://claims.example.com/roles': ['a'], 'https://x.auth0.com/y': 1 }, api);
    expect(out.claims).toEqual({ 'https://claims.example.com/roles': ['a'] });
    expect(out.dropped.map((d) => [d.claim, d.rule])).toEqual([
      ['roles', 'restricted-name'],
      ['https://x.auth0.com/y', 'reserved-namespace'],
    ]);
    expect(out.dropped[0]?.reason).toMatch(/restricted/);
  });

  test('a claim named "__proto__" (setCustomClaim takes any name) is kept as a claim, not made the prototype', () => {
    const claims = { 'https://claims.example.com/a': 1 } as Record<string, unknown>;
    Object.defineProperty(claims, '__proto__', { value: { polluted: true }, enumerable: true });
    const out = filterClaims('id', claims as Record<string, number>, api);
    expect(Object.keys(out.claims)).toEqual(['https://claims.example.com/a', '__proto__']);
    expect(JSON.stringify(out.claims)).toBe('{"https://claims.example.com/a":1,"__proto__":{"polluted":true}}');
    expect(Object.getPrototypeOf(out.claims)).toBe(Object.prototype);
  });

  test('the budget is 100 KB of JSON per token, names included', () => {
    const name = 'https://claims.example.com/blob';
    const overhead = JSON.stringify({ [name]: '' }).length;
    expect(exceedsTokenBudget({ [name]: 'x'.repeat(MAX_CUSTOM_CLAIMS_BYTES - overhead) })).toBe(false);
    expect(exceedsTokenBudget({ [name]: 'x'.repeat(MAX_CUSTOM_CLAIMS_BYTES - overhead + 1) })).toBe(true);
    // Multi-byte characters count as bytes, not characters.
    expect(exceedsTokenBudget({ [name]: 'é'.repeat(MAX_CUSTOM_CLAIMS_BYTES / 2) })).toBe(true);
  });
});
