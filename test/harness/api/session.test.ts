import { makeEvent, runPostLogin } from '../../../src/harness/index.ts';
import { NOW, outcome, runOne } from './helpers.ts';

const WITH_METADATA = { session: { id: 'sess_1', metadata: { browser: 'firefox' } } };

describe('api.session.revoke', () => {
  it('denies the login and skips later Actions', async () => {
    const result = await runPostLogin(
      [
        { onExecutePostLogin: async (_e, api) => api.session.revoke('suspicious session', { preserveRefreshTokens: true }) },
        { onExecutePostLogin: async (_e, api) => void api.idToken.setCustomClaim('https://example.com/x', 1) },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(result.outcome).toBe('denied');
    expect(result.denied).toEqual({ reason: 'suspicious session' });
    expect(result.actions.map((a) => a.ran)).toEqual([true, false]);
  });

  it('refuses a non-string reason and options other than { preserveRefreshTokens: boolean }', async () => {
    const seen: string[] = [];
    const result = await runOne(async (_e, api) => {
      seen.push(outcome(() => api.session.revoke(5 as never)));
      seen.push(outcome(() => api.session.revoke('r', { preserveRefreshTokens: 'yes' } as never)));
      seen.push(outcome(() => api.session.revoke('r', { keepCookies: true } as never)));
    });
    expect(seen).toEqual(Array(3).fill('ERR_API_INVALID_ARGUMENT'));
    expect(result.outcome).toBe('success');
  });
});

describe('api.session settings', () => {
  it('accepts only the two cookie modes and shows the mode in event.session at once', async () => {
    const seen: unknown[] = [];
    await runOne(async (event, api) => {
      seen.push(outcome(() => api.session.setCookieMode('non-persistent')));
      seen.push(event.session?.cookie?.mode);
      seen.push(outcome(() => api.session.setCookieMode('session' as never)));
      seen.push(outcome(() => api.session.setCookieMode(undefined as never)));
    });
    expect(seen).toEqual(['ok', 'non-persistent', 'ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT']);
  });

  it('needs positive numbers for the expiry setters', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.session.setExpiresAt(NOW + 60_000)));
      seen.push(outcome(() => api.session.setIdleExpiresAt(NOW + 60_000)));
      seen.push(outcome(() => api.session.setExpiresAt(0)));
      seen.push(outcome(() => api.session.setIdleExpiresAt(Number.NaN)));
      seen.push(outcome(() => api.session.setExpiresAt('soon' as never)));
    });
    expect(seen).toEqual(['ok', 'ok', ...Array(3).fill('ERR_API_INVALID_ARGUMENT')]);
  });
});

describe('api.session metadata', () => {
  it('cannot be set without a session; deleting and evicting then do nothing', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.session.setMetadata('a', 'b')));
      seen.push(outcome(() => api.session.deleteMetadata('a')));
      seen.push(outcome(() => api.session.evictMetadata()));
    }, { session: undefined });
    expect(seen).toEqual(['ERR_API_NOT_ALLOWED', 'ok', 'ok']);
  });

  it('updates event.session.metadata at once and for later Actions', async () => {
    const seen: unknown[] = [];
    await runPostLogin(
      [
        {
          onExecutePostLogin: async (event, api) => {
            api.session.setMetadata('risk', 'high');
            seen.push({ ...event.session?.metadata });
          },
        },
        {
          onExecutePostLogin: async (event, api) => {
            seen.push({ ...event.session?.metadata });
            api.session.evictMetadata();
            seen.push({ ...event.session?.metadata });
          },
        },
      ],
      makeEvent(WITH_METADATA),
      { now: () => NOW },
    );
    expect(seen).toEqual([{ browser: 'firefox', risk: 'high' }, { browser: 'firefox', risk: 'high' }, {}]);
  });

  it('follows the same rules as refresh-token metadata', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.session.setMetadata('bad key', 'v')));
      seen.push(outcome(() => api.session.setMetadata('k', 'v'.repeat(256))));
      seen.push(outcome(() => api.session.setMetadata('k', 1 as never)));
      seen.push(outcome(() => api.session.setMetadata('browser', null)));
    }, WITH_METADATA);
    expect(seen).toEqual([...Array(3).fill('ERR_API_INVALID_ARGUMENT'), 'ok']);
  });
});
