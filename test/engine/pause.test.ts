import { ActionEngine, type EngineAction } from '../../src/engine/index.ts';
import { makeEvent } from '../../src/harness/index.ts';

// A server keeps a paused flow while the user is at the redirect target, then resumes it at /continue,
// possibly in another engine process: start() answers the paused flow as data, resume() brings it back.
const engine = new ActionEngine({ timeoutMs: 2000 });
afterAll(() => engine.close());

const before: EngineAction = {
  name: 'before',
  code: `let runs = 0;
exports.onExecutePostLogin = async (event, api) => {
  runs++;
  api.idToken.setCustomClaim('https://x.example.com/before', runs);
  api.accessToken.addScope('read:early');
  api.user.setAppMetadata('seen', true);
  console.log('before ran');
};`,
};
const consent: EngineAction = {
  name: 'consent',
  code: `exports.onExecutePostLogin = async (event, api) => {
  api.transaction.setMetadata('asked', 'yes');
  api.redirect.sendUserTo('https://consent.example.com/start', { query: { user: event.user.user_id } });
};
exports.onContinuePostLogin = async (event, api) => {
  api.idToken.setCustomClaim('https://x.example.com/answer', event.request.query.answer);
  api.idToken.setCustomClaim('https://x.example.com/asked', event.transaction.metadata.asked);
  api.idToken.setCustomClaim('https://x.example.com/seen', event.user.app_metadata.seen);
};`,
};
const after: EngineAction = {
  name: 'after',
  code: `exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim('https://x.example.com/after', true); };`,
};

describe('a paused flow survives as data', () => {
  test('start pauses at the redirect; resume runs onContinuePostLogin and the rest, without re-running earlier Actions', async () => {
    const flow = [before, consent, after];
    const first = await engine.start(flow, makeEvent({ resource_server: { identifier: 'https://api.example.com' } }));
    expect(first.result.redirect?.url).toMatch(/^https:\/\/consent\.example\.com\/start\?user=.*&state=/);
    expect(first.paused).not.toBeNull();
    const paused = JSON.parse(JSON.stringify(first.paused)); // kept as JSON, as a server would
    const state = first.result.redirect?.state as string;

    const done = await engine.resume(flow, paused, { request: { query: { state, answer: 'yes' } } });
    expect(done.paused).toBeNull();
    expect(done.result.outcome).toBe('success');
    expect(done.result.idToken.claims).toEqual({
      'https://x.example.com/before': 1, // set before the pause, kept; `before` did not run again
      'https://x.example.com/answer': 'yes',
      'https://x.example.com/asked': 'yes',
      'https://x.example.com/seen': true,
    });
    expect(done.result.accessToken.claims).toEqual({ 'https://x.example.com/after': true });
    expect(done.result.accessToken.scopes.added).toEqual(['read:early']);
    expect(done.result.user.app_metadata).toMatchObject({ seen: true });
    expect(done.result.logs.filter((l) => l.message === 'before ran')).toHaveLength(1);
    expect(done.result.actions.map((a) => a.ran)).toEqual([true, true, true]);
  });

  test('a /continue without the state Auth0 sent fails with invalid_request', async () => {
    const flow = [consent, after];
    const first = await engine.start(flow, makeEvent());
    const done = await engine.resume(flow, first.paused!, { request: { query: { state: 'forged' } } });
    expect(done.result.outcome).toBe('error');
    expect(done.result.error?.code).toBe('invalid_request');
  });

  test('a snapshot only resumes with the Actions that made it', async () => {
    const first = await engine.start([consent], makeEvent());
    await expect(engine.resume([after], first.paused!, {})).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });

  test('a flow that does not pause answers no snapshot', async () => {
    const r = await engine.start([after], makeEvent());
    expect(r).toMatchObject({ paused: null, result: { outcome: 'success' } });
  });
});
