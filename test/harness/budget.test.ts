import { continuePostLogin, makeEvent, runPostLogin, type FlowResult, type NamedAction } from '../../src/harness/index.ts';

// "Each execution of a trigger must complete in 20 seconds or less" (Actions Limitations, Executions):
// the budget is the whole flow's, not each Action's; a redirect starts a new execution with its own.
// Fake timers drive both the Actions' waits and the harness's clock: no test waits for real time.

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const slow = (name: string, ms: number): NamedAction => ({ name, action: { onExecutePostLogin: async () => sleep(ms) } });

beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

/** Runs `start` while fake time moves on in steps until it settles. */
async function settle(start: () => Promise<FlowResult>): Promise<FlowResult> {
  let result: FlowResult | undefined;
  const run = start().then((r) => (result = r));
  for (let i = 0; i < 100 && result === undefined; i++) await jest.advanceTimersByTimeAsync(1000);
  await run;
  if (!result) throw new Error('the flow did not settle');
  return result;
}

test('two Actions of 11 s each fail the login: the second runs out of the shared 20 s', async () => {
  const r = await settle(() => runPostLogin([slow('first', 11_000), slow('second', 11_000), slow('third', 1)], makeEvent()));
  expect(r.outcome).toBe('error');
  expect(r.error?.action).toBe('second');
  expect(r.error?.message).toMatch(/execution time exceeded/);
  expect(r.actions.map((a) => a.ran)).toEqual([true, true, false]);
});

test('Actions that together stay within 20 s pass', async () => {
  const r = await settle(() => runPostLogin([slow('first', 9_000), slow('second', 9_000)], makeEvent()));
  expect(r.outcome).toBe('success');
});

test('a redirect ends the execution: onContinuePostLogin and the Actions after it get a fresh 20 s', async () => {
  const redirector: NamedAction = {
    name: 'redirector',
    action: {
      onExecutePostLogin: async (_e, api) => {
        await sleep(15_000);
        api.redirect.sendUserTo('https://target.example.com');
      },
      onContinuePostLogin: async () => sleep(10_000),
    },
  };
  const paused = await settle(() => runPostLogin([redirector, slow('after', 9_000)], makeEvent()));
  expect(paused.redirect).not.toBeNull();
  const done = await settle(() => continuePostLogin(paused));
  expect(done.outcome).toBe('success');
});

test('timeoutMs sets the budget of the whole flow', async () => {
  const r = await settle(() => runPostLogin([slow('first', 3_000), slow('second', 3_000)], makeEvent(), { timeoutMs: 5_000 }));
  expect(r.error?.action).toBe('second');
});
