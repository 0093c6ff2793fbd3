import { makeEvent, runPostLogin, type NamedAction } from '../../src/harness/index.ts';
import { FORMS, loadExample } from './forms.ts';

const TENANT = 'https://claims.example.com/tenant_id';
const reports = { identifier: 'https://api.example.com' };

describe.each(FORMS)('add-api-claims (%s)', (form) => {
  let action: NamedAction;
  beforeAll(async () => {
    action = await loadExample('add-api-claims', form);
  });

  test('adds tenant_id to the access token for the reports API only', async () => {
    const r = await runPostLogin(action, makeEvent({ resource_server: reports, user: { app_metadata: { tenant_id: 't-42' } } }));
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({ [TENANT]: 't-42' });
    expect(r.idToken.claims).toEqual({});
  });

  test('other audiences get nothing and are not denied', async () => {
    const r = await runPostLogin(action, makeEvent({ resource_server: { identifier: 'https://other.example.com' }, user: { app_metadata: { tenant_id: 't-42' } } }));
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({});
    expect(r.calls).toEqual([]);
  });

  test.each([[{}], [{ tenant_id: '' }], [{ tenant_id: 42 }]])('a user with app_metadata %j is denied the reports API', async (app_metadata) => {
    const r = await runPostLogin(action, makeEvent({ resource_server: reports, user: { app_metadata } }));
    expect(r.outcome).toBe('denied');
    expect(r.denied?.reason).toMatch(/app_metadata\.tenant_id/);
    expect(r.accessToken.claims).toEqual({});
  });
});
