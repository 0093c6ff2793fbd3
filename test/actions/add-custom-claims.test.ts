import { makeEvent } from '../../src/harness/index.ts';
import { main } from '../../src/cli/main.ts';
import type { FlowResult } from '../../src/harness/index.ts';
import { captureIo, fixture } from '../cli/helpers.ts';
import { FORMS, loadExample, type Example } from './forms.ts';

// The README's three examples, as claims.yaml declares them.
const NS = 'https://claims.example.com/';
const reports = { identifier: 'https://api.example.com' };

describe.each(FORMS)('add-custom-claims applying claims.yaml (%s)', (form) => {
  let action: Example;
  beforeAll(async () => {
    action = await loadExample('add-custom-claims', form);
  });

  test('roles go to both tokens under https://…/roles', async () => {
    const r = await action.run(makeEvent({ authorization: { roles: ['editor', 'viewer'] }, resource_server: reports }));
    expect(r.idToken.claims[`${NS}roles`]).toEqual(['editor', 'viewer']);
    expect(r.accessToken.claims[`${NS}roles`]).toEqual(['editor', 'viewer']);
    expect(r.dropped).toEqual([]);
  });

  test('app_metadata.tenant_id goes to the access token only, and only for the reports API', async () => {
    const user = { app_metadata: { tenant_id: 't-42' } };
    const forReports = await action.run(makeEvent({ resource_server: reports, user }));
    expect(forReports.accessToken.claims[`${NS}tenant_id`]).toBe('t-42');
    expect(forReports.idToken.claims).not.toHaveProperty(`${NS}tenant_id`);
    const other = await action.run(makeEvent({ resource_server: { identifier: 'https://other.example.com' }, user }));
    expect(other.accessToken.claims).not.toHaveProperty(`${NS}tenant_id`);
  });

  test('is_admin is a boolean: true only with the reports-admin role', async () => {
    const admin = await action.run(makeEvent({ authorization: { roles: ['reports-admin'] } }));
    expect(admin.idToken.claims[`${NS}is_admin`]).toBe(true);
    const user = await action.run(makeEvent({ authorization: { roles: ['viewer'] } }));
    expect(user.idToken.claims[`${NS}is_admin`]).toBe(false);
  });

  test('an event without authorization or metadata leaves those claims out and never fails the login', async () => {
    const r = await action.run(makeEvent({ authorization: undefined, resource_server: reports, user: { app_metadata: { tenant_id: { nested: ['odd'] } } } }));
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toEqual({});
    expect(r.accessToken.claims).toEqual({ [`${NS}tenant_id`]: { nested: ['odd'] } });
  });

  test('a huge role list is cut to fit the 100 KB budget instead of failing the login', async () => {
    const roles = Array.from({ length: 5000 }, (_, i) => `role-with-a-long-name-${String(i).padStart(5, '0')}`);
    const r = await action.run(makeEvent({ authorization: { roles }, resource_server: reports }));
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toEqual({ [`${NS}is_admin`]: false });
    expect(r.logs).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warn', message: expect.stringMatching(/left out https:\/\/claims\.example\.com\/roles/) })]));
  });
});

describe('add-custom-claims through claimkit run --json', () => {
  async function run(eventFile: string): Promise<FlowResult> {
    const io = captureIo();
    expect(await main(['run', 'actions/add-custom-claims.ts', '--event', eventFile, '--json'], io)).toBe(0);
    return JSON.parse(io.out()) as FlowResult;
  }

  test('roles on both tokens, tenant_id for the reports API, is_admin', async () => {
    const r = await run(fixture('events/reports-admin.json'));
    expect(r.idToken.claims).toEqual({ [`${NS}roles`]: ['reports-admin'], [`${NS}is_admin`]: true });
    expect(r.accessToken.claims).toEqual({ [`${NS}roles`]: ['reports-admin'], [`${NS}tenant_id`]: 't-7', [`${NS}is_admin`]: true });
  });
});
