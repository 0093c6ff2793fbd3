import { chooseClient, type TenantClient } from '../../src/tokens/login.ts';

// Which application `claimkit login` logs in through, and what it says when the one asked for cannot.
const M2M: TenantClient = { client_id: 'm2m', name: 'Worker', grant_types: ['client_credentials'] };
const SPA: TenantClient = { client_id: 'spa', name: 'SPA', grant_types: ['authorization_code'], callbacks: ['http://localhost:3000/cb'], token_endpoint_auth_method: 'none' };
const NO_CALLBACK: TenantClient = { client_id: 'nocb', name: 'No callback', grant_types: ['authorization_code'] };

test('on the local tenant, --client naming an application that cannot log a user in is ERR_LOGIN_FAILED before any request', () => {
  for (const wanted of ['Worker', 'm2m', 'No callback']) {
    expect(() => chooseClient([M2M, SPA, NO_CALLBACK], wanted, true, 'mgmt')).toThrow(expect.objectContaining({ code: 'ERR_LOGIN_FAILED' }));
  }
  expect(chooseClient([M2M, SPA, NO_CALLBACK], 'SPA', true, 'mgmt')).toBe(SPA);
});
