import { accessScope, accessTokenPayload, idTokenPayload, permissionsClaim, profileClaims, type TokenPlan } from '../../../src/tenant/login/tokens.ts';
import type { StoredResourceServer, StoredUser } from '../../../src/tenant/store/model.ts';

const api = (extra: Record<string, unknown> = {}): StoredResourceServer => ({ id: 'rs', name: 'Reports', identifier: 'https://api.example.com', scopes: [{ value: 'read:reports' }, { value: 'write:reports' }], ...extra });
const plan: TokenPlan = {
  userId: 'auth0|abc',
  clientId: 'client-1',
  audience: 'https://api.example.com',
  scope: ['openid', 'read:reports'],
  permissions: null,
  rfc9068: false,
  organization: null,
  idClaims: { 'https://x.example.com/a': 1 },
  accessClaims: { 'https://x.example.com/b': 2 },
  grantType: null,
  executionId: null,
  sid: 'sess-1',
};
const changes = { added: [], removed: [] };

describe('the access token scope', () => {
  test('API scopes: requested and defined; with RBAC only those the roles grant; then the Actions\' changes', () => {
    expect(accessScope({ requested: ['openid', 'read:reports', 'write:reports', 'admin:all'], api: api(), permissions: [], offline: false, changes })).toEqual(['openid', 'read:reports', 'write:reports']);
    expect(accessScope({ requested: ['openid', 'read:reports', 'write:reports'], api: api({ enforce_policies: true }), permissions: ['read:reports'], offline: false, changes })).toEqual(['openid', 'read:reports']);
    expect(accessScope({ requested: ['openid', 'read:reports'], api: api({ enforce_policies: true }), permissions: ['read:reports'], offline: false, changes: { added: ['x:y'], removed: ['openid'] } })).toEqual(['read:reports', 'x:y']);
  });

  test('offline_access only when refresh tokens may be issued; no API, no API scopes', () => {
    expect(accessScope({ requested: ['openid', 'offline_access'], api: undefined, permissions: [], offline: false, changes })).toEqual(['openid']);
    expect(accessScope({ requested: ['openid', 'offline_access', 'read:reports'], api: undefined, permissions: [], offline: true, changes })).toEqual(['openid', 'offline_access']);
  });

  test('permissions only with RBAC and a dialect that carries them', () => {
    expect(permissionsClaim(api({ enforce_policies: true, token_dialect: 'access_token_authz' }), ['read:reports'])).toEqual(['read:reports']);
    expect(permissionsClaim(api({ enforce_policies: true, token_dialect: 'access_token' }), ['read:reports'])).toBeNull();
    expect(permissionsClaim(api({ enforce_policies: false, token_dialect: 'access_token_authz' }), ['read:reports'])).toBeNull();
  });
});

describe('token payloads', () => {
  const user = { user_id: 'auth0|abc', email: 'a@example.com', email_verified: true, name: 'A', nickname: 'a', phone_number: '+1', phone_verified: false } as unknown as StoredUser;

  test('profile claims follow the scopes (phone_verified is phone_number_verified)', () => {
    expect(profileClaims(user, ['openid', 'email'])).toEqual({ email: 'a@example.com', email_verified: true });
    expect(profileClaims(user, ['phone'])).toEqual({ phone_number: '+1', phone_number_verified: false });
  });

  test('the ID token: profile, custom claims, then the registered claims the Actions cannot override', () => {
    const id = idTokenPayload({ issuer: 'https://t/', plan: { ...plan, idClaims: { 'https://x.example.com/a': 1, email: 'x' } }, user, scopes: ['openid', 'email'], nonce: 'n', iat: 100, lifetimeSeconds: 50 });
    expect(id).toEqual({ email: 'x', email_verified: true, 'https://x.example.com/a': 1, iss: 'https://t/', aud: 'client-1', sub: 'auth0|abc', iat: 100, exp: 150, sid: 'sess-1', nonce: 'n' });
  });

  test('the access token: the userinfo audience only with openid; RFC 9068 names the client client_id and adds jti', () => {
    const at = accessTokenPayload({ issuer: 'https://t/', plan: { ...plan, audience: 'https://api.example.com', grantType: 'password', organization: { id: 'org_1', name: 'o' } }, iat: 100, lifetimeSeconds: 60, jti: 'j' });
    expect(at).toEqual({ 'https://x.example.com/b': 2, iss: 'https://t/', sub: 'auth0|abc', aud: ['https://api.example.com', 'https://t/userinfo'], iat: 100, exp: 160, scope: 'openid read:reports', azp: 'client-1', gty: 'password', org_id: 'org_1' });
    const rfc = accessTokenPayload({ issuer: 'https://t/', plan: { ...plan, audience: 'https://api.example.com', scope: ['read:reports'], rfc9068: true }, iat: 100, lifetimeSeconds: 60, jti: 'j' });
    expect(rfc).toMatchObject({ aud: 'https://api.example.com', client_id: 'client-1', jti: 'j' });
    expect(rfc).not.toHaveProperty('azp');
  });
});
