import { continuePostLogin, makeEvent, runPostLogin, type NamedAction } from '../../src/harness/index.ts';
import type { PostLoginApi, PostLoginEvent } from '../../src/types/index.ts';

// Auth0 hands each Action its own event ("the event object is read-only transaction context"; Actions
// "operate independently" — docs, Actions reference and Transaction metadata). Only what goes through the
// api reaches the next Action: user metadata, transaction metadata and target scopes, session and
// refresh-token metadata, the cookie mode.

const NS = 'https://claims.example.com/';
const act = (name: string, fn: (event: PostLoginEvent, api: PostLoginApi) => Promise<void>): NamedAction => ({ name, action: { onExecutePostLogin: fn } });
const base = makeEvent({
  authorization: { roles: ['reader'] },
  resource_server: { identifier: 'https://api.example.com' },
  session: { id: 'sess_1', metadata: { a: '1' }, cookie: { mode: 'persistent' } },
  refresh_token: { id: 'rt_1', created_at: '2026-01-01T00:00:00.000Z', metadata: { r: '1' } },
});

describe('each Action gets its own copy of the event', () => {
  test('what an Action writes to event.user, event.authorization.roles or event.transaction directly is not seen by the next', async () => {
    const seen: unknown[] = [];
    await runPostLogin(
      [
        act('mutator', async (e) => {
          e.user.email = 'attacker@example.com';
          e.user.app_metadata['plan'] = 'enterprise';
          e.authorization?.roles.push('admin');
          if (e.transaction) e.transaction.metadata['forged'] = true;
          e.request.query['prompt'] = 'none';
        }),
        act('reader', async (e) => {
          seen.push(e.user.email, e.user.app_metadata['plan'], e.authorization?.roles, e.transaction?.metadata, e.request.query['prompt']);
        }),
      ],
      base,
    );
    expect(seen).toEqual([base.user.email, undefined, ['reader'], {}, base.request.query['prompt']]);
  });

  test("changing its event's audience or scopes does not change which claims Auth0 keeps", async () => {
    const r = await runPostLogin(
      act('a', async (e, api) => {
        e.resource_server = undefined;
        api.accessToken.setCustomClaim(`${NS}x`, 1);
      }),
      base,
    );
    expect(r.accessToken.claims).toEqual({ [`${NS}x`]: 1 });
    expect(r.dropped).toEqual([]);
  });

  test("the caller's event is never changed", async () => {
    const event = makeEvent({ authorization: { roles: ['reader'] } });
    const before = JSON.stringify(event);
    await runPostLogin(
      act('a', async (e, api) => {
        e.authorization?.roles.push('admin');
        api.user.setAppMetadata('x', 1);
        api.transaction.setMetadata('k', 'v');
        api.session.setCookieMode('non-persistent');
      }),
      event,
    );
    expect(JSON.stringify(event)).toBe(before);
  });

  test('onContinuePostLogin gets a fresh copy too: what onExecutePostLogin did to its event is gone', async () => {
    let seen: unknown;
    const first = await runPostLogin(
      {
        name: 'redirector',
        action: {
          onExecutePostLogin: async (e, api) => {
            e.user.app_metadata['step'] = 'forged';
            api.redirect.sendUserTo('https://target.example.com');
          },
          onContinuePostLogin: async (e) => void (seen = e.user.app_metadata['step']),
        },
      },
      base,
    );
    await continuePostLogin(first);
    expect(seen).toBeUndefined();
  });
});

describe('what passes between Actions through the api', () => {
  test('user metadata: later Actions see it, the Action that set it does not', async () => {
    const seen: unknown[] = [];
    const r = await runPostLogin(
      [
        act('writer', async (e, api) => {
          api.user.setAppMetadata('plan', 'pro');
          seen.push(e.user.app_metadata['plan']);
        }),
        act('reader', async (e) => void seen.push(e.user.app_metadata['plan'])),
      ],
      base,
    );
    expect(seen).toEqual([undefined, 'pro']);
    expect(r.user.app_metadata).toEqual({ plan: 'pro' });
  });

  test('transaction metadata set through the api reaches later Actions; a direct write next to it does not', async () => {
    const seen: unknown[] = [];
    await runPostLogin(
      [
        act('writer', async (e, api) => {
          api.transaction.setMetadata('risk', 3);
          if (e.transaction) e.transaction.metadata['forged'] = 'x';
          seen.push({ ...e.transaction?.metadata });
        }),
        act('reader', async (e) => void seen.push({ ...e.transaction?.metadata })),
      ],
      base,
    );
    expect(seen).toEqual([{ risk: 3, forged: 'x' }, { risk: 3 }]);
  });

  test('target scopes, session and refresh-token metadata and the cookie mode reach later Actions', async () => {
    const seen: unknown[] = [];
    await runPostLogin(
      [
        act('writer', async (e, api) => {
          api.transaction.addTargetScope('read:reports');
          api.session.setMetadata('b', '2');
          api.refreshToken.setMetadata('s', '2');
          api.session.setCookieMode('non-persistent');
          seen.push(e.session?.metadata, e.refresh_token?.metadata, e.session?.cookie, e.transaction?.target_scopes);
        }),
        act('reader', async (e) => void seen.push(e.session?.metadata, e.refresh_token?.metadata, e.session?.cookie, e.transaction?.target_scopes)),
      ],
      base,
    );
    const expected = [{ a: '1', b: '2' }, { r: '1', s: '2' }, { mode: 'non-persistent' }, expect.arrayContaining(['read:reports'])];
    expect(seen).toEqual([...expected, ...expected]);
  });

  test("an Action's direct write to session metadata is dropped once the api writes it", async () => {
    const seen: unknown[] = [];
    await runPostLogin(
      [
        act('writer', async (e, api) => {
          if (e.session) e.session.metadata = { forged: 'x' };
          api.session.setMetadata('b', '2');
          seen.push(e.session?.metadata);
        }),
        act('reader', async (e) => void seen.push(e.session?.metadata)),
      ],
      base,
    );
    // The runtime builds the session api from the event as it was handed over, before the Action ran.
    expect(seen).toEqual([{ a: '1', b: '2' }, { a: '1', b: '2' }]);
  });
});
