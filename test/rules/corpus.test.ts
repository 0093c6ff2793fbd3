// The Rule corpus (test/rules/corpus/rules/): Rules written the way teams wrote them. Each one is
// migrated by `claimkit migrate`, the Actions type-check under the project's strict settings, and
// parity with its Rule holds on generated logins: 10,000 in CI with a fixed seed (fuzzSettings).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { migrateRule, type Migration } from '../../src/migrate/index.ts';
import { markTypeErrors, typeCheckAction } from '../../src/migrate/typecheck.ts';
import { inProcessSides, parity, parityEvents, ruleLiterals } from '../../src/parity/index.ts';
import { parseRule } from '../../src/rules/parse.ts';
import type { PostLoginAction } from '../../src/types/index.ts';
import { captureIo, ROOT } from '../cli/helpers.ts';

const CORPUS = path.join(__dirname, 'corpus/rules');
const RULES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.js')).sort();
/** The configuration the corpus Rules read (the tenant's rulesConfigs). */
const CONFIGURATION = { CLAIM_NAMESPACE: 'https://claims.example.com/', SUPPORT_PIN_KEY: 'corpus-support-pin-key' };

// Generated inside the project, so the Actions resolve claimkit's types as a user's actions/ would.
const OUT = fs.mkdtempSync(path.join(ROOT, 'test/rules/.migrated-'));
const migrated = new Map<string, { migration: Migration; file: string; source: string }>();

beforeAll(() => {
  for (const f of RULES) {
    const file = path.join(CORPUS, f);
    const source = fs.readFileSync(file, 'utf8');
    const name = f.replace(/\.js$/, '');
    const out = path.join(OUT, `${name}.ts`);
    const migration = migrateRule(source, { ruleName: name, ruleFile: file, root: ROOT, outFile: out });
    fs.writeFileSync(out, migration.code);
    migrated.set(f, { migration, file: out, source });
  }
});
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

test('the corpus covers the patterns teams used Rules for', () => {
  expect(RULES).toEqual(expect.arrayContaining([
    'add-roles-to-tokens.js', 'app-metadata-claims.js', 'organization-claims.js', 'deny-email-domain.js', 'require-verified-email.js',
    'claims-per-client.js', 'claims-per-audience.js', 'mfa-per-role.js', 'configuration-secrets.js', 'metadata-updates.js',
  ]));
});

test('every corpus Rule migrates with nothing left for a human', () => {
  for (const [f, { migration }] of migrated) expect({ rule: f, todos: migration.todos }).toEqual({ rule: f, todos: [] });
});

test('every migrated Action type-checks under the project settings, or migrate marks the exact lines that do not', () => {
  const marked: Record<string, number[]> = {};
  for (const [f, m] of migrated) {
    const check = typeCheckAction(m.migration.code, m.file, ROOT);
    expect(check.checked).toBe(true);
    const result = markTypeErrors(m.migration.code, check.errors);
    fs.writeFileSync(m.file, result.code);
    if (result.errors.length > 0) marked[f] = result.errors.map((e) => e.line);
  }
  // deny-email-domain.js keeps `email.split('@').pop()` (string | undefined) where a string is expected.
  expect(Object.keys(marked)).toEqual(['deny-email-domain.js']);
  // tsc itself, over all of them: every error sits right under a TODO(claimkit) line.
  fs.writeFileSync(path.join(OUT, 'tsconfig.json'), JSON.stringify({ extends: '../../../tsconfig.json', include: ['*.ts'], compilerOptions: { types: ['node'] } }));
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(OUT, 'tsconfig.json')], { encoding: 'utf8' });
  const errors = tsc.stdout.split('\n').filter((l) => l.includes('): error TS'));
  expect(errors.length).toBe(Object.values(marked).flat().length);
  for (const e of errors) {
    const file = path.resolve(ROOT, e.slice(0, e.indexOf('(')));
    const line = Number(e.slice(e.indexOf('(') + 1, e.indexOf(',')));
    expect(fs.readFileSync(file, 'utf8').split('\n')[line - 2]).toContain('// TODO(claimkit): does not type-check:');
  }
});

describe.each(RULES)('parity of %s with its migrated Action', (f) => {
  test('holds on every generated login', async () => {
    const { file, source } = migrated.get(f) ?? { file: '', source: '' };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const action = require(file) as PostLoginAction;
    const literals = ruleLiterals(parseRule(source, f));
    const report = await parity({
      ...inProcessSides({ rule: { name: f, script: source }, action, configuration: CONFIGURATION }),
      events: parityEvents({ literals }),
      literals,
    });
    expect(report.divergence?.differences ?? []).toEqual([]);
    expect(report.ok).toBe(true);
    // The logins reached both sides of the Rule's decisions.
    expect(Object.keys(report.coverage['roles'] ?? {}).length).toBeGreaterThan(3);
  }, 120_000);
});

describe('claimkit migrate and claimkit parity, as a user runs them', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'claimkit-parity-'));
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  test.each(['mfa-per-role.js', 'metadata-updates.js'])('%s: migrate --out, then parity in the Action engine', async (f) => {
    const out = path.join(project, 'actions', f.replace(/\.js$/, '.ts'));
    const migrate = captureIo({ cwd: project });
    expect(await main(['migrate', path.join(CORPUS, f), '--out', out], migrate)).toBe(0);
    expect(migrate.out()).toContain('Every construct was converted.');
    expect(migrate.out()).toContain('Add to tenant.yaml:');
    const io = captureIo({ cwd: project, env: { CI: process.env['CI'] } });
    const code = await main(['parity', path.join(CORPUS, f), out, '--json'], io);
    const report = JSON.parse(io.out()) as { ok: boolean; runs: number; seed: number };
    expect({ code, ok: report.ok }).toEqual({ code: 0, ok: true });
    if (process.env['CI']) expect(report.runs).toBe(10_000);
  }, 300_000);
});
