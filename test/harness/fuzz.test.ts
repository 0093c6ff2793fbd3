import fc from 'fast-check';
import { isClaimkitError } from '../../src/errors.ts';
import { arbitraryEvent, FuzzFailure, fuzzAction, makeEvent, runPostLogin, type NamedAction } from '../../src/harness/index.ts';
import type { PostLoginApi, PostLoginEvent } from '../../src/types/index.ts';

const NS = 'https://claims.example.com/';
const SEED = 4242;
const act = (name: string, fn: (event: PostLoginEvent, api: PostLoginApi) => Promise<void>): NamedAction => ({ name, action: { onExecutePostLogin: fn } });

/** Role claims done carefully: absent authorization, huge lists, opaque tokens and Auth0's own APIs handled. */
const wellBehaved = act('role-claims', async (event, api) => {
  const roles = (event.authorization?.roles ?? []).filter((r) => r.length <= 64).slice(0, 50);
  api.idToken.setCustomClaim(`${NS}roles`, roles);
  const audience = event.resource_server?.identifier;
  if (audience !== undefined && !audience.endsWith('/api/v2/')) api.accessToken.setCustomClaim(`${NS}roles`, roles);
  const plan = event.user.app_metadata['plan'];
  if (typeof plan === 'string' && plan.length <= 64) api.idToken.setCustomClaim(`${NS}plan`, plan);
});
/** Assumes event.authorization is always there: it is not. */
const throwsSometimes = act('assumes-authorization', async (event, api) => {
  api.idToken.setCustomClaim(`${NS}roles`, (event.authorization as { roles: string[] }).roles);
});
/** "roles" is a restricted claim name: Auth0 drops it without a word. */
const restricted = act('plain-roles', async (event, api) => {
  api.idToken.setCustomClaim('roles', event.authorization?.roles ?? []);
});

async function failureOf(run: Promise<void>): Promise<FuzzFailure> {
  try {
    await run;
  } catch (err) {
    if (err instanceof FuzzFailure) return err;
    throw err;
  }
  throw new Error('expected fuzzAction to reject');
}

function withEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  return () => set(saved);
}

let restoreEnv: () => void;
beforeEach(() => {
  restoreEnv = withEnv({ CI: undefined, CLAIMKIT_FUZZ_SEED: undefined });
});
afterEach(() => restoreEnv());

describe('fuzzAction', () => {
  test('passes on an Action that keeps the invariants on every generated login', async () => {
    await expect(fuzzAction(wellBehaved, { runs: 200, seed: SEED })).resolves.toBeUndefined();
  });

  test('fails on an Action that throws for some logins, with the seed, the path and a replayable event', async () => {
    const err = await failureOf(fuzzAction(throwsSometimes, { runs: 200, seed: SEED }));
    expect(err.code).toBe('ERR_FUZZ_FAILED');
    expect(err.seed).toBe(SEED);
    expect(err.message).toContain(`seed: ${SEED}, path: "`);
    expect(err.message).toContain(`Replay with CLAIMKIT_FUZZ_SEED=${SEED}`);
    expect(err.message).toContain('The login failed in Action "assumes-authorization"');
    // The shrunk event reproduces the failure on its own.
    expect(err.event?.authorization).toBeUndefined();
    const replay = await runPostLogin(throwsSometimes, err.event as PostLoginEvent);
    expect(replay.outcome).toBe('error');
  });

  test('fails on an Action that sets a claim Auth0 would silently drop', async () => {
    const err = await failureOf(fuzzAction(restricted, { runs: 200, seed: SEED }));
    expect(err.seed).toBe(SEED);
    expect(err.message).toContain(`Replay with CLAIMKIT_FUZZ_SEED=${SEED}`);
    const replay = await runPostLogin(restricted, err.event as PostLoginEvent);
    expect(replay.outcome).toBe('success');
    expect(replay.dropped).toEqual([expect.objectContaining({ claim: 'roles', rule: 'restricted-name' })]);
  });

  test('a huge counterexample is cut short in the message and kept whole on the error', async () => {
    const big = makeEvent({ user: { app_metadata: { notes: 'x'.repeat(20_000) } } });
    const err = await failureOf(fuzzAction(restricted, { runs: 1, seed: SEED, event: fc.constant(big) }));
    expect(err.message.length).toBeLessThan(12_000);
    expect(err.message).toContain(`Replay with CLAIMKIT_FUZZ_SEED=${SEED}`);
    expect(err.event).toStrictEqual(big);
  });

  test('the same seed finds the same counterexample', async () => {
    const a = await failureOf(fuzzAction(throwsSometimes, { runs: 200, seed: 7 }));
    const b = await failureOf(fuzzAction(throwsSometimes, { runs: 200, seed: 7 }));
    expect(b.event).toStrictEqual(a.event);
    expect(b.message).toBe(a.message);
  });

  test('CLAIMKIT_FUZZ_SEED replays: it overrides the seed in the options', async () => {
    process.env['CLAIMKIT_FUZZ_SEED'] = '123456';
    const err = await failureOf(fuzzAction(restricted, { runs: 50, seed: SEED }));
    expect(err.seed).toBe(123456);
    expect(err.message).toContain('seed: 123456,');
  });

  test('an invalid CLAIMKIT_FUZZ_SEED is a usage error', async () => {
    process.env['CLAIMKIT_FUZZ_SEED'] = 'abc';
    const caught = await fuzzAction(wellBehaved, { runs: 1 }).catch((err: unknown) => err);
    expect(isClaimkitError(caught, 'ERR_USAGE')).toBe(true);
  });

  test('defaults: 1,000 runs and a random seed locally; 10,000 runs and a fixed seed on CI', async () => {
    const count = async (): Promise<number> => {
      let runs = 0;
      await fuzzAction(wellBehaved, { event: fc.constant(makeEvent()), check: () => void runs++ });
      return runs;
    };
    expect(await count()).toBe(1_000);
    const local = await Promise.all([1, 2].map(() => failureOf(fuzzAction(restricted, { runs: 1 }))));
    expect(local[0]?.seed).not.toBe(local[1]?.seed);

    process.env['CI'] = 'true';
    expect(await count()).toBe(10_000);
    const ci = await failureOf(fuzzAction(restricted, { runs: 1 }));
    expect(ci.seed).toBe(20261124);
  });

  test('a replay runs as many logins as CI, so a failure CI found late is found again', async () => {
    process.env['CLAIMKIT_FUZZ_SEED'] = '99';
    let runs = 0;
    await fuzzAction(wellBehaved, { event: fc.constant(makeEvent()), check: () => void runs++ });
    expect(runs).toBe(10_000);
  });

  test('a custom check replaces the default one and receives the result and the event', async () => {
    const seen: string[] = [];
    await fuzzAction(restricted, {
      runs: 20,
      seed: SEED,
      event: arbitraryEvent({ clientIds: ['client-a'] }),
      check: (result, event) => {
        seen.push(event.client.client_id);
        expect(result.dropped.map((d) => d.claim)).toEqual(['roles']);
      },
    });
    expect(seen).toEqual(Array(20).fill('client-a'));
  });
});
