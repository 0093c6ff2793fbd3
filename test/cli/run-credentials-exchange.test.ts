import { main } from '../../src/cli/main.ts';
import type { CredentialsExchangeResult } from '../../src/harness/index.ts';
import { captureIo, fixture } from './helpers.ts';

const NS = 'https://claims.example.com/';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['run', ...args], io);
  return { code, out: io.out(), err: io.err() };
}
async function runJson(...args: string[]): Promise<{ code: number; result: CredentialsExchangeResult }> {
  const { code, out } = await run(...args, '--json');
  return { code, result: JSON.parse(out) as CredentialsExchangeResult };
}

// The keys a machine's result shares with a login's, in the same order.
const KEYS = ['outcome', 'denied', 'error', 'accessToken', 'dropped', 'warnings', 'actions', 'logs', 'calls'];

describe('claimkit run --trigger credentials-exchange', () => {
  test("with no file, the credentials-exchange flow bound in tenant.yaml runs on the event file's exchange", async () => {
    const { code, result } = await runJson('--trigger', 'credentials-exchange', '--event', fixture('events/m2m-worker.json'));
    expect(code).toBe(0);
    expect(Object.keys(result)).toEqual(KEYS);
    expect(result).toMatchObject({
      outcome: 'success',
      denied: null,
      error: null,
      accessToken: { claims: { [`${NS}tenant_id`]: 't-42', [`${NS}plan`]: 'enterprise', [`${NS}principal_type`]: 'service' }, scope: ['read:reports'], scopes: { added: [], removed: [] } },
      actions: [{ name: 'add-machine-claims', ran: true }],
    });
  });

  test("an Action file declared for credentials-exchange in tenant.yaml runs on that trigger without --trigger", async () => {
    const { code, result } = await runJson('actions/add-machine-claims.ts', '--event', fixture('events/m2m-worker.json'));
    expect(code).toBe(0);
    expect(result.accessToken.claims[`${NS}tenant_id`]).toBe('t-42');
  });

  test('a denied exchange exits 0 with the OAuth error; dropped claims are reported', async () => {
    const denied = await runJson(fixture('actions/m2m-gate.ts'), '--trigger', 'credentials-exchange');
    expect(denied.code).toBe(0);
    expect(denied.result).toMatchObject({ outcome: 'denied', denied: { code: 'invalid_request', reason: 'The client Claims Demo Worker has no tenant_id in its metadata.' } });
    const ok = await runJson(fixture('actions/m2m-gate.ts'), '--trigger', 'credentials-exchange', '--event', fixture('events/m2m-worker.json'));
    expect(ok.result.accessToken.claims).toEqual({ [`${NS}tenant_id`]: 't-42' });
    expect(ok.result.dropped).toEqual([expect.objectContaining({ claim: 'gty', rule: 'restricted-name' })]);
    expect(ok.result.logs).toEqual([{ action: 'm2m-gate', level: 'log', message: 'token for t-42' }]);
  });

  test('the human report says what the token endpoint would answer', async () => {
    const ok = await run(fixture('actions/m2m-gate.ts'), '--trigger', 'credentials-exchange', '--event', fixture('events/m2m-worker.json'));
    expect(ok.out).toBe(
      [
        'SUCCESS: 1 Action(s): m2m-gate',
        '',
        'Access token claims (client Claims Demo Worker, audience https://api.example.com):',
        `  ${NS}tenant_id: "t-42"`,
        '  scope: read:reports',
        '',
        'Dropped silently by Auth0:',
        '  gty: "gty" is a restricted claim name; Auth0 drops it. Use a namespaced name such as "https://claims.example.com/gty".',
        '',
        'Logs:',
        '  [m2m-gate] log: token for t-42',
        '',
      ].join('\n'),
    );
    const denied = await run(fixture('actions/m2m-gate.ts'), '--trigger', 'credentials-exchange');
    expect(denied.out).toMatch(/^DENIED: 1 Action\(s\): m2m-gate\nToken request refused: error=invalid_request, error_description="The client Claims Demo Worker has no tenant_id in its metadata\."\n/);
  });

  test('a credentials-exchange file run as post-login says which trigger it is for (exit 2)', async () => {
    const r = await run(fixture('actions/m2m-gate.ts'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/"onExecutePostLogin".*It exports "onExecuteCredentialsExchange".*--trigger credentials-exchange.*\[ERR_ACTION_NO_HANDLER\]/);
  });

  test('wrong usage: an unknown trigger, a trigger tenant.yaml contradicts, mixed triggers, --continue', async () => {
    expect(await run('--trigger', 'pre-user-registration')).toMatchObject({ code: 2, err: expect.stringMatching(/--trigger "pre-user-registration" is not a trigger claimkit runs\. Use one of: post-login, credentials-exchange\. \[ERR_USAGE\]/) });
    expect(await run('actions/add-machine-claims.ts', '--trigger', 'post-login')).toMatchObject({ code: 2, err: expect.stringMatching(/"add-machine-claims" is declared for credentials-exchange in tenant\.yaml.*\[ERR_TRIGGER_UNSUPPORTED\]/) });
    expect(await run('actions/add-machine-claims.ts', 'actions/add-role-claims.ts')).toMatchObject({ code: 2, err: expect.stringMatching(/run on different triggers \(add-machine-claims: credentials-exchange, add-role-claims: post-login\)/) });
    expect(await run('--trigger', 'credentials-exchange', '--continue', fixture('events/continue-yes.json'))).toMatchObject({ code: 2, err: expect.stringMatching(/a credentials-exchange never redirects/) });
  });

  test('event files are checked against the credentials-exchange event, every problem at file:line:column', async () => {
    const r = await run('--trigger', 'credentials-exchange', '--event', fixture('events/m2m-invalid.json'));
    expect(r.code).toBe(2);
    const lines = r.err.split('\n');
    expect(lines[0]).toMatch(/m2m-invalid\.json is not a valid credentials-exchange event \(4 problems\):$/);
    expect(lines.slice(1, 5)).toEqual([
      expect.stringMatching(/m2m-invalid\.json:2:3: \$\.user: unknown key "user" in the credentials-exchange event\..*Known keys: secrets, configuration, accessToken/),
      expect.stringMatching(/m2m-invalid\.json:3:37: \$\.client\.metadata\.tier: expected a string, got number 3/),
      expect.stringMatching(/m2m-invalid\.json:4:22: \$\.resource_server: null cannot remove the API: Auth0 always sends it/),
      expect.stringMatching(/m2m-invalid\.json:5:29: \$\.accessToken\.scope: expected a list of strings, got the string "read:reports"/),
    ]);
    expect(r.err).toMatch(/\[ERR_EVENT_INVALID\]/);
  });

  test('--now sets the clock the Actions see', async () => {
    const { result } = await runJson(fixture('actions/m2m-gate.ts'), '--trigger', 'credentials-exchange', '--event', fixture('events/m2m-worker.json'), '--now', '2027-01-02');
    expect(result.outcome).toBe('success');
  });
});
