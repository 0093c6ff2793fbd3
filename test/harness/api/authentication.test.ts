import { continuePostLogin, makeEvent, runPostLogin } from '../../../src/harness/index.ts';
import type { PostLoginAction } from '../../../src/types/action.ts';
import type { PostLoginApi } from '../../../src/types/api.ts';
import { NOW, outcome, runOne } from './helpers.ts';

describe('api.authentication.setPrimaryUser', () => {
  it('accepts one change per transaction and refuses a second one, even from a later Action', async () => {
    const seen: string[] = [];
    const result = await runPostLogin(
      [
        { onExecutePostLogin: async (_e, api) => void seen.push(outcome(() => api.authentication.setPrimaryUser('auth0|primary'))) },
        { onExecutePostLogin: async (_e, api) => void seen.push(outcome(() => api.authentication.setPrimaryUser('auth0|other'))) },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(seen).toEqual(['ok', 'ERR_API_NOT_ALLOWED']);
    expect(result.outcome).toBe('success');
  });

  it('refuses an empty id, a non-string and an id over 128 characters', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.authentication.setPrimaryUser('')));
      seen.push(outcome(() => api.authentication.setPrimaryUser(42 as never)));
      seen.push(outcome(() => api.authentication.setPrimaryUser('x'.repeat(129))));
      seen.push(outcome(() => api.authentication.setPrimaryUser('x'.repeat(128))));
    });
    expect(seen).toEqual(['ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT', 'ok']);
  });

  it('fails the login when the Action does not catch the refusal', async () => {
    const result = await runOne(async (_e, api) => api.authentication.setPrimaryUser(''));
    expect(result.outcome).toBe('error');
  });
});

describe('api.authentication.recordMethod', () => {
  it('is refused in onExecutePostLogin', async () => {
    let seen = '';
    await runOne(async (_e, api) => void (seen = outcome(() => api.authentication.recordMethod('https://idp.example.com/otp'))));
    expect(seen).toBe('ERR_API_NOT_ALLOWED');
  });

  it('works in onContinuePostLogin with an http(s) URL only', async () => {
    const seen: string[] = [];
    const action: PostLoginAction = {
      onExecutePostLogin: async (_e, api) => void api.redirect.sendUserTo('https://mfa.example.com'),
      onContinuePostLogin: async (_e, api) => {
        seen.push(outcome(() => api.authentication.recordMethod('https://mfa.example.com/method')));
        seen.push(outcome(() => api.authentication.recordMethod('ftp://mfa.example.com/method')));
        seen.push(outcome(() => api.authentication.recordMethod('not a url')));
      },
    };
    const paused = await runPostLogin(action, makeEvent(), { now: () => NOW });
    const result = await continuePostLogin(paused);
    expect(seen).toEqual(['ok', 'ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT']);
    expect(result.outcome).toBe('success');
  });
});

describe('api.authentication factor selectors', () => {
  it('accepts the documented factor types and options', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.authentication.challengeWith({ type: 'phone', options: { preferredMethod: 'both' } })));
      seen.push(outcome(() => api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: [{ type: 'push-notification', options: { otpFallback: false } }] })));
      seen.push(outcome(() => api.authentication.challengeWithAny([{ type: 'email' }, { type: 'webauthn-roaming' }])));
      seen.push(outcome(() => api.authentication.enrollWith({ type: 'recovery-code' })));
      seen.push(outcome(() => api.authentication.enrollWithAny([{ type: 'otp' }])));
    });
    expect(seen).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('refuses unknown types, email enrollment, bad options and empty lists', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.authentication.challengeWith({ type: 'sms' } as never)));
      seen.push(outcome(() => api.authentication.challengeWith('otp' as never)));
      seen.push(outcome(() => api.authentication.challengeWith({ type: 'otp' }, { additionalFactors: [{ type: 'carrier-pigeon' }] } as never)));
      seen.push(outcome(() => api.authentication.challengeWith({ type: 'phone', options: { preferredMethod: 'fax' } } as never)));
      seen.push(outcome(() => api.authentication.challengeWith({ type: 'push', options: { otpFallback: 'no' } } as never)));
      seen.push(outcome(() => api.authentication.challengeWithAny([])));
      seen.push(outcome(() => api.authentication.enrollWith({ type: 'email' } as never)));
      seen.push(outcome(() => api.authentication.enrollWithAny([{ type: 'otp' }, { type: 'email' }] as never)));
    });
    expect(seen).toEqual(Array(8).fill('ERR_API_INVALID_ARGUMENT'));
  });
});

describe('an MFA challenge or enrollment requested by an Action', () => {
  const methodNames = (e: { authentication?: { methods: Array<{ name: string }> } }) => (e.authentication?.methods ?? []).map((m) => m.name);

  it.each([
    ['challengeWith', (api: PostLoginApi) => api.authentication.challengeWith({ type: 'otp' })],
    ['challengeWithAny', (api: PostLoginApi) => api.authentication.challengeWithAny([{ type: 'otp' }, { type: 'email' }])],
    ['enrollWith', (api: PostLoginApi) => api.authentication.enrollWith({ type: 'otp' })],
    ['enrollWithAny', (api: PostLoginApi) => api.authentication.enrollWithAny([{ type: 'otp' }])],
  ])('%s: is completed before the next Action, which sees an mfa method (the Action itself does not)', async (_name, request) => {
    const seen: string[][] = [];
    await runPostLogin(
      [
        { onExecutePostLogin: async (e, api) => { request(api); seen.push(methodNames(e)); } },
        { onExecutePostLogin: async (e) => void seen.push(methodNames(e)) },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(seen).toEqual([['pwd'], ['pwd', 'mfa']]);
  });

  it('is not repeated once completed, and multifactor.enable (deferred to the end of the flow) adds nothing', async () => {
    const seen: string[][] = [];
    await runPostLogin(
      [
        { onExecutePostLogin: async (_e, api) => void api.multifactor.enable('any') },
        { onExecutePostLogin: async (e, api) => { seen.push(methodNames(e)); api.authentication.challengeWith({ type: 'otp' }); } },
        { onExecutePostLogin: async (_e, api) => void api.authentication.challengeWith({ type: 'email' }) },
        { onExecutePostLogin: async (e) => void seen.push(methodNames(e)) },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(seen).toEqual([['pwd'], ['pwd', 'mfa']]);
  });
});
