import { makeEvent, runPostLogin, type EventOverrides } from '../../../src/harness/index.ts';
import { NOW, outcome, runOne } from './helpers.ts';

const EXCHANGE: EventOverrides = {
  transaction: { protocol: 'oauth2-refresh-token' },
  refresh_token: { id: 'rt_1', created_at: '2026-01-01T00:00:00.000Z', metadata: { device: 'laptop' } },
};

describe('api.refreshToken.revoke', () => {
  it('denies a refresh-token exchange and skips later Actions', async () => {
    const result = await runPostLogin(
      [
        { onExecutePostLogin: async (_e, api) => api.refreshToken.revoke('stolen token') },
        { onExecutePostLogin: async (_e, api) => void api.accessToken.setCustomClaim('https://example.com/x', 1) },
      ],
      makeEvent(EXCHANGE),
      { now: () => NOW },
    );
    expect(result.outcome).toBe('denied');
    expect(result.denied).toEqual({ reason: 'stolen token' });
    expect(result.actions.map((a) => a.ran)).toEqual([true, false]);
  });

  it('is refused outside a refresh-token exchange', async () => {
    let seen = '';
    const result = await runOne(async (_e, api) => void (seen = outcome(() => api.refreshToken.revoke('no'))));
    expect(seen).toBe('ERR_API_NOT_ALLOWED');
    expect(result.outcome).toBe('success');
  });

  it('refuses a reason over 1024 characters', async () => {
    let seen = '';
    await runOne(async (_e, api) => void (seen = outcome(() => api.refreshToken.revoke('r'.repeat(1025)))), EXCHANGE);
    expect(seen).toBe('ERR_API_INVALID_ARGUMENT');
  });
});

describe('api.refreshToken expiry and metadata', () => {
  it('needs positive numbers for the expiry setters', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.refreshToken.setExpiresAt(NOW + 1000)));
      seen.push(outcome(() => api.refreshToken.setIdleExpiresAt(NOW + 1000)));
      for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1' as never, undefined as never]) {
        seen.push(outcome(() => api.refreshToken.setExpiresAt(bad)));
      }
      seen.push(outcome(() => api.refreshToken.setIdleExpiresAt(0)));
    }, EXCHANGE);
    expect(seen).toEqual(['ok', 'ok', ...Array(7).fill('ERR_API_INVALID_ARGUMENT')]);
  });

  it('refuses every change on an online refresh token', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.refreshToken.setExpiresAt(NOW + 1000)));
      seen.push(outcome(() => api.refreshToken.setIdleExpiresAt(NOW + 1000)));
      seen.push(outcome(() => api.refreshToken.setMetadata('a', 'b')));
      seen.push(outcome(() => api.refreshToken.deleteMetadata('device')));
      seen.push(outcome(() => api.refreshToken.evictMetadata()));
    }, { ...EXCHANGE, refresh_token: { id: 'rt_1', created_at: '2026-01-01T00:00:00.000Z', access: 'online' } });
    expect(seen).toEqual(Array(5).fill('ERR_API_NOT_ALLOWED'));
  });

  it('updates event.refresh_token.metadata at once and for later Actions; null and deleteMetadata remove keys', async () => {
    const seen: unknown[] = [];
    await runPostLogin(
      [
        {
          onExecutePostLogin: async (event, api) => {
            api.refreshToken.setMetadata('risk', 'low');
            api.refreshToken.setMetadata('device', null);
            seen.push({ ...event.refresh_token?.metadata });
          },
        },
        {
          onExecutePostLogin: async (event, api) => {
            seen.push({ ...event.refresh_token?.metadata });
            api.refreshToken.deleteMetadata('risk');
            seen.push({ ...event.refresh_token?.metadata });
          },
        },
      ],
      makeEvent(EXCHANGE),
      { now: () => NOW },
    );
    expect(seen).toEqual([{ risk: 'low' }, { risk: 'low' }, {}]);
  });

  it('enforces the metadata rules: key pattern, string values of at most 255, at most 25 keys', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      const set = (key: unknown, value: unknown) => seen.push(outcome(() => api.refreshToken.setMetadata(key as string, value as string)));
      set('has space', 'v');
      set('k'.repeat(256), 'v');
      set(5, 'v');
      set('num', 5);
      set('long', 'v'.repeat(256));
      set('nul', 'a\0b');
      for (let i = 0; i < 24; i++) set(`k${i}`, 'v'); // with 'device' from the event: 25 keys
      set('one_too_many', 'v');
      set('k0', 'replaced'); // replacing keeps 25
    }, EXCHANGE);
    expect(seen).toEqual([...Array(6).fill('ERR_API_INVALID_ARGUMENT'), ...Array(24).fill('ok'), 'ERR_API_INVALID_ARGUMENT', 'ok']);
  });

  it('allows metadata before a refresh token exists, without inventing event.refresh_token', async () => {
    let seen = '';
    let token: unknown = 'unset';
    await runOne(async (event, api) => {
      seen = outcome(() => api.refreshToken.setMetadata('origin', 'web'));
      token = event.refresh_token;
    });
    expect(seen).toBe('ok');
    expect(token).toBeUndefined();
  });
});
