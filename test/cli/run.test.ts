import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { FlowResult } from '../../src/harness/index.ts';
import { captureIo, fixture, ROOT } from './helpers.ts';

async function runJson(...args: string[]): Promise<{ code: number; result: FlowResult; err: string }> {
  const io = captureIo();
  const code = await main(['run', ...args, '--json'], io);
  return { code, result: JSON.parse(io.out()) as FlowResult, err: io.err() };
}

const KEYS = ['outcome', 'denied', 'error', 'idToken', 'accessToken', 'user', 'dropped', 'warnings', 'redirect', 'prompt', 'actions', 'logs', 'calls'];

describe('claimkit run --json', () => {
  test('success: the flow bound in tenant.yaml, in binding order', async () => {
    const { code, result } = await runJson('--event', fixture('events/admin-api.json'));
    expect(code).toBe(0);
    expect(Object.keys(result)).toEqual(KEYS);
    expect(result.outcome).toBe('success');
    expect(result.actions).toEqual([{ name: 'add-custom-claims', ran: true }, { name: 'add-api-claims', ran: true }]);
    expect(result.idToken.claims).toEqual({ 'https://claims.example.com/roles': ['admin', 'editor'], 'https://claims.example.com/is_admin': false });
    expect(result.accessToken.claims).toEqual({
      'https://claims.example.com/roles': ['admin', 'editor'],
      'https://claims.example.com/tenant_id': 't-42',
      'https://claims.example.com/is_admin': false,
      'https://claims.example.com/plan': 'free',
    });
  });

  test('denied: exit 0, the reason, later Actions skipped', async () => {
    const { code, result } = await runJson('actions/add-api-claims.ts', 'actions/add-role-claims.ts', '--event', fixture('events/no-tenant.json'));
    expect(code).toBe(0);
    expect(result.outcome).toBe('denied');
    expect(result.denied?.reason).toMatch(/No tenant is assigned/);
    expect(result.actions).toEqual([{ name: 'add-api-claims', ran: true }, { name: 'add-role-claims', ran: false }]);
  });

  test('a thrown error: exit 1, the message and the Action', async () => {
    const { code, result } = await runJson(fixture('actions/throws.ts'), '--event', fixture('events/admin-api.json'));
    expect(code).toBe(1);
    expect(result.outcome).toBe('error');
    expect(result.error).toEqual({ action: 'throws', message: expect.stringMatching(/Cannot read properties of undefined/) });
  });

  test('a restricted claim: dropped and reported, the login succeeds', async () => {
    const { code, result } = await runJson(fixture('actions/restricted-claim.ts'), '--event', fixture('events/admin-api.json'));
    expect(code).toBe(0);
    expect(result.idToken.claims).toEqual({ 'https://claims.example.com/roles': ['admin', 'editor'] });
    expect(result.dropped).toEqual([{ token: 'id', claim: 'roles', rule: 'restricted-name', reason: expect.stringMatching(/restricted/) }]);
  });

  test('without --event, the defaults of makeEvent are used', async () => {
    const { code, result } = await runJson('actions/add-role-claims.ts');
    expect(code).toBe(0);
    expect(result.idToken.claims).toEqual({ 'https://claims.example.com/roles': [] });
  });
});

describe('claimkit run: bad input exits 2 with a clear message', () => {
  test.each([
    [['run', 'actions/nope.ts'], /nope\.ts does not exist/, 'ERR_FILE_NOT_FOUND'],
    [['run', 'actions/add-role-claims.ts', '--event', 'missing.json'], /Cannot read .*missing\.json/, 'ERR_FILE_NOT_FOUND'],
    [['run', 'actions/add-role-claims.ts', '--event', fixture('events/invalid.json')], /invalid\.json:1:\d+: Invalid JSON/, 'ERR_JSON_INVALID'],
    [['run', fixture('actions/no-handler.ts')], /does not export an "onExecutePostLogin" function/, 'ERR_ACTION_NO_HANDLER'],
    [['run', fixture('actions/sync-handler.js')], /Invalid function signature/, 'ERR_ACTION_NOT_ASYNC'],
    [['run', fixture('actions/syntax-error.ts')], /syntax-error\.ts:2:\d+: The Action does not build/, 'ERR_ACTION_LOAD'],
    [['run', '--bogus'], /Unknown option '--bogus'/, undefined],
    [['frobnicate'], /unknown command "frobnicate"/, undefined],
  ])('%j', async (argv, message, code) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toMatch(message);
    if (code) expect(io.err()).toContain(`[${code}]`);
    expect(io.out()).toBe('');
  });

  test('an Action "file" that is a directory, a device or over 4 MB is refused before esbuild reads it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-'));
    const huge = path.join(dir, 'huge.js');
    fs.writeFileSync(huge, `exports.onExecutePostLogin = async () => {};\n//${'x'.repeat(4 * 1024 * 1024)}\n`);
    for (const [file, code] of [[dir, 'ERR_FILE_NOT_FOUND'], ['/dev/zero', 'ERR_FILE_NOT_FOUND'], [huge, 'ERR_INPUT_TOO_LARGE']] as const) {
      const io = captureIo();
      expect(await main(['run', file], io)).toBe(2);
      expect(io.err()).toContain(`[${code}]`);
    }
  });

  test('an event file that is not an object', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-'));
    fs.writeFileSync(path.join(dir, 'e.json'), '[1]');
    const io = captureIo();
    expect(await main(['run', 'actions/add-role-claims.ts', '--event', path.join(dir, 'e.json')], io)).toBe(2);
    expect(io.err()).toMatch(/must be a JSON object/);
  });

  test('no file and no tenant.yaml binding', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-'));
    fs.writeFileSync(path.join(dir, 'tenant.yaml'), 'actions: []\n');
    const io = captureIo({ cwd: dir });
    expect(await main(['run'], io)).toBe(2);
    expect(io.err()).toMatch(/tenant\.yaml: No Action is bound to post-login/);
  });
});

describe('the claimkit bin', () => {
  test('prints exactly one JSON object on stdout and exits with the outcome', () => {
    const bin = path.join(ROOT, 'bin/claimkit.cjs');
    const ok = spawnSync(process.execPath, [bin, 'run', 'actions/add-role-claims.ts', '--event', fixture('events/admin-api.json'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ outcome: 'success' });
    const failed = spawnSync(process.execPath, [bin, 'run', fixture('actions/throws.ts'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ outcome: 'error' });
  });

  test('the readable report names the outcome, the claims and what Auth0 drops', () => {
    const bin = path.join(ROOT, 'bin/claimkit.cjs');
    const r = spawnSync(process.execPath, [bin, 'run', fixture('actions/restricted-claim.ts'), '--event', fixture('events/admin-api.json')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^SUCCESS: 1 Action\(s\): restricted-claim/);
    expect(r.stdout).toContain('https://claims.example.com/roles: ["admin","editor"]');
    expect(r.stdout).toMatch(/Dropped silently by Auth0:\n {2}\[id\] roles: /);
  });
});
