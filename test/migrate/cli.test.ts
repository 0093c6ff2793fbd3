// claimkit migrate as a user runs it: where the Action goes, what is printed, what is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIo, ROOT } from '../cli/helpers.ts';

const RULE = path.join(ROOT, 'test/rules/corpus/rules/organization-claims.js');
const HARD = path.join(ROOT, 'test/rules/corpus/needs-a-human/cache-in-global.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('without --out: the Action on stdout, the report on stderr', async () => {
  const io = captureIo();
  expect(await main(['migrate', RULE], io)).toBe(0);
  expect(io.out()).toMatch(/^\/\/ Migrated by claimkit migrate from the Rule "organization-claims"/);
  expect(io.out()).toContain("export const onExecutePostLogin: PostLoginAction['onExecutePostLogin'] = async (event, api) => {");
  expect(io.err()).toContain('Every construct was converted.');
  expect(io.err()).toContain("The Action type-checks with the project's tsconfig.");
  expect(io.err()).toContain('Then prove it behaves like the Rule: claimkit parity');
});

test('--out writes the file; an existing one is refused without --force', async () => {
  const out = path.join(dir, 'actions', 'org.ts');
  expect(await main(['migrate', RULE, '--out', out], captureIo())).toBe(0);
  expect(fs.readFileSync(out, 'utf8')).toContain('api.idToken.setCustomClaim(`${namespace}org_name`');
  const again = captureIo();
  expect(await main(['migrate', RULE, '--out', out], again)).toBe(2);
  expect(again.err()).toMatch(/already exists\. Pass --force.*\[ERR_OUTPUT_EXISTS\]/);
  expect(await main(['migrate', RULE, '--out', out, '--force'], captureIo())).toBe(0);
  // Nothing but the Action is left beside it (the type check's temporary files are gone).
  expect(fs.readdirSync(path.dirname(out))).toEqual(['org.ts']);
});

test('what needs a human is listed with the Rule line, and type errors with the Action line; --json has both', async () => {
  const io = captureIo();
  expect(await main(['migrate', HARD, '--json'], io)).toBe(0);
  const r = JSON.parse(io.out());
  expect(r.todos).toEqual(expect.arrayContaining([{ line: 4, message: expect.stringContaining('no `global` object') }]));
  expect(r.typeErrors.length).toBeGreaterThan(0);
  for (const e of r.typeErrors) expect(r.action.code.split('\n')[e.line - 2]).toContain('TODO(claimkit): does not type-check');
  expect(r.dependencies).toEqual([{ name: 'request', version: '2.88.2' }]);
  expect(r.secrets).toEqual(['BILLING_TOKEN']);
});

test.each([
  [['migrate'], /takes one Rule/],
  [['migrate', RULE, '--out', path.join(dir, 'x.js')], /give a \.ts file/],
  [['migrate', 'no-such-rule'], /\[ERR_RULE_NOT_FOUND\]/],
])('bad usage is exit 2: %j', async (args, message) => {
  const io = captureIo();
  expect(await main(args, io)).toBe(2);
  expect(io.err()).toMatch(message);
});
