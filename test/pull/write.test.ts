// Writing a pulled project: a folder holding a project is never overwritten unasked (the error says what
// would be), --force replaces it, a repeated pull is no change, and a failed write leaves the folder as it
// was. Through the CLI: bad input is one paragraph and exit 2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { pull } from '../../src/pull/pull.ts';
import { commit, planWrite, stage } from '../../src/pull/write.ts';
import { captureIo } from '../cli/helpers.ts';

jest.setTimeout(60_000);

let dir: string;
let from: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-write-'));
  from = path.join(dir, 'export');
  fs.mkdirSync(path.join(from, 'actions/tier'), { recursive: true });
  fs.writeFileSync(path.join(from, 'tenant.yaml'), 'actions:\n  - { name: tier, code: ./actions/tier/code.js, deployed: true, runtime: node22, supported_triggers: [{ id: post-login, version: v3 }] }\n');
  fs.writeFileSync(path.join(from, 'actions/tier/code.js'), 'exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("https://t/tier", "gold"); };\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const convert = (out: string, force = false) => pull({ out, cwd: dir, env: {}, fromExport: from, keywords: [], force, log: () => {} });
const snapshot = (d: string) => Object.fromEntries(fs.readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [path.relative(d, path.join(e.parentPath, e.name)), fs.readFileSync(path.join(e.parentPath, e.name), 'utf8')]));

test('a folder holding a project is not overwritten unasked; --force replaces it and removes the Actions the pull does not hold', async () => {
  const out = path.join(dir, 'project');
  fs.mkdirSync(path.join(out, 'actions'), { recursive: true });
  fs.writeFileSync(path.join(out, 'tenant.yaml'), 'actions: []\n');
  fs.writeFileSync(path.join(out, 'actions/old-one.ts'), 'export const onExecutePostLogin = async () => {};\n');
  fs.writeFileSync(path.join(out, 'README.md'), 'mine');
  const before = snapshot(out);
  const refused = await convert(out);
  expect(refused.error).toEqual({ code: 'ERR_PULL_OVERWRITE', message: expect.stringMatching(/already holds a project: the pull would overwrite tenant\.yaml and remove actions\/old-one\.ts .*Nothing was written\. .*--force/) });
  expect(snapshot(out)).toEqual(before);

  const forced = await convert(out, true);
  expect(forced.error).toBeNull();
  expect(forced.files).toMatchObject({ changed: ['tenant.yaml'], removed: ['actions/old-one.ts'] });
  expect(fs.existsSync(path.join(out, 'actions/old-one.ts'))).toBe(false);
  expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('mine');
  expect(fs.readdirSync(path.join(out, '.claimkit'))).toEqual([]); // no staging left behind

  const again = await convert(out);
  expect(again.error).toBeNull();
  expect(again.files).toMatchObject({ created: [], changed: [], removed: [] });
});

test('a write that fails halfway puts back everything it had replaced', () => {
  const out = path.join(dir, 'project');
  fs.mkdirSync(path.join(out, 'actions'), { recursive: true });
  fs.writeFileSync(path.join(out, 'tenant.yaml'), 'old\n');
  fs.mkdirSync(path.join(out, 'actions/b.js')); // a folder where a file must go: that rename fails
  const files = new Map([['tenant.yaml', 'new\n'], ['actions/a.js', 'a\n'], ['actions/b.js', 'b\n']]);
  const { plan, toWrite } = planWrite(out, files, new Map());
  const staging = stage(out, toWrite);
  plan.changed = plan.changed.filter((f) => f !== 'actions/b.js'); // as if it were new: nothing set aside for it
  expect(() => commit(out, staging, toWrite, plan)).toThrow(expect.objectContaining({ message: expect.stringMatching(/the folder is as it was before the pull/) }));
  expect(fs.readFileSync(path.join(out, 'tenant.yaml'), 'utf8')).toBe('old\n');
  expect(fs.existsSync(path.join(out, 'actions/a.js'))).toBe(false);
  expect(fs.existsSync(staging)).toBe(false);
});

test('a write that fails halfway removes the folders it had made for new files', async () => {
  const out = path.join(dir, 'project');
  fs.mkdirSync(path.join(out, 'pages/login.html'), { recursive: true }); // a folder where a file must go
  fs.writeFileSync(path.join(from, 'tenant.yaml'), `${fs.readFileSync(path.join(from, 'tenant.yaml'), 'utf8')}pages:\n  - { name: login, enabled: true, html: ./login.html }\nrules:\n  - { name: r, script: ./r.js, enabled: true, order: 1, stage: login_success }\n`);
  fs.writeFileSync(path.join(from, 'login.html'), '<p>login</p>');
  fs.writeFileSync(path.join(from, 'r.js'), 'function (user, context, callback) { callback(null, user, context); }\n');
  const before = fs.readdirSync(out, { recursive: true }).filter((e) => !String(e).startsWith('.claimkit')).sort();
  const s = await convert(out);
  expect(s.error).toEqual(expect.objectContaining({ message: expect.stringMatching(/the folder is as it was before the pull/) }));
  expect(fs.readdirSync(out, { recursive: true }).filter((e) => !String(e).startsWith('.claimkit')).sort()).toEqual(before);
});

test('claimkit pull: bad input is one paragraph and exit 2; --json prints the summary', async () => {
  const bad = captureIo({ cwd: dir });
  expect(await main(['pull', '--keyword', 'bad name=x', '--from-export', from], bad)).toBe(2);
  expect(bad.err()).toMatch(/^claimkit pull: --keyword "bad name=x": the name must be .* \[ERR_PULL_KEYWORD\]\n$/);
  const missing = captureIo({ cwd: dir });
  expect(await main(['pull', '--from-export', 'nope'], missing)).toBe(2);
  expect(missing.err()).toMatch(/\[ERR_FILE_NOT_FOUND\]\n$/);
  const noEnvFile = captureIo({ cwd: dir });
  expect(await main(['pull', '--env', 'staging', '--out', 'p'], noEnvFile)).toBe(2);
  expect(noEnvFile.err()).toMatch(/--env staging needs .*\.env\.staging.*\[ERR_FILE_NOT_FOUND\]\n$/);
  expect(fs.existsSync(path.join(dir, 'p'))).toBe(false);
  const unknown = captureIo({ cwd: dir });
  expect(await main(['pull', '--bogus'], unknown)).toBe(2);
  const json = captureIo({ cwd: dir });
  expect(await main(['pull', '--from-export', 'export', '--out', 'p', '--json'], json)).toBe(0);
  expect(JSON.parse(json.out())).toMatchObject({ ok: true, out: path.join(dir, 'p'), actions: [{ name: 'tier', file: 'actions/tier.js', checked: true }] });
  const human = captureIo({ cwd: dir });
  expect(await main(['pull', '--from-export', 'export', '--out', 'p'], human)).toBe(0);
  expect(human.out()).toMatch(/^Pulled export .* into .*p\n {2}files: 0 new, 0 replaced, \d+ unchanged\n {2}actions: 1 \(1 type-checked with \/\/ @ts-check\)/);
});
