import { makeEvent, runPostLogin } from '../../../src/harness/index.ts';
import { NOW, outcome, runOne } from './helpers.ts';

describe('api.transaction.setMetadata', () => {
  it('shows changes in event.transaction.metadata at once and to later Actions; null deletes', async () => {
    const seen: unknown[] = [];
    await runPostLogin(
      [
        {
          onExecutePostLogin: async (event, api) => {
            api.transaction.setMetadata('step', 1);
            api.transaction.setMetadata('flag', true);
            api.transaction.setMetadata('who', 'a');
            seen.push({ ...event.transaction?.metadata });
          },
        },
        {
          name: 'with-secrets',
          secrets: { KEY: 'v' },
          action: {
            onExecutePostLogin: async (event, api) => {
              seen.push({ ...event.transaction?.metadata });
              api.transaction.setMetadata('who', null);
              seen.push({ ...event.transaction?.metadata });
            },
          },
        },
        { onExecutePostLogin: async (event) => void seen.push({ ...event.transaction?.metadata }) },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(seen).toEqual([
      { step: 1, flag: true, who: 'a' },
      { step: 1, flag: true, who: 'a' },
      { step: 1, flag: true },
      { step: 1, flag: true },
    ]);
  });

  it('creates event.transaction when the login has none', async () => {
    let metadata: unknown;
    await runOne(async (event, api) => {
      api.transaction.setMetadata('k', 'v');
      metadata = event.transaction?.metadata;
    }, { transaction: undefined });
    expect(metadata).toEqual({ k: 'v' });
  });

  it('refuses an empty or non-string key and values other than string, finite number, boolean or null', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      const set = (key: unknown, value: unknown) => seen.push(outcome(() => api.transaction.setMetadata(key as string, value as string)));
      set('', 'v');
      set(3, 'v');
      set('k', { a: 1 });
      set('k', ['a']);
      set('k', undefined);
      set('k', Number.NaN);
    });
    expect(seen).toEqual(Array(6).fill('ERR_API_INVALID_ARGUMENT'));
  });

  // Actions Limitations, "Transaction metadata": keys 64 characters, values 8 KB, 16 KB in all, no unsafe integers.
  it('holds keys of at most 64 characters and values of at most 8 KiB', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      const set = (key: string, value: string | number) => seen.push(outcome(() => api.transaction.setMetadata(key, value)));
      set('k'.repeat(64), 1);
      set('k'.repeat(65), 1);
      set('big', 'v'.repeat(8192));
      set('bigger', 'é'.repeat(4097)); // 8194 bytes of UTF-8
      api.transaction.setMetadata('big', null);
    });
    expect(seen).toEqual(['ok', 'ERR_API_INVALID_ARGUMENT', 'ok', 'ERR_API_INVALID_ARGUMENT']);
  });

  it('refuses integers beyond Number.MAX_SAFE_INTEGER; other finite numbers are fine', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      for (const value of [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, 2 ** 53, -(2 ** 60)]) {
        seen.push(outcome(() => api.transaction.setMetadata('n', value)));
      }
    });
    expect(seen).toEqual(['ok', 'ok', 'ok', 'ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT']);
  });

  it('holds at most 16 KiB in all, across Actions, and an over-limit value changes nothing', async () => {
    const seen: unknown[] = [];
    await runPostLogin(
      [
        { onExecutePostLogin: async (_e, api) => void seen.push(outcome(() => api.transaction.setMetadata('a', 'v'.repeat(8192)))) },
        {
          onExecutePostLogin: async (event, api) => {
            seen.push(outcome(() => api.transaction.setMetadata('b', 'v'.repeat(8192))));
            seen.push(Object.keys(event.transaction?.metadata ?? {}));
            seen.push(outcome(() => api.transaction.setMetadata('b', 'v'.repeat(8000))));
          },
        },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(seen).toEqual(['ok', 'ERR_API_INVALID_ARGUMENT', ['a'], 'ok']);
  });
});

describe('api.transaction target scopes', () => {
  it('start as the requested scopes and change event.transaction.target_scopes', async () => {
    const seen: unknown[] = [];
    await runOne(async (event, api) => {
      api.transaction.addTargetScope(' read:notes ');
      api.transaction.removeTargetScope('email');
      seen.push(event.transaction?.target_scopes);
      api.transaction.setTargetScopes(['a', 'b', 'a']);
      seen.push(event.transaction?.target_scopes);
      api.transaction.clearTargetScopes();
      seen.push(event.transaction?.target_scopes);
    });
    expect(seen).toEqual([['openid', 'profile', 'read:notes'], ['a', 'b'], []]);
  });

  it('validate scopes as accessToken.addScope does', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.transaction.addTargetScope(1 as never)));
      seen.push(outcome(() => api.transaction.addTargetScope('  ')));
      seen.push(outcome(() => api.transaction.addTargetScope('two scopes')));
      seen.push(outcome(() => api.transaction.removeTargetScope('s'.repeat(281))));
      seen.push(outcome(() => api.transaction.setTargetScopes('openid' as never)));
      seen.push(outcome(() => api.transaction.setTargetScopes(['ok', 7] as never)));
      seen.push(outcome(() => api.transaction.setTargetScopes(['ok', 'not ok'])));
    });
    expect(seen).toEqual([
      'TypeError', 'ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT',
      'TypeError', 'TypeError', 'ERR_API_INVALID_ARGUMENT',
    ]);
  });

  it('hold at most 1000 scopes', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      const scopes = Array.from({ length: 1000 }, (_, i) => `s${i}`);
      seen.push(outcome(() => api.transaction.setTargetScopes(scopes)));
      seen.push(outcome(() => api.transaction.addTargetScope('s1')));
      seen.push(outcome(() => api.transaction.addTargetScope('one-more')));
      seen.push(outcome(() => api.transaction.setTargetScopes([...scopes, 'one-more'])));
    });
    expect(seen).toEqual(['ok', 'ok', 'ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT']);
  });
});
