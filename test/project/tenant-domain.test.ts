import { isClaimkitError } from '../../src/errors.ts';
import { tenantDomain } from '../../src/project/tenant-domain.ts';

const codeOf = (raw: string): string | undefined => {
  try {
    tenantDomain(raw, 'AUTH0_DOMAIN', 'ERR_DEPLOY_TARGET');
    return undefined;
  } catch (err) {
    return isClaimkitError(err) ? err.code : 'not a ClaimkitError';
  }
};

test('a host, with a port, an https:// in front or slashes behind, is the domain', () => {
  expect(tenantDomain('acme.eu.auth0.com', 'AUTH0_DOMAIN', 'ERR_DEPLOY_TARGET')).toBe('acme.eu.auth0.com');
  expect(tenantDomain('https://acme.eu.auth0.com/', 'AUTH0_DOMAIN', 'ERR_DEPLOY_TARGET')).toBe('acme.eu.auth0.com');
  expect(tenantDomain('127.0.0.1:4433', '--domain', 'ERR_USAGE')).toBe('127.0.0.1:4433');
  expect(tenantDomain('[::1]:4433', '--domain', 'ERR_USAGE')).toBe('[::1]:4433');
});

test('what is no host is refused with the code given, never a TypeError', () => {
  for (const raw of ['x y', 'a[b', 'acme.auth0.com/api/v2', 'user:pw@acme.auth0.com', 'acme.auth0.com:99999', 'acme.auth0.com?x=1', '', 'https://']) {
    expect([raw, codeOf(raw)]).toEqual([raw, 'ERR_DEPLOY_TARGET']);
  }
});
