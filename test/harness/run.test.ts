import { continuePostLogin, makeEvent, runPostLogin, type NamedAction } from '../../src/harness/index.ts';
import type { PostLoginAction, PostLoginApi, PostLoginEvent } from '../../src/types/index.ts';

const NS = 'https://claims.example.com/';
const withApi = makeEvent({ resource_server: { identifier: 'https://api.example.com' } });
const act = (name: string, fn: (event: PostLoginEvent, api: PostLoginApi) => Promise<void>): NamedAction => ({ name, action: { onExecutePostLogin: fn } });

describe('claims across a flow', () => {
  test('claims accumulate across Actions and the last write to a key wins', async () => {
    const r = await runPostLogin(
      [
        act('a', async (_e, api) => {
          api.idToken.setCustomClaim(`${NS}x`, 1).idToken.setCustomClaim(`${NS}a`, 'a');
          api.accessToken.setCustomClaim(`${NS}x`, 'first');
        }),
        act('b', async (_e, api) => {
          api.idToken.setCustomClaim(`${NS}x`, 2);
          api.accessToken.setCustomClaim(`${NS}x`, 'second');
        }),
      ],
      withApi,
    );
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toEqual({ [`${NS}x`]: 2, [`${NS}a`]: 'a' });
    expect(r.accessToken.claims).toEqual({ [`${NS}x`]: 'second' });
    expect(r.actions).toEqual([{ name: 'a', ran: true }, { name: 'b', ran: true }]);
  });

  test('a claim value is taken when set: later mutation by the Action does not reach the token', async () => {
    const r = await runPostLogin(act('a', async (_e, api) => {
      const roles = ['a'];
      api.idToken.setCustomClaim(`${NS}roles`, roles);
      roles.push('b');
    }), withApi);
    expect(r.idToken.claims[`${NS}roles`]).toEqual(['a']);
  });

  test('a restricted claim is dropped silently and reported; the login succeeds', async () => {
    const r = await runPostLogin(act('a', async (_e, api) => {
      api.idToken.setCustomClaim('roles', ['admin']);
      api.accessToken.setCustomClaim('permissions', ['x']);
    }), withApi);
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toEqual({});
    expect(r.accessToken.claims).toEqual({});
    expect(r.dropped).toEqual([
      expect.objectContaining({ token: 'id', claim: 'roles', rule: 'restricted-name' }),
      expect.objectContaining({ token: 'access', claim: 'permissions', rule: 'restricted-name' }),
    ]);
  });

  test('access-token claims without an audience are dropped: the token is opaque', async () => {
    const r = await runPostLogin(act('a', async (_e, api) => {
      api.accessToken.setCustomClaim(`${NS}x`, 1);
      api.idToken.setCustomClaim(`${NS}x`, 1);
    }), makeEvent());
    expect(r.accessToken.claims).toEqual({});
    expect(r.idToken.claims).toEqual({ [`${NS}x`]: 1 });
    expect(r.dropped).toEqual([expect.objectContaining({ token: 'access', rule: 'opaque-access-token' })]);
  });

  test('a profile claim reaches the access token only when its scope is granted, counting addScope/removeScope', async () => {
    const noEmail = makeEvent({ resource_server: { identifier: 'https://api.example.com' }, transaction: { requested_scopes: ['openid'] } });
    const set = (extra: (api: PostLoginApi) => void) => act('a', async (_e, api) => {
      api.accessToken.setCustomClaim('email', 'j@example.com');
      extra(api);
    });
    expect((await runPostLogin(set(() => {}), noEmail)).accessToken.claims).toEqual({});
    expect((await runPostLogin(set((api) => api.accessToken.addScope('email')), noEmail)).accessToken.claims).toEqual({ email: 'j@example.com' });
    const r = await runPostLogin(set((api) => api.accessToken.removeScope('email')), withApi);
    expect(r.accessToken.claims).toEqual({});
    expect(r.accessToken.scopes).toEqual({ added: [], removed: ['email'] });
  });

  test('a profile claim follows the target scopes the Actions left (api.transaction.*TargetScope)', async () => {
    const withEmail = makeEvent({ resource_server: { identifier: 'https://api.example.com' }, transaction: { requested_scopes: ['openid', 'email'] } });
    const r = await runPostLogin(
      [
        act('narrow', async (_e, api) => void api.transaction.removeTargetScope('email')),
        act('claim', async (_e, api) => void api.accessToken.setCustomClaim('email', 'j@example.com')),
      ],
      withEmail,
    );
    expect(r.accessToken.claims).toEqual({});
    expect(r.dropped).toEqual([expect.objectContaining({ claim: 'email', rule: 'profile-claim-without-scope' })]);
  });

  test('setting "scope" throws, as Auth0 does, and fails the login', async () => {
    const r = await runPostLogin(act('sets-scope', async (_e, api) => {
      api.accessToken.setCustomClaim('scope', 'admin');
    }), withApi);
    expect(r.outcome).toBe('error');
    expect(r.error).toEqual({ message: 'The "scope" claim cannot be set.', action: 'sets-scope' });
  });

  test('over 100 KB of custom claims on one token fails the login, naming the Action that wrote last', async () => {
    const r = await runPostLogin(
      [act('small', async (_e, api) => void api.idToken.setCustomClaim(`${NS}a`, 'x')), act('big', async (_e, api) => void api.idToken.setCustomClaim(`${NS}blob`, 'x'.repeat(110_000)))],
      withApi,
    );
    expect(r.outcome).toBe('error');
    expect(r.error?.action).toBe('big');
    expect(r.error?.message).toMatch(/ID token's custom claims are \d+ bytes/);
    expect(r.idToken.claims).toEqual({});
  });

  test('dropped claims do not count towards the budget', async () => {
    const r = await runPostLogin(act('a', async (_e, api) => void api.idToken.setCustomClaim('roles', 'x'.repeat(110_000))), withApi);
    expect(r.outcome).toBe('success');
  });
});

describe('deny, errors and metadata', () => {
  test('deny lets the current Action finish, skips the rest, issues no tokens and keeps metadata changes', async () => {
    const r = await runPostLogin(
      [
        act('first', async (_e, api) => void api.user.setAppMetadata('seen', true)),
        act('denier', async (_e, api) => {
          api.access.deny('not today');
          api.user.setUserMetadata('after_deny', 1);
          api.idToken.setCustomClaim(`${NS}x`, 1);
        }),
        act('never', async (_e, api) => void api.user.setAppMetadata('never', true)),
      ],
      withApi,
    );
    expect(r.outcome).toBe('denied');
    expect(r.denied).toEqual({ reason: 'not today' });
    expect(r.actions.map((a) => a.ran)).toEqual([true, true, false]);
    expect(r.idToken.claims).toEqual({});
    expect(r.user).toEqual({ app_metadata: { seen: true }, user_metadata: { after_deny: 1 } });
  });

  test('later Actions see metadata changes in event.user; null deletes a key', async () => {
    const seen: unknown[] = [];
    const event = makeEvent({ user: { app_metadata: { keep: 1, drop: 2 }, user_metadata: { lang: 'en' } } });
    const r = await runPostLogin(
      [
        act('writer', async (e, api) => {
          api.user.setAppMetadata('plan', 'pro').user.setAppMetadata('drop', null);
          api.user.setUserMetadata('lang', 'fr');
          seen.push(e.user.app_metadata['plan']);
        }),
        act('reader', async (e) => void seen.push(e.user.app_metadata['plan'], e.user.app_metadata['drop'], e.user.user_metadata['lang'])),
      ],
      event,
    );
    expect(seen).toEqual([undefined, 'pro', undefined, 'fr']);
    expect(r.user).toEqual({ app_metadata: { keep: 1, plan: 'pro' }, user_metadata: { lang: 'fr' } });
    expect(event.user.app_metadata).toEqual({ keep: 1, drop: 2 });
  });

  test('an Action that throws fails the login, skips the rest and writes no metadata', async () => {
    const r = await runPostLogin(
      [
        act('ok', async (_e, api) => void api.user.setAppMetadata('x', 1)),
        act('boom', async () => {
          throw new Error('upstream API down');
        }),
        act('never', async () => {}),
      ],
      withApi,
    );
    expect(r.outcome).toBe('error');
    expect(r.error).toEqual({ message: 'upstream API down', action: 'boom' });
    expect(r.actions.map((a) => a.ran)).toEqual([true, true, false]);
    expect(r.user).toEqual({ app_metadata: {}, user_metadata: {} });
  });

  test('a handler that is not an async function is refused, as Auth0 refuses it', async () => {
    const sync = { onExecutePostLogin: (() => Promise.resolve()) as unknown as PostLoginAction['onExecutePostLogin'] };
    const r = await runPostLogin({ name: 'sync', action: sync }, withApi);
    expect(r.outcome).toBe('error');
    expect(r.error?.message).toMatch(/Invalid function signature for the "onExecutePostLogin" handler/);
  });

  test('an execution over the time limit fails the login', async () => {
    const r = await runPostLogin(act('slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }), withApi, { timeoutMs: 20 });
    expect(r.outcome).toBe('error');
    expect(r.error?.message).toMatch(/execution time exceeded/);
  });

  test('an api abort fails the login even when the Action catches it, and no later Action runs', async () => {
    const r = await runPostLogin(
      [
        act('both', async (_e, api) => {
          api.redirect.sendUserTo('https://example.com');
          try {
            api.prompt.render('prompt-1');
          } catch {
            // swallowed: Auth0 fails the execution anyway
          }
        }),
        act('never', async (_e, api) => void api.idToken.setCustomClaim(`${NS}x`, 1)),
      ],
      withApi,
    );
    expect(r.outcome).toBe('error');
    expect(r.error?.message).toContain('cannot be used in the same action');
    expect(r.actions.map((a) => a.ran)).toEqual([true, false]);
  });

  test('api calls from a callback or an un-awaited promise, after the Action finished, are ignored and marked', async () => {
    let release: () => void = () => undefined;
    const lateCallDone = new Promise<void>((resolve) => (release = resolve));
    const r = await runPostLogin(
      [
        act('forgets-to-await', async (_e, api) => {
          setTimeout(() => {
            const chained = api.idToken.setCustomClaim(`${NS}late`, 1).user.setAppMetadata('late', true);
            api.cache.set('late', 'v');
            expect(chained).toBe(api);
            expect(api.cache.set('late', 'v')).toEqual({ type: 'error', code: 'FailedToSetCacheRecord' });
            release();
          }, 0);
        }),
        act('slow-enough', async () => lateCallDone),
      ],
      withApi,
    );
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toEqual({});
    expect(r.user.app_metadata).toEqual({});
    expect(r.calls.filter((c) => c.ignored).map((c) => c.method)).toEqual(['idToken.setCustomClaim', 'user.setAppMetadata', 'cache.set', 'cache.set']);
  });

  test('a flow of more than 20 Actions is refused: Auth0 binds at most 20 to a trigger', async () => {
    const many = Array.from({ length: 21 }, (_, i) => act(`a${i}`, async () => {}));
    await expect(runPostLogin(many, withApi)).rejects.toMatchObject({ code: 'ERR_TOO_MANY_BINDINGS' });
    expect((await runPostLogin(many.slice(0, 20), withApi)).outcome).toBe('success');
  });

  test.each([
    ['31 secrets', Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`S${i}`, 'v']))],
    ['a name of 129 characters', { ['N'.repeat(129)]: 'v' }],
    ['a value of 4097 characters', { KEY: 'v'.repeat(4097) }],
  ])('an Action with %s is refused, as Auth0 cannot store them; the value is never printed', async (_name, secrets) => {
    const err: unknown = await runPostLogin({ name: 'a', secrets, action: { onExecutePostLogin: async () => {} } }, withApi).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_USAGE' });
    expect(String((err as Error).message)).not.toContain('vvvv');
  });

  test("an Action's log holds at most 256 KiB, as the runtime's log buffer; the crossing line is cut", async () => {
    const line = 'x'.repeat(100 * 1024);
    const r = await runPostLogin([act('chatty', async () => {
      for (let i = 0; i < 4; i++) console.log(line);
    }), act('next', async () => console.log('own budget'))], withApi);
    const chatty = r.logs.filter((l) => l.action === 'chatty');
    expect(chatty.map((l) => l.message.length)).toEqual([100 * 1024, 100 * 1024, 256 * 1024 - 2 * (100 * 1024 + 1)]);
    expect(r.logs.at(-1)).toEqual({ action: 'next', level: 'log', message: 'own budget' });
  });

  test('output from a promise nobody awaited, after the Action finished, is not in its log', async () => {
    let release: () => void = () => undefined;
    const lateLogDone = new Promise<void>((resolve) => (release = resolve));
    const r = await runPostLogin([
      act('forgets', async () => {
        console.log('in time');
        setTimeout(() => {
          console.log('too late');
          release();
        }, 0);
      }),
      act('waits', async () => lateLogDone),
    ], withApi);
    expect(r.logs.map((l) => l.message)).toEqual(['in time']);
  });

  test('console.trace is captured too (Actions Real-time Logs show it)', async () => {
    const r = await runPostLogin(act('a', async () => console.trace('here')), withApi);
    expect(r.logs).toEqual([{ action: 'a', level: 'trace', message: 'here' }]);
  });

  test('console output of each Action is captured in logs, in order', async () => {
    const r = await runPostLogin(
      [act('a', async (e) => console.log('user %s', e.user.user_id)), act('b', async () => console.warn({ n: 1 }))],
      withApi,
    );
    expect(r.logs).toEqual([
      { action: 'a', level: 'log', message: 'user auth0|5f7c8ec7c33c6c004bbafe82' },
      { action: 'b', level: 'warn', message: '{ n: 1 }' },
    ]);
  });

  test('every api call is recorded with its Action and arguments', async () => {
    const r = await runPostLogin(act('a', async (_e, api) => {
      api.accessToken.addScope('  read:reports ');
      api.idToken.setCustomClaim(`${NS}x`, [1]);
    }), withApi);
    expect(r.calls).toEqual([
      { action: 'a', method: 'accessToken.addScope', args: ['  read:reports '] },
      { action: 'a', method: 'idToken.setCustomClaim', args: [`${NS}x`, [1]] },
    ]);
    expect(r.accessToken.scopes.added).toEqual(['read:reports']);
  });

  test('each Action sees its own secrets', async () => {
    const seen: string[] = [];
    await runPostLogin(
      [
        { name: 'a', secrets: { KEY: 'a-key' }, action: { onExecutePostLogin: async (e) => void seen.push(e.secrets['KEY'] ?? '-') } },
        { name: 'b', action: { onExecutePostLogin: async (e) => void seen.push(e.secrets['KEY'] ?? '-') } },
      ],
      withApi,
    );
    expect(seen).toEqual(['a-key', '-']);
  });

  test('flows do not leak into each other when run concurrently', async () => {
    const runs = await Promise.all(
      ['x', 'y', 'z'].map((v) =>
        runPostLogin(act(v, async (_e, api) => {
          await new Promise((r) => setTimeout(r, 5));
          console.log(v);
          api.idToken.setCustomClaim(`${NS}v`, v);
        }), withApi),
      ),
    );
    expect(runs.map((r) => [r.idToken.claims[`${NS}v`], r.logs.map((l) => l.message)])).toEqual([
      ['x', ['x']],
      ['y', ['y']],
      ['z', ['z']],
    ]);
  });
});

