import { CacheStore, makeCredentialsExchangeEvent, runCredentialsExchange, type NamedExchangeAction } from '../../../src/harness/index.ts';
import { parseHttpFixtures } from '../../../src/http-stubs/fixtures.ts';
import type { CredentialsExchangeAction, CredentialsExchangeApi, CredentialsExchangeEvent } from '../../../src/types/index.ts';

const NS = 'https://claims.example.com/';
const action = (name: string, fn: (event: CredentialsExchangeEvent, api: CredentialsExchangeApi) => Promise<void>, secrets?: Record<string, string>): NamedExchangeAction => ({
  name,
  action: { onExecuteCredentialsExchange: fn },
  ...(secrets ? { secrets } : {}),
});

describe('makeCredentialsExchangeEvent', () => {
  test('a complete, realistic event; overrides merge, arrays replace, undefined removes optional parts', () => {
    const event = makeCredentialsExchangeEvent();
    expect(event).toMatchObject({
      accessToken: { customClaims: {}, scope: ['read:reports'] },
      resource_server: { identifier: 'https://api.example.com' },
      request: { method: 'POST', body: { grant_type: 'client_credentials' } },
      transaction: { requested_scopes: [] },
    });
    expect(event.request.body).not.toHaveProperty('client_secret');
    expect(event.organization).toBeUndefined();
    const custom = makeCredentialsExchangeEvent({ client: { metadata: { tenant_id: 't-1' } }, accessToken: { scope: ['a', 'b'] }, custom_domain: { domain: 'auth.example.com', domain_metadata: {} } });
    expect(custom.client).toMatchObject({ name: 'Claims Demo Worker', metadata: { tenant_id: 't-1' } });
    expect(custom.accessToken.scope).toEqual(['a', 'b']);
    expect(makeCredentialsExchangeEvent({ custom_domain: undefined }).custom_domain).toBeUndefined();
    // Each call is a fresh copy.
    event.client.metadata['x'] = 'changed';
    expect(makeCredentialsExchangeEvent().client.metadata).toEqual({});
  });
});

