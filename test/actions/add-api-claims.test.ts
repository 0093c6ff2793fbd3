import { makeEvent } from '../../src/harness/index.ts';
import { FORMS, loadExample, type Example } from './forms.ts';

const PLAN = 'https://claims.example.com/plan';
const reports = { identifier: 'https://api.example.com' };

describe.each(FORMS)('add-api-claims (%s)', (form) => {
  let action: Example;
  beforeAll(async () => {
    action = await loadExample('add-api-claims', form);
  });

  test.each([
    ['team', 'team'],
    [undefined, 'free'],
    ['platinum', 'free'],
    [42, 'free'],
  ])('plan %j reaches the reports API access token as %j', async (plan, expected) => {
    const r = await action.run(makeEvent({ resource_server: reports, user: { app_metadata: { tenant_id: 't-42', plan } } }));
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({ [PLAN]: expected });
    expect(r.idToken.claims).toEqual({});
  });

  test('other audiences get nothing and are not denied', async () => {
    const r = await action.run(makeEvent({ resource_server: { identifier: 'https://other.example.com' }, user: { app_metadata: { tenant_id: 't-42' } } }));
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({});
    expect(r.calls).toEqual([]);
  });

  test.each([[{}], [{ tenant_id: '' }], [{ tenant_id: 42 }]])('a user with app_metadata %j is denied the reports API', async (app_metadata) => {
    const r = await action.run(makeEvent({ resource_server: reports, user: { app_metadata } }));
    expect(r.outcome).toBe('denied');
    expect(r.denied?.reason).toMatch(/app_metadata\.tenant_id/);
    expect(r.accessToken.claims).toEqual({});
  });
});
