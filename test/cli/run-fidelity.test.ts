import { main } from '../../src/cli/main.ts';
import type { FlowResult } from '../../src/harness/index.ts';
import { captureIo, fixture } from './helpers.ts';

// `claimkit run --json` gives Auth0's result on flows where the harness used to differ (docs/fidelity.md).

async function runJson(...args: string[]): Promise<{ code: number; result: FlowResult }> {
  const io = captureIo();
  const code = await main(['run', ...args, '--json'], io);
  return { code, result: JSON.parse(io.out()) as FlowResult };
}

test("one Action's change to event.authorization.roles does not reach the next", async () => {
  const { code, result } = await runJson(fixture('actions/grant-admin-locally.ts'), 'actions/add-role-claims.ts', '--event', fixture('events/admin-api.json'));
  expect(code).toBe(0);
  expect(result.idToken.claims).toEqual({ 'https://claims.example.com/roles': ['admin', 'editor'] });
  const { result: reader } = await runJson(fixture('actions/grant-admin-locally.ts'), 'actions/add-role-claims.ts');
  expect(reader.idToken.claims).toEqual({ 'https://claims.example.com/roles': [] });
});

test('a redirect shows the URL with Auth0\'s state, and --continue resumes the flow', async () => {
  const paused = await runJson(fixture('actions/consent-redirect.ts'));
  expect(paused.code).toBe(0);
  const state = paused.result.redirect?.state ?? '';
  expect(paused.result.redirect?.url).toBe(`https://consent.example.com/start?state=${state}`);
  const done = await runJson(fixture('actions/consent-redirect.ts'), '--continue', fixture('events/continue-yes.json'));
  expect(done.result.outcome).toBe('success');
  expect(done.result.idToken.claims).toEqual({ 'https://claims.example.com/consent': true });
});

test('a redirect in a refresh-token exchange fails the login (exit 1)', async () => {
  const { code, result } = await runJson(fixture('actions/consent-redirect.ts'), '--event', fixture('events/refresh-token.json'));
  expect(code).toBe(1);
  expect(result.outcome).toBe('error');
  expect(result.redirect).toBeNull();
  expect(result.error?.message).toMatch(/oauth2-refresh-token/);
});

test('a redirect with prompt=none fails with interaction_required (exit 1)', async () => {
  const { code, result } = await runJson(fixture('actions/consent-redirect.ts'), '--event', fixture('events/prompt-none.json'));
  expect(code).toBe(1);
  expect(result.error).toMatchObject({ action: 'consent-redirect', code: 'interaction_required' });
});

test('the human report names the error code and the state to send back', async () => {
  const io = captureIo();
  await main(['run', fixture('actions/consent-redirect.ts'), '--event', fixture('events/prompt-none.json')], io);
  expect(io.out()).toContain('(error=interaction_required)');
  const paused = captureIo();
  await main(['run', fixture('actions/consent-redirect.ts')], paused);
  expect(paused.out()).toMatch(/resumes at \/continue\?state=[\w-]+/);
});
