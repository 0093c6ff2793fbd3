// The corpus of real-world-style Actions (test/corpus/): built like `claimkit build`, run like Auth0
// with their npm dependencies installed at the declared versions (from the npm registry on the first
// run, then from test/corpus/.claimkit/dependencies), their HTTP calls stubbed, their own secrets.
import fs from 'node:fs';
import path from 'node:path';
import { buildProject, type BuildResult } from '../../src/build/build.ts';
import { main } from '../../src/cli/main.ts';
import { sharedEngine, type EngineAction } from '../../src/engine/index.ts';
import { makeCredentialsExchangeEvent, makeEvent, type CredentialsExchangeResult, type FlowResult } from '../../src/harness/index.ts';
import { loadProjectAction } from '../../src/harness/project-action.ts';
import { parseHttpFixtures } from '../../src/http-stubs/index.ts';
import { captureIo } from '../cli/helpers.ts';

const CORPUS = __dirname;
const TENANT = path.join(CORPUS, 'tenant.yaml');
const STUBS = parseHttpFixtures(JSON.parse(fs.readFileSync(path.join(CORPUS, 'http/services.json'), 'utf8')));
const LOGIN = JSON.parse(fs.readFileSync(path.join(CORPUS, 'events/login.json'), 'utf8')) as { user: object; resource_server: object; secrets: Record<string, Record<string, string>> };
const event = () => makeEvent({ user: LOGIN.user, resource_server: LOGIN.resource_server } as Parameters<typeof makeEvent>[0]);

const load = (name: string) => loadProjectAction(name, { tenantFile: TENANT, env: {}, ...(LOGIN.secrets[name] ? { secrets: LOGIN.secrets[name] } : {}) });

let built: BuildResult;
let flow: EngineAction[];

beforeAll(async () => {
  // The first run installs axios 1.7.9, lodash 4.17.21 and lodash 3.10.1 from the npm registry.
  built = await buildProject({ tenantFile: TENANT, env: {}, write: false });
  flow = await Promise.all(['risk-gate', 'enrich-from-crm', 'team-permissions', 'legacy-groups'].map(load));
}, 240_000);

describe('the real-world corpus', () => {
  test('builds with no finding: declared packages are required at the top level, official types are imported', () => {
    expect(built.findings).toEqual([]);
    expect(built.ok).toBe(true);
    const risk = built.actions.find((a) => a.name === 'risk-gate')?.code ?? '';
    // Declared: left to Auth0 to install, not bundled; the types-only import is gone.
    expect(risk).toMatch(/require\("axios"\)/);
    expect(risk).not.toMatch(/@auth0\/actions/);
  });

  test('two Actions get two versions of the same package, each the one it declares', async () => {
    const r = await sharedEngine().execute(flow.slice(2), event());
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({
      'https://corpus.example.com/permissions': ['read:invoices', 'read:tickets', 'write:invoices'],
      'https://corpus.example.com/lodash': '4.17.21',
    });
    expect(r.idToken.claims).toEqual({ 'https://corpus.example.com/groups': ['Engineering', 'London'], 'https://corpus.example.com/lodash': '3.10.1' });
  });

  test('fetch and axios calls are answered by stubs, each Action sending its own secrets', async () => {
    const r = await sharedEngine().execute(flow, event(), { http: STUBS });
    expect(r.outcome).toBe('success');
    expect(r.idToken.claims).toMatchObject({ 'https://corpus.example.com/risk': 12, 'https://corpus.example.com/tier': 'gold' });
    expect(r.accessToken.claims).toMatchObject({ 'https://corpus.example.com/account': 'acc_42' });
    const [risk, crm] = r.http ?? [];
    expect([risk?.method, risk?.url, risk?.headers['x-api-key'], JSON.parse(risk?.body ?? '{}')]).toEqual([
      'POST',
      'https://risk.example.com/v2/score',
      'risk-key-0001',
      { ip: expect.any(String), user_id: expect.any(String) },
    ]);
    expect([crm?.url, crm?.headers['authorization']]).toEqual(['https://crm.example.com/v1/accounts?email=ada%40example.com', 'Bearer crm-key-0002']);
  });

  test('a stubbed response drives the Action: a high risk score denies and skips the rest', async () => {
    const high = parseHttpFixtures([{ method: 'POST', url: 'https://risk.example.com/v2/score', response: { body: { score: 91 } } }]);
    const r = await sharedEngine().execute(flow, event(), { http: high });
    expect(r.outcome).toBe('denied');
    expect(r.denied?.reason).toBe('Sign-in blocked by the risk policy.');
    expect(r.actions.map((a) => a.ran)).toEqual([true, false, false, false]);
  });

  test('a request with no stub fails the test with the stub to add, instead of reaching the network', async () => {
    const onlyRisk = STUBS.filter((s) => s.url.includes('risk'));
    await expect(sharedEngine().execute(flow, event(), { http: onlyRisk })).rejects.toMatchObject({
      code: 'ERR_HTTP_UNSTUBBED',
      message: expect.stringMatching(/No HTTP stub for GET https:\/\/crm\.example\.com\/v1\/accounts\?email=ada%40example\.com/),
    });
  });

  test('a credentials-exchange Action in JavaScript: axios at its version, its own secrets, a denial', async () => {
    const machine = JSON.parse(fs.readFileSync(path.join(CORPUS, 'events/machine.json'), 'utf8')) as { client: object; secrets: Record<string, Record<string, string>> };
    const action = await loadProjectAction('machine-quota', { tenantFile: TENANT, env: {}, secrets: machine.secrets['machine-quota'] ?? {} });
    const exchange = () => makeCredentialsExchangeEvent({ client: machine.client } as Parameters<typeof makeCredentialsExchangeEvent>[0]);
    const r = await sharedEngine().executeCredentialsExchange([action], exchange(), { http: STUBS });
    expect(r.outcome).toBe('success');
    expect(r.accessToken.claims).toEqual({ 'https://corpus.example.com/tier': 'gold', 'https://corpus.example.com/quota_remaining': 118 });
    expect(r.http?.map((c) => [c.method, c.url, c.headers['x-api-key']])).toEqual([['GET', 'https://quota.example.com/v1/clients/Qm7tR2xK9pL4vN8wB3cY6dF1hJ5gS0aZ', 'quota-key-0003']]);
    const spent = parseHttpFixtures([{ url: 'https://quota.example.com/v1/clients/Qm7tR2xK9pL4vN8wB3cY6dF1hJ5gS0aZ', response: { body: { remaining: 0, tier: 'gold' } } }]);
    const denied = await sharedEngine().executeCredentialsExchange([action], exchange(), { http: spent });
    expect(denied).toMatchObject({ outcome: 'denied', denied: { code: 'invalid_request', reason: 'Invoice Exporter has used its token quota.' } });
    expect(built.actions.find((a) => a.name === 'machine-quota')?.code).toMatch(/require\("axios"\)/);
  });

  test('per-Action values from the environment: ACTION__NAME before the shared NAME', async () => {
    const env = { RISK_GATE__DOMAIN: 'risk.example.com', DOMAIN: 'crm.example.com', API_KEY: 'k1', CRM_API_KEY: 'k2' };
    const actions = await Promise.all(['risk-gate', 'enrich-from-crm'].map((name) => loadProjectAction(name, { tenantFile: TENANT, env })));
    expect(actions.map((a) => a.secrets?.['DOMAIN'])).toEqual(['risk.example.com', 'crm.example.com']);
    await expect(loadProjectAction('risk-gate', { tenantFile: TENANT, env: { DOMAIN: 'x' } })).rejects.toMatchObject({
      code: 'ERR_SECRET_MISSING',
      message: expect.stringMatching(/The Action "risk-gate" declares the secret "API_KEY", which has no value\. Set RISK_GATE__API_KEY=…/),
    });
  });
});

