import { makeEvent, runPostLogin } from '../../../src/harness/index.ts';
import type { PostLoginApi } from '../../../src/types/index.ts';
import { NOW, outcome, runOne } from './helpers.ts';

// Actions Limitations: "Each session may have a maximum of 32kB each of user metadata persistence and 32kB
// of app metadata persistence"; "Any userMetadata set in the same Action as setPrimaryUser is discarded".

const KB32 = 32 * 1024;

describe('api.user metadata writes', () => {
  it('fail the login past 32 KiB of app_metadata written in one login, even when the Action catches', async () => {
    let seen = '';
    const r = await runOne(async (_e, api) => {
      api.user.setAppMetadata('a', 'v'.repeat(16_000));
      seen = outcome(() => api.user.setAppMetadata('b', 'v'.repeat(17_000)));
    });
    expect(seen).toBe('ERR_API_NOT_ALLOWED');
    expect(r.outcome).toBe('error');
    expect(r.error?.message).toMatch(/app_metadata.*32768/);
    expect(r.user.app_metadata).toEqual({});
  });

  it('count app_metadata and user_metadata apart, and count across Actions', async () => {
    const fill = (kind: 'setAppMetadata' | 'setUserMetadata', key: string, size: number) => ({
      onExecutePostLogin: async (_e: unknown, api: PostLoginApi) => void api.user[kind](key, 'v'.repeat(size)),
    });
    const ok = await runPostLogin([fill('setAppMetadata', 'a', 30_000), fill('setUserMetadata', 'u', 30_000)], makeEvent(), { now: () => NOW });
    expect(ok.outcome).toBe('success');
    const over = await runPostLogin([fill('setAppMetadata', 'a', 20_000), fill('setAppMetadata', 'b', 13_000)], makeEvent(), { now: () => NOW });
    expect(over.outcome).toBe('error');
  });

  it('count only what this login writes, not the metadata the user already has', async () => {
    const r = await runOne(async (_e, api) => void api.user.setAppMetadata('small', 1), { user: { app_metadata: { existing: 'v'.repeat(KB32) } } });
    expect(r.outcome).toBe('success');
  });

  it('count a key written twice once, with its last value', async () => {
    const r = await runOne(async (_e, api) => {
      api.user.setAppMetadata('a', 'v'.repeat(30_000));
      api.user.setAppMetadata('a', 'v'.repeat(30_000));
    });
    expect(r.outcome).toBe('success');
  });
});

describe('api.authentication.setPrimaryUser and user metadata', () => {
  it('discards user_metadata set in the same Action; app_metadata and other Actions keep theirs', async () => {
    const r = await runPostLogin(
      [
        { onExecutePostLogin: async (_e, api) => void api.user.setUserMetadata('before', 1) },
        {
          onExecutePostLogin: async (_e, api) => {
            api.user.setUserMetadata('same_action', 1);
            api.user.setAppMetadata('app', 1);
            api.authentication.setPrimaryUser('auth0|primary');
          },
        },
        { onExecutePostLogin: async (_e, api) => void api.user.setUserMetadata('after', 1) },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(r.outcome).toBe('success');
    expect(r.user).toEqual({ app_metadata: { app: 1 }, user_metadata: { before: 1, after: 1 } });
  });
});