describe('runCredentialsExchange', () => {
  test('claims accumulate across Actions, the last write wins, and only what Auth0 keeps is in the token', async () => {
    const r = await runCredentialsExchange(
      [
        action('first', async (event, api) => {
          api.accessToken.setCustomClaim(`${NS}tenant_id`, event.client.metadata['tenant_id'] ?? 'none').accessToken.setCustomClaim(`${NS}plan`, 'free');
        }),
        action('second', async (_event, api) => {
          api.accessToken.setCustomClaim(`${NS}plan`, 'gold');
          api.accessToken.setCustomClaim('gty', 'password');
        }),
      ],
      makeCredentialsExchangeEvent({ client: { metadata: { tenant_id: 't-42' } } }),
    );
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({ [`${NS}tenant_id`]: 't-42', [`${NS}plan`]: 'gold' });
    expect(r.accessToken.scope).toEqual(['read:reports']);
    expect(r.dropped).toEqual([expect.objectContaining({ token: 'access', claim: 'gty', rule: 'restricted-name' })]);
    expect(r.actions).toEqual([{ name: 'first', ran: true }, { name: 'second', ran: true }]);
    expect(r.calls.map((c) => `${c.action} ${c.method}`)).toEqual(['first accessToken.setCustomClaim', 'first accessToken.setCustomClaim', 'second accessToken.setCustomClaim', 'second accessToken.setCustomClaim']);
  });

  test('api.access.deny(code, reason): the Action finishes, later ones are skipped, no claims are issued', async () => {
    const r = await runCredentialsExchange(
      [
        action('gate', async (_event, api) => {
          api.access.deny('invalid_scope', 'This client may not read reports.');
          api.accessToken.setCustomClaim(`${NS}after`, true);
        }),
        action('never', async (_event, api) => void api.accessToken.setCustomClaim(`${NS}never`, true)),
      ],
      makeCredentialsExchangeEvent(),
    );
    expect(r.outcome).toBe('denied');
    expect(r.denied).toEqual({ code: 'invalid_scope', reason: 'This client may not read reports.' });
    expect(r.accessToken.claims).toEqual({});
    expect(r.actions).toEqual([{ name: 'gate', ran: true }, { name: 'never', ran: false }]);
    expect(r.calls.map((c) => c.method)).toEqual(['access.deny', 'accessToken.setCustomClaim']);
  });

  test('deny without a reason has an empty one; a code Auth0 does not take fails the exchange', async () => {
    expect((await runCredentialsExchange(action('a', async (_e, api) => void api.access.deny('server_error')), makeCredentialsExchangeEvent())).denied).toEqual({ code: 'server_error', reason: '' });
    const bad = await runCredentialsExchange(
      action('b', async (_e, api) => void (api.access.deny as (code: string, reason: string) => unknown)('access_denied', 'no')),
      makeCredentialsExchangeEvent(),
    );
    expect(bad.outcome).toBe('error');
    expect(bad.error).toEqual({ action: 'b', message: expect.stringMatching(/must be one of invalid_scope, invalid_request, server_error; got "access_denied"/) });
  });

  test('"scope" cannot be set as a claim; a non-string name is a TypeError', async () => {
    const scope = await runCredentialsExchange(action('s', async (_e, api) => void api.accessToken.setCustomClaim('scope', 'admin')), makeCredentialsExchangeEvent());
    expect(scope.error?.message).toBe('The "scope" claim cannot be set.');
    const caught = await runCredentialsExchange(
      action('t', async (_e, api) => {
        try {
          (api.accessToken.setCustomClaim as (k: unknown, v: unknown) => unknown)(42, 'x');
        } catch (err) {
          api.accessToken.setCustomClaim(`${NS}error`, (err as Error).constructor.name);
        }
      }),
      makeCredentialsExchangeEvent(),
    );
    expect(caught.accessToken.claims).toEqual({ [`${NS}error`]: 'TypeError' });
  });

  test('each Action gets its own event: direct changes never reach the next one; values are copied when set', async () => {
    const seen: unknown[] = [];
    const r = await runCredentialsExchange(
      [
        action('mutates', async (event, api) => {
          event.client.metadata['tenant_id'] = 'forged';
          event.accessToken.scope.push('admin');
          const value = { list: ['a'] };
          api.accessToken.setCustomClaim(`${NS}v`, value);
          value.list.push('b');
        }),
        action('reads', async (event) => void seen.push(event.client.metadata['tenant_id'], event.accessToken.scope)),
      ],
      makeCredentialsExchangeEvent({ client: { metadata: { tenant_id: 't-1' } } }),
    );
    expect(seen).toEqual(['t-1', ['read:reports']]);
    expect(r.accessToken.claims).toEqual({ [`${NS}v`]: { list: ['a'] } });
    expect(r.accessToken.scope).toEqual(['read:reports']);
  });

  test('target scopes: changes are seen at once by later Actions and end intersected with the client grant', async () => {
    const seen: unknown[] = [];
    const r = await runCredentialsExchange(
      [
        action('widen', async (event, api) => {
          api.transaction.addTargetScope('write:reports');
          api.transaction.addTargetScope('admin'); // not in the grant: dropped silently
          seen.push(event.transaction.target_scopes);
        }),
        action('narrow', async (event, api) => {
          seen.push(event.transaction.target_scopes);
          api.transaction.removeTargetScope('read:reports');
        }),
      ],
      makeCredentialsExchangeEvent(),
      { grantScopes: ['read:reports', 'write:reports'] },
    );
    expect(seen).toEqual([['read:reports', 'write:reports', 'admin'], ['read:reports', 'write:reports', 'admin']]);
    expect(r.accessToken.scope).toEqual(['write:reports']);
    expect(r.accessToken.scopes).toEqual({ added: ['write:reports'], removed: ['read:reports'] });
    const cleared = await runCredentialsExchange(action('c', async (_e, api) => api.transaction.clearTargetScopes()), makeCredentialsExchangeEvent());
    expect(cleared.accessToken.scope).toEqual([]);
    const invalid = await runCredentialsExchange(action('i', async (_e, api) => api.transaction.addTargetScope('two words')), makeCredentialsExchangeEvent());
    expect(invalid.error?.message).toMatch(/must not contain whitespace/);
  });

  test('a token for the Management API carries no custom claims: they are reported as dropped', async () => {
    const r = await runCredentialsExchange(
      action('m', async (_e, api) => void api.accessToken.setCustomClaim(`${NS}tenant_id`, 't-1')),
      makeCredentialsExchangeEvent({ resource_server: { identifier: 'https://claimkit-dev.us.auth0.com/api/v2/' } }),
    );
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({});
    expect(r.dropped).toEqual([expect.objectContaining({ rule: 'claim-on-management-api', claim: `${NS}tenant_id` })]);
  });

  test('custom claims over 100 KB fail the exchange, naming the Action that wrote last', async () => {
    const r = await runCredentialsExchange(
      [action('small', async (_e, api) => void api.accessToken.setCustomClaim(`${NS}a`, 'x')), action('big', async (_e, api) => void api.accessToken.setCustomClaim(`${NS}b`, 'x'.repeat(103_000)))],
      makeCredentialsExchangeEvent(),
    );
    expect(r.outcome).toBe('error');
    expect(r.error).toEqual({ action: 'big', message: expect.stringMatching(/custom claims are \d+ bytes; Auth0 allows 102400/) });
    expect(r.accessToken.claims).toEqual({});
  });

  test('a throw fails the exchange; later Actions do not run; the budget is shared by all Actions', async () => {
    const thrown = await runCredentialsExchange(
      [action('boom', async () => { throw new Error('CRM down'); }), action('later', async () => undefined)],
      makeCredentialsExchangeEvent(),
    );
    expect(thrown).toMatchObject({ outcome: 'error', error: { action: 'boom', message: 'CRM down' }, actions: [{ name: 'boom', ran: true }, { name: 'later', ran: false }] });
    const slow = await runCredentialsExchange(
      [action('a', async () => void (await new Promise((r) => setTimeout(r, 60)))), action('b', async () => void (await new Promise((r) => setTimeout(r, 60))))],
      makeCredentialsExchangeEvent(),
      { timeoutMs: 100 },
    );
    expect(slow.error).toEqual({ action: 'b', message: expect.stringMatching(/Script execution time exceeded/) });
  });

  test('calls after an Action finished change nothing; logs are captured per Action', async () => {
    let late: Promise<void> | undefined;
    const r = await runCredentialsExchange(
      action('sloppy', async (_e, api) => {
        console.log('issuing for', 'worker');
        late = new Promise<void>((resolve) => setTimeout(() => {
          api.accessToken.setCustomClaim(`${NS}late`, true).access.deny('server_error', 'late');
          resolve();
        }, 5));
      }),
      makeCredentialsExchangeEvent(),
    );
    await late;
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({});
    expect(r.logs).toEqual([{ action: 'sloppy', level: 'log', message: 'issuing for worker' }]);
    expect(r.calls).toEqual([]);
  });

  test('a handler that is missing or not async fails as Auth0 would refuse it', async () => {
    const none = await runCredentialsExchange({ name: 'x', action: {} as CredentialsExchangeAction }, makeCredentialsExchangeEvent());
    expect(none.error?.message).toMatch(/does not export an "onExecuteCredentialsExchange" function/);
    const sync = await runCredentialsExchange({ name: 'y', action: { onExecuteCredentialsExchange: (() => undefined) as unknown as CredentialsExchangeAction['onExecuteCredentialsExchange'] } }, makeCredentialsExchangeEvent());
    expect(sync.error?.message).toMatch(/Invalid function signature/);
  });

  test('secrets are per Action; the cache persists with a shared store; HTTP is answered from stubs', async () => {
    const cache = new CacheStore();
    const http = parseHttpFixtures([{ method: 'GET', url: 'https://crm.example.com/v1/plans/t-42', response: { body: { plan: 'gold' } } }]);
    const crm = action(
      'crm',
      async (event, api) => {
        const cached = api.cache.get('plan');
        const plan = cached?.value ?? ((await (await fetch(`https://${event.secrets['CRM']}/v1/plans/t-42`)).json()) as { plan: string }).plan;
        api.cache.set('plan', plan);
        api.accessToken.setCustomClaim(`${NS}plan`, plan);
        api.accessToken.setCustomClaim(`${NS}cached`, cached !== undefined);
      },
      { CRM: 'crm.example.com' },
    );
    const first = await runCredentialsExchange(crm, makeCredentialsExchangeEvent(), { cache, http });
    expect(first.accessToken.claims).toEqual({ [`${NS}plan`]: 'gold', [`${NS}cached`]: false });
    expect(first.http?.map((c) => `${c.method} ${c.url} ${c.status}`)).toEqual(['GET https://crm.example.com/v1/plans/t-42 200']);
    const second = await runCredentialsExchange(crm, makeCredentialsExchangeEvent(), { cache, http });
    expect(second.accessToken.claims[`${NS}cached`]).toBe(true);
    await expect(runCredentialsExchange(crm, makeCredentialsExchangeEvent(), { http: [] })).rejects.toMatchObject({ code: 'ERR_HTTP_UNSTUBBED' });
  });

  test('at most 20 Actions, as a trigger binds', async () => {
    const many = Array.from({ length: 21 }, (_, i) => action(`a${i}`, async () => undefined));
    await expect(runCredentialsExchange(many, makeCredentialsExchangeEvent())).rejects.toMatchObject({ code: 'ERR_TOO_MANY_BINDINGS' });
  });
});
