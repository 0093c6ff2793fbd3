import { continuePostLogin, makeEvent, runPostLogin, type EventOverrides, type NamedAction } from '../../src/harness/index.ts';
import type { PostLoginAction } from '../../src/types/index.ts';

// Redirect with Actions (Auth0 docs): Auth0 adds a `state` parameter to the redirect URL and expects it back
// at /continue (else invalid_request); redirects fail in Resource Owner, password and refresh-token flows,
// and with prompt=none the login fails with error=interaction_required.

const NS = 'https://claims.example.com/';
const redirector = (seen: string[] = []): NamedAction => ({
  name: 'redirector',
  action: {
    onExecutePostLogin: async (_e, api) => {
      api.redirect.sendUserTo('https://consent.example.com/start', { query: { state: 'mine', lang: 'en' } });
      api.user.setAppMetadata('asked', true);
      seen.push('execute finished');
    },
    onContinuePostLogin: async (_e, api) => {
      seen.push('continued');
      api.idToken.setCustomClaim(`${NS}consent`, true);
    },
  },
});
const after = (seen: string[]): NamedAction => ({ name: 'after', action: { onExecutePostLogin: async () => void seen.push('after ran') } });

describe('where Auth0 cannot redirect, the login fails', () => {
  test.each(['oauth2-resource-owner', 'oauth2-password', 'oauth2-refresh-token', 'oauth2-webauthn'] as const)(
    "in a '%s' flow: the Action finishes, nothing after it runs, no metadata is written",
    async (protocol) => {
      const seen: string[] = [];
      const r = await runPostLogin([redirector(seen), after(seen)], makeEvent({ transaction: { protocol } }));
      expect(r.outcome).toBe('error');
      expect(r.error).toEqual({ action: 'redirector', message: expect.stringContaining(`'${protocol}'`) });
      expect(r.redirect).toBeNull();
      expect(seen).toEqual(['execute finished']);
      expect(r.actions.map((a) => a.ran)).toEqual([true, false]);
      expect(r.user.app_metadata).toEqual({});
    },
  );

  test.each<[string, EventOverrides]>([
    ['the authorize query', { request: { query: { prompt: 'none' } } }],
    ['the transaction', { transaction: { prompt: ['none'] } }],
  ])('with prompt=none (in %s): error=interaction_required', async (_where, overrides) => {
    const r = await runPostLogin(redirector(), makeEvent(overrides));
    expect(r.outcome).toBe('error');
    expect(r.error).toMatchObject({ action: 'redirector', code: 'interaction_required' });
  });

  test("an Action cannot escape by rewriting its own event's protocol", async () => {
    const sneaky: PostLoginAction = {
      onExecutePostLogin: async (e, api) => {
        if (e.transaction) e.transaction.protocol = 'oidc-basic-profile';
        api.redirect.sendUserTo('https://x.example.com');
      },
    };
    const r = await runPostLogin(sneaky, makeEvent({ transaction: { protocol: 'oauth2-refresh-token' } }));
    expect(r.outcome).toBe('error');
  });

  test('an Action that asks canRedirect() first passes in a refresh-token exchange', async () => {
    const careful: PostLoginAction = {
      onExecutePostLogin: async (_e, api) => {
        if (api.redirect.canRedirect()) api.redirect.sendUserTo('https://x.example.com');
        else api.idToken.setCustomClaim(`${NS}fallback`, true);
      },
    };
    const r = await runPostLogin(careful, makeEvent({ transaction: { protocol: 'oauth2-refresh-token' } }));
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toEqual({ [`${NS}fallback`]: true });
  });

  test('an interactive login (authorization code flow) pauses as before', async () => {
    const r = await runPostLogin(redirector(), makeEvent({ transaction: { protocol: 'oidc-basic-profile' } }));
    expect(r.outcome).toBe('success');
    expect(r.redirect).not.toBeNull();
  });
});

describe("Auth0's state parameter", () => {
  test("the redirect URL carries Auth0's state, replacing a state query the Action set itself", async () => {
    const r = await runPostLogin(redirector(), makeEvent());
    const url = new URL(r.redirect?.url ?? '');
    expect(url.searchParams.get('state')).toBe(r.redirect?.state);
    expect(url.searchParams.getAll('state')).toHaveLength(1);
    expect(url.searchParams.get('lang')).toBe('en');
    expect(r.redirect?.state).not.toBe(makeEvent().transaction?.state);
  });

  test('is the same for the same login, different for another transaction, and can be chosen', async () => {
    const state = async (overrides: EventOverrides, redirectState?: string) =>
      (await runPostLogin(redirector(), makeEvent(overrides), redirectState === undefined ? {} : { redirectState })).redirect?.state;
    expect(await state({})).toBe(await state({}));
    expect(await state({ transaction: { id: 'another-transaction' } })).not.toBe(await state({}));
    expect(await state({}, 'chosen')).toBe('chosen');
  });

  test.each<[string, EventOverrides]>([
    ['another state', { request: { query: { state: 'forged' } } }],
    ['no state', { request: { query: { state: undefined } } }],
  ])('a /continue request with %s fails the login with invalid_request, without running the Action', async (_name, back) => {
    const seen: string[] = [];
    const paused = await runPostLogin([redirector(seen), after(seen)], makeEvent());
    const r = await continuePostLogin(paused, back);
    expect(r.outcome).toBe('error');
    expect(r.error).toMatchObject({ action: 'redirector', code: 'invalid_request' });
    expect(seen).toEqual(['execute finished']);
    expect(r.user.app_metadata).toEqual({});
  });

  test('the state may come back in a POST body', async () => {
    const seen: string[] = [];
    const paused = await runPostLogin([redirector(seen), after(seen)], makeEvent());
    const r = await continuePostLogin(paused, { request: { method: 'POST', query: { state: undefined }, body: { state: paused.redirect?.state } } });
    expect(r.outcome).toBe('success');
    expect(seen).toEqual(['execute finished', 'continued', 'after ran']);
  });
});
