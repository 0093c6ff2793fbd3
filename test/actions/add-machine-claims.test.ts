import { makeCredentialsExchangeEvent } from '../../src/harness/index.ts';
import { FORMS, loadMachineExample, type MachineExample } from './forms.ts';

// claims.yaml's machine_claims, applied by the generic credentials-exchange Action, as the source the
// harness runs and as the bundle the Action engine runs.
const NS = 'https://claims.example.com/';
const worker = { client: { name: 'Claims Demo Worker', metadata: { tenant_id: 't-42', plan: 'enterprise' } } };

describe.each(FORMS)('add-machine-claims applying claims.yaml machine_claims (%s)', (form) => {
  let action: MachineExample;
  beforeAll(async () => {
    action = await loadMachineExample('add-machine-claims', form);
  });

  test("the worker's tenant and plan come from its client metadata, for the reports API", async () => {
    const r = await action.run(makeCredentialsExchangeEvent(worker));
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({ [`${NS}tenant_id`]: 't-42', [`${NS}plan`]: 'enterprise', [`${NS}principal_type`]: 'service' });
    expect(r.accessToken.scope).toEqual(['read:reports']);
    expect(r.dropped).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  test('a client without metadata gets the default plan and no tenant claim', async () => {
    const r = await action.run(makeCredentialsExchangeEvent());
    expect(r.accessToken.claims).toEqual({ [`${NS}plan`]: 'free', [`${NS}principal_type`]: 'service' });
  });

  test('another API gets only the claims without an audience condition', async () => {
    const r = await action.run(makeCredentialsExchangeEvent({ ...worker, resource_server: { identifier: 'https://billing.example.com' } }));
    expect(r.accessToken.claims).toEqual({ [`${NS}principal_type`]: 'service' });
  });

  test('a Management API token gets no claims at all (Auth0 would drop them), and nothing is reported dropped', async () => {
    const r = await action.run(makeCredentialsExchangeEvent({ ...worker, resource_server: { identifier: 'https://claimkit-dev.us.auth0.com/api/v2/' } }));
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({});
    expect(r.dropped).toEqual([]);
  });

  test('odd metadata never fails the exchange: huge values are left out to fit the budget, with a log line', async () => {
    const r = await action.run(makeCredentialsExchangeEvent({ client: { metadata: { tenant_id: 'x'.repeat(120 * 1024) } } }));
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({ [`${NS}plan`]: 'free', [`${NS}principal_type`]: 'service' });
    expect(r.logs).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringMatching(/left out https:\/\/claims\.example\.com\/tenant_id/) })]);
  });
});
