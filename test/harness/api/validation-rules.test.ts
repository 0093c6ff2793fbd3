import { makeEvent, runPostLogin } from '../../../src/harness/index.ts';
import { NOW, outcome, runOne } from './helpers.ts';

describe('api.validation.error', () => {
  it('denies the login with the code and message and skips later Actions', async () => {
    const result = await runPostLogin(
      [
        { onExecutePostLogin: async (_e, api) => void api.validation.error('invalid_domain', 'Use your work address.') },
        { onExecutePostLogin: async (_e, api) => void api.idToken.setCustomClaim('https://example.com/late', true) },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(result.outcome).toBe('denied');
    expect(result.denied).toEqual({ reason: 'Use your work address.', code: 'invalid_domain' });
    expect(result.actions.map((a) => a.ran)).toEqual([true, false]);
  });

  it('refuses empty, non-string and over-long codes and messages', async () => {
    const seen: string[] = [];
    const result = await runOne(async (_e, api) => {
      seen.push(outcome(() => api.validation.error('', 'message')));
      seen.push(outcome(() => api.validation.error('code', '')));
      seen.push(outcome(() => api.validation.error(404 as never, 'message')));
      seen.push(outcome(() => api.validation.error('code', undefined as never)));
      seen.push(outcome(() => api.validation.error('c'.repeat(101), 'message')));
      seen.push(outcome(() => api.validation.error('code', 'm'.repeat(101))));
    });
    expect(seen).toEqual(Array(6).fill('ERR_API_INVALID_ARGUMENT'));
    // None of the refused calls denied the login.
    expect(result.outcome).toBe('success');
  });
});

describe('api.rules.wasExecuted', () => {
  it('is true only for the Rules that ran before the Actions', async () => {
    const seen: boolean[] = [];
    await runOne(
      async (_e, api) => {
        seen.push(api.rules.wasExecuted('rul_1'), api.rules.wasExecuted('rul_2'), api.rules.wasExecuted(1 as never));
      },
      {},
      { rulesExecuted: ['rul_1'] },
    );
    expect(seen).toEqual([true, false, false]);
  });
});
