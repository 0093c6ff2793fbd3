// Bad input on the command line: one paragraph, its code, exit 2, never a stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { FlowResult } from '../../src/harness/index.ts';
import { captureIo, fixture, ROOT } from './helpers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-input-'));
let n = 0;
function write(name: string, text: string): string {
  const sub = path.join(dir, String(n++));
  fs.mkdirSync(sub);
  fs.writeFileSync(path.join(sub, name), text);
  return path.join(sub, name);
}

const ALIAS_BOMB = `${['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n')}\n`;

/** A copy of the example project with one file replaced. */
function projectWith(file: string, text: string): string {
  const p = fs.mkdtempSync(path.join(dir, 'project-'));
  for (const f of ['tenant.yaml', 'claims.yaml']) fs.copyFileSync(path.join(ROOT, f), path.join(p, f));
  fs.cpSync(path.join(ROOT, 'actions'), path.join(p, 'actions'), { recursive: true });
  fs.writeFileSync(path.join(p, file), text);
  return p;
}

function bin(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/claimkit.cjs'), ...args], { cwd, encoding: 'utf8' });
}

function expectCleanFailure(r: { status: number | null; stderr: string; stdout: string }, code: string): void {
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`[${code}]`);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('the reproductions, through the claimkit bin', () => {
  test('{"request":null} and {"user":"bob"} are refused with the path, exit 2', () => {
    const r1 = bin(['run', 'actions/add-role-claims.ts', '--event', write('e.json', '{"request":null}')]);
    expectCleanFailure(r1, 'ERR_EVENT_INVALID');
    expect(r1.stderr).toMatch(/e\.json:1:12: \$\.request: null cannot remove/);
    const r2 = bin(['run', 'actions/add-role-claims.ts', '--event', write('e.json', '{"user":"bob"}')]);
    expectCleanFailure(r2, 'ERR_EVENT_INVALID');
    expect(r2.stderr).toMatch(/\$\.user: expected the user/);
    expect(r2.stdout).toBe('');
  });

  test('an alias bomb in tenant.yaml stops run and check; in claims.yaml it stops check', () => {
    const bombedTenant = projectWith('tenant.yaml', ALIAS_BOMB);
    expectCleanFailure(bin(['run'], bombedTenant), 'ERR_INPUT_TOO_LARGE');
    expectCleanFailure(bin(['check'], bombedTenant), 'ERR_INPUT_TOO_LARGE');
    const bombedClaims = projectWith('claims.yaml', ALIAS_BOMB);
    const r = bin(['check'], bombedClaims);
    expectCleanFailure(r, 'ERR_INPUT_TOO_LARGE');
    expect(r.stderr).toMatch(/claims\.yaml:2:8: The YAML aliases/);
  });
});

describe('standard input past its limit', () => {
  test('inspect - with megabytes piped in stops with ERR_INPUT_TOO_LARGE, exit 2', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/claimkit.cjs'), 'inspect', '-'], { cwd: ROOT, encoding: 'utf8', input: 'a'.repeat(2 * 1024 * 1024) });
    expectCleanFailure(r, 'ERR_INPUT_TOO_LARGE');
    expect(r.stdout).toBe('');
  });
});

describe('event files past the limits', () => {
  test.each([
    ['over 4 MB', `{"user":{"app_metadata":{"blob":"${'x'.repeat(4 * 1024 * 1024)}"}}}`],
    ['nested a million levels deep', `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`],
  ])('%s: exit 2, ERR_INPUT_TOO_LARGE', async (_what, text) => {
    const io = captureIo();
    expect(await main(['run', 'actions/add-role-claims.ts', '--event', write('big.json', text)], io)).toBe(2);
    expect(io.err()).toContain('[ERR_INPUT_TOO_LARGE]');
  });
});

describe('claimkit run --now', () => {
  async function iat(args: string[]): Promise<{ code: number; iat: unknown; err: string }> {
    const io = captureIo();
    const code = await main(['run', fixture('actions/clock.ts'), ...args, '--json'], io);
    const result = code === 2 ? undefined : (JSON.parse(io.out()) as FlowResult);
    return { code, iat: result?.idToken.claims['https://claims.example.com/iat'], err: io.err() };
  }

  test.each([
    ['2030-01-02T03:04:05Z', Date.UTC(2030, 0, 2, 3, 4, 5) / 1000],
    ['2030-01-02T03:04:05.250+02:00', Date.UTC(2030, 0, 2, 1, 4, 5) / 1000],
    ['2030-01-02', Date.UTC(2030, 0, 2) / 1000],
  ])('%s sets the clock the Action sees', async (iso, seconds) => {
    const r = await iat(['--now', iso]);
    expect(r.code).toBe(0);
    expect(r.iat).toBe(seconds);
  });

  test.each(['yesterday', '2030-02-30', '2030-13-01', '2030-01-02T03:04:05', '2030-01-02T24:00:00Z', '1700000000'])('--now %s is refused', async (iso) => {
    const r = await iat(['--now', iso]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--now .* is not a valid ISO 8601 date or date-time\. Give a date \(2026-11-25\)/);
    expect(r.err).toContain('[ERR_USAGE]');
  });
});

describe('claimkit run --continue', () => {
  test('the continue event file is validated like the event file', async () => {
    const io = captureIo();
    expect(await main(['run', 'actions/add-role-claims.ts', '--continue', write('c.json', '{"request":{"query":[]}}')], io)).toBe(2);
    expect(io.err()).toMatch(/The continue event file [\s\S]*c\.json:1:21: \$\.request\.query: expected an object/);
  });
});
