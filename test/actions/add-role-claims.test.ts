import { makeEvent } from '../../src/harness/index.ts';
import { FORMS, loadExample, type Example } from './forms.ts';

const ROLES = 'https://claims.example.com/roles';

describe.each(FORMS)('add-role-claims (%s)', (form) => {
  let action: Example;
  beforeAll(async () => {
    action = await loadExample('add-role-claims', form);
  });

  test('puts the role names into both tokens under the namespace', async () => {
    const r = await action.run(makeEvent({ authorization: { roles: ['admin', 'editor'] }, resource_server: { identifier: 'https://api.example.com' } }));
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toEqual({ [ROLES]: ['admin', 'editor'] });
    expect(r.accessToken.claims).toEqual({ [ROLES]: ['admin', 'editor'] });
    expect(r.dropped).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  test('a user without roles gets an empty list, not a failed login', async () => {
    const r = await action.run(makeEvent({ authorization: undefined }));
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toEqual({ [ROLES]: [] });
  });

  test('without an API audience the access token is opaque: the Action does not set a claim Auth0 would drop', async () => {
    const r = await action.run(makeEvent({ authorization: { roles: ['a'] } }));
    expect(r.accessToken.claims).toEqual({});
    expect(r.idToken.claims).toEqual({ [ROLES]: ['a'] });
    expect(r.dropped).toEqual([]);
  });
});
