// The Rule corpus (test/rules/corpus/rules/): Rules written the way teams wrote them. Each one is
// migrated by `claimkit migrate`, the Actions type-check under the project's strict settings, and
// `claimkit parity` with its Rule holds on generated logins: 10,000 in CI with a fixed seed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { migrateRule, type Migration } from '../../src/migrate/index.ts';
import { markTypeErrors, typeCheckAction } from '../../src/migrate/typecheck.ts';
import { FUZZ_SEED_CI } from '../../src/harness/fuzz.ts';
import type { ParityReport } from '../../src/parity/index.ts';
import { captureIo, ROOT } from '../cli/helpers.ts';

const CORPUS = path.join(__dirname, 'corpus/rules');
const RULES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.js')).sort();
/** The configuration the corpus Rules read (the tenant's rulesConfigs). */
const CONFIGURATION = { CLAIM_NAMESPACE: 'https://claims.example.com/', SUPPORT_PIN_KEY: 'corpus-support-pin-key' };

// Generated inside the project, so the Actions resolve claimkit's types as a user's actions/ would.
const OUT = fs.mkdtempSync(path.join(ROOT, 'test/rules/.migrated-'));
const migrated = new Map<string, { migration: Migration; file: string }>();

beforeAll(() => {
  for (const f of RULES) {
    const file = path.join(CORPUS, f);
    const source = fs.readFileSync(file, 'utf8');
    const name = f.replace(/\.js$/, '');
    const out = path.join(OUT, `${name}.ts`);
    const migration = migrateRule(source, { ruleName: name, ruleFile: file, root: ROOT, outFile: out });
    fs.writeFileSync(out, migration.code);
    migrated.set(f, { migration, file: out });
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

describe.each(RULES)('claimkit parity of %s with its migrated Action', (f) => {
  test('holds on every generated login, in the Action engine', async () => {
    const { file } = migrated.get(f) ?? { file: '' };
    // As a user runs it: the configuration's values in the environment; CI runs 10,000 logins, seed fixed.
    const io = captureIo({ env: { ...CONFIGURATION, CI: process.env['CI'], CLAIMKIT_FUZZ_SEED: process.env['CLAIMKIT_FUZZ_SEED'] } });
    const code = await main(['parity', path.join(CORPUS, f), file, '--json'], io);
    const report = JSON.parse(io.out()) as ParityReport;
    expect(report.divergence?.differences ?? []).toEqual([]);
    expect({ code, ok: report.ok }).toEqual({ code: 0, ok: true });
    if (process.env['CI']) expect({ runs: report.runs, seed: report.seed }).toEqual({ runs: 10_000, seed: FUZZ_SEED_CI });
    // The logins reached both sides of the Rule's decisions.
    expect(Object.keys(report.coverage['roles'] ?? {}).length).toBeGreaterThan(3);
  }, 300_000);
});

test('claimkit migrate --out writes an Action that claimkit parity proves', async () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'claimkit-parity-'));
  try {
    const out = path.join(project, 'actions', 'mfa-per-role.ts');
    const migrate = captureIo({ cwd: project });
    expect(await main(['migrate', path.join(CORPUS, 'mfa-per-role.js'), '--out', out], migrate)).toBe(0);
    expect(migrate.out()).toContain('Every construct was converted.');
    expect(migrate.out()).toContain('Add to tenant.yaml:');
    const io = captureIo({ cwd: project });
    expect(await main(['parity', path.join(CORPUS, 'mfa-per-role.js'), out, '--runs', '300'], io)).toBe(0);
    expect(io.out()).toMatch(/^PARITY: the Rule and the Action agree on all 300 generated logins/);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}, 120_000);