describe('redirects', () => {
  const redirecting: PostLoginAction = {
    onExecutePostLogin: async (_e, api) => {
      api.redirect.sendUserTo('https://consent.example.com/start', { query: { lang: 'en' } });
    },
    onContinuePostLogin: async (e, api) => {
      api.idToken.setCustomClaim(`${NS}consent`, e.request.query['answer'] === 'yes');
    },
  };

  test('a redirect pauses the flow; continuing runs onContinuePostLogin then the remaining Actions', async () => {
    const after = act('after', async (_e, api) => void api.idToken.setCustomClaim(`${NS}after`, true));
    const first = await runPostLogin([{ name: 'consent', action: redirecting }, after], withApi);
    const state = first.redirect?.state ?? '';
    expect(state).toMatch(/^[\w-]{16,}$/);
    expect(first.redirect).toEqual({ url: `https://consent.example.com/start?lang=en&state=${state}`, state });
    expect(first.actions).toEqual([{ name: 'consent', ran: true }, { name: 'after', ran: false }]);
    const done = await continuePostLogin(first, { request: { query: { answer: 'yes' } } });
    expect(done.outcome).toBe('success');
    expect(done.redirect).toBeNull();
    expect(done.idToken.claims).toEqual({ [`${NS}consent`]: true, [`${NS}after`]: true });
    expect(done.actions.map((a) => a.ran)).toEqual([true, true]);
    await expect(continuePostLogin(done)).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });

  test("the /continue request carries the redirect's state, which is Auth0's own, not the application's", async () => {
    let state: unknown;
    const action: PostLoginAction = {
      onExecutePostLogin: async (_e, api) => void api.redirect.sendUserTo('https://x.example.com'),
      onContinuePostLogin: async (e) => void (state = e.request.query['state']),
    };
    const first = await runPostLogin(action, withApi);
    await continuePostLogin(first);
    expect(state).toBe(first.redirect?.state);
    expect(state).not.toBe(withApi.transaction?.state);
  });
});
