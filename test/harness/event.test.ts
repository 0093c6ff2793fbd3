import { makeEvent } from '../../src/harness/index.ts';

describe('makeEvent', () => {
  test('fills every property Auth0 always sends', () => {
    const e = makeEvent();
    for (const key of ['secrets', 'configuration', 'client', 'connection', 'request', 'stats', 'tenant', 'user', 'transaction', 'session', 'authentication', 'authorization']) {
      expect(e).toHaveProperty([key]);
    }
    expect(e.user).toEqual(expect.objectContaining({ user_id: expect.any(String), email_verified: true, app_metadata: {}, user_metadata: {}, identities: expect.any(Array) }));
    expect(e.request).toEqual(expect.objectContaining({ ip: expect.any(String), method: 'GET', query: expect.any(Object), body: {}, geoip: expect.any(Object) }));
    expect(e.transaction?.metadata).toEqual({});
    // Parts Auth0 sends only for some logins are left out.
    expect(e.organization).toBeUndefined();
    expect(e.resource_server).toBeUndefined();
    expect(e.refresh_token).toBeUndefined();
  });

  test("identities carry no external IdP tokens (Actions Limitations: Upstream tokens from external IdPs)", () => {
    for (const identity of makeEvent().user.identities) {
      expect(Object.keys(identity).filter((k) => /token/i.test(k))).toEqual([]);
    }
  });

  test('overrides merge deeply; arrays replace; undefined removes an optional part', () => {
    const e = makeEvent({
      user: { app_metadata: { tenant_id: 't1' }, email: 'a@b.c' },
      authorization: { roles: ['admin'] },
      organization: { id: 'org_1', name: 'acme', display_name: 'Acme', metadata: {} },
      transaction: { requested_scopes: ['openid'] },
      session: undefined,
    });
    expect(e.user.app_metadata).toEqual({ tenant_id: 't1' });
    expect(e.user.email).toBe('a@b.c');
    expect(e.user.user_id).toBe(makeEvent().user.user_id);
    expect(e.authorization?.roles).toEqual(['admin']);
    expect(e.organization?.id).toBe('org_1');
    expect(e.transaction?.requested_scopes).toEqual(['openid']);
    expect(e.transaction?.protocol).toBe('oidc-basic-profile');
    expect(e).not.toHaveProperty('session');
  });

  test('each call returns a fresh object: changing one event never changes the next', () => {
    const a = makeEvent();
    a.user.app_metadata['x'] = 1;
    (a.authorization as { roles: string[] }).roles.push('r');
    const b = makeEvent();
    expect(b.user.app_metadata).toEqual({});
    expect(b.authorization?.roles).toEqual([]);
  });

  test('a "__proto__" key from JSON stays data and pollutes nothing', () => {
    const e = makeEvent(JSON.parse('{"user":{"app_metadata":{"__proto__":{"polluted":true}}}}') as Parameters<typeof makeEvent>[0]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(e.user.app_metadata)).toEqual(['__proto__']);
  });
});