describe('claimkit run on the corpus', () => {
  const run = async (...args: string[]) => {
    const io = captureIo({ cwd: CORPUS });
    const code = await main(['run', ...args], io);
    return { code, io };
  };

  test('--event with per-Action secrets and --http fixtures: the whole flow, requests listed without credentials', async () => {
    const { code, io } = await run('--event', 'events/login.json', '--http', 'http/services.json', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as FlowResult;
    expect(result.idToken.claims).toEqual({
      'https://corpus.example.com/risk': 12,
      'https://corpus.example.com/tier': 'gold',
      'https://corpus.example.com/groups': ['Engineering', 'London'],
      'https://corpus.example.com/lodash': '3.10.1',
    });
    expect(result.http).toEqual([
      { method: 'POST', url: 'https://risk.example.com/v2/score', status: 200 },
      { method: 'GET', url: 'https://crm.example.com/v1/accounts?email=ada%40example.com', status: 200 },
    ]);
    expect(io.out()).not.toMatch(/risk-key-0001|crm-key-0002/);
  });

  test('the human report lists the stubbed requests', async () => {
    const { code, io } = await run('--event', 'events/login.json', '--http', 'http/services.json');
    expect(code).toBe(0);
    expect(io.out()).toContain('HTTP requests (stubbed):\n  POST https://risk.example.com/v2/score → 200\n');
  });

  test('--trigger credentials-exchange runs the bound machine Action with the event file\'s secrets and the stubs', async () => {
    const { code, io } = await run('--trigger', 'credentials-exchange', '--event', 'events/machine.json', '--http', 'http/services.json', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as CredentialsExchangeResult;
    expect(result).toMatchObject({ outcome: 'success', actions: [{ name: 'machine-quota', ran: true }], accessToken: { claims: { 'https://corpus.example.com/tier': 'gold' } } });
    expect(result.http).toEqual([{ method: 'GET', url: 'https://quota.example.com/v1/clients/Qm7tR2xK9pL4vN8wB3cY6dF1hJ5gS0aZ', status: 200 }]);
    expect(io.out()).not.toMatch(/quota-key-0003/);
  });

  test('a missing secret names the secret and the Action, exit 2', async () => {
    const { code, io } = await run('--http', 'http/services.json');
    expect(code).toBe(2);
    expect(io.err()).toMatch(/The Action "risk-gate" declares the secret "DOMAIN", which has no value.*\[ERR_SECRET_MISSING\]/);
  });

  test('a fixtures file that is not an array of stubs: exit 2, before any Action runs', async () => {
    const { code, io } = await run('--event', 'events/login.json', '--http', 'events/login.json');
    expect(code).toBe(2);
    expect(io.err()).toMatch(/must be a JSON array of stubs.*\[ERR_HTTP_FIXTURES_INVALID\]/);
  });
});
