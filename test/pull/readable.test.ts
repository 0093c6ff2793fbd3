// A pulled Action's source: readable, typed where claimkit has types, and the same program as the code
// the tenant runs — held to the fingerprint a deploy compares by, and run side by side in the engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleActions } from '../../src/build/bundle.ts';
import { codeFingerprint, sameCode } from '../../src/deploy/resources/code.ts';
import { sharedEngine } from '../../src/engine/index.ts';
import { makeEvent } from '../../src/harness/index.ts';
import { typecheckPulled } from '../../src/pull/checked.ts';
import { MAX_FORMAT_BYTES, readableAction } from '../../src/pull/readable.ts';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../..');

/** Code as Auth0's Dashboard editor starts it, as teams leave it. */
const DASHBOARD = `/**
* Handler that will be called during the execution of a PostLogin flow.
*
* @param {Event} event - Details about the user and the context in which they are logging in.
* @param {PostLoginAPI} api - Interface whose methods can be used to change the behavior of the login.
*/
exports.onExecutePostLogin = async (event, api) => {
  const namespace = 'https://dash.example.com';
  if (event.authorization) {
    api.idToken.setCustomClaim(\`\${namespace}/roles\`, event.authorization.roles);
  }
};
`;
const MINIFIED = 'const n="https://min.example.com/";exports.onExecutePostLogin=async(e,t)=>{const o=e.user.email??"none";t.idToken.setCustomClaim(n+"email",o),t.accessToken.setCustomClaim(n+"email",o)};';
const OBJECT_FORM = 'module.exports = { onExecutePostLogin: async (event, api) => { api.idToken.setCustomClaim("https://obj.example.com/x", 1); } };';
const DECLARATION = 'async function onExecutePostLogin(event, api) { api.idToken.setCustomClaim("https://decl.example.com/x", event.user.user_id); }\nexports.onExecutePostLogin = onExecutePostLogin;';
const MACHINE = 'exports.onExecuteCredentialsExchange = async (event, api) => { api.accessToken.setCustomClaim("https://m.example.com/c", event.client.client_id); };';

async function claimkitBundle(): Promise<string> {
  const [b] = await bundleActions([{ name: 'add-role-claims', file: path.join(ROOT, 'actions/add-role-claims.ts') }]);
  return b?.code ?? '';
}

test('every shape of Action code stays the same program, becomes readable, and gets its official type', async () => {
  const cases: Array<[string, string, string]> = [
    ['dashboard', 'post-login', DASHBOARD],
    ['minified', 'post-login', MINIFIED],
    ['object-form', 'post-login', OBJECT_FORM],
    ['declaration', 'post-login', DECLARATION],
    ['machine', 'credentials-exchange', MACHINE],
    ['add-role-claims', 'post-login', await claimkitBundle()],
  ];
  const files = new Map<string, string>();
  const pulled = [];
  for (const [name, trigger, code] of cases) {
    const r = await readableAction(name, trigger, code);
    expect({ name, keptAsIs: r.keptAsIs, typed: r.typed }).toEqual({ name, keptAsIs: undefined, typed: true });
    expect(codeFingerprint(r.code, name)).toBe(codeFingerprint(code, name));
    expect(r.code.startsWith('// @ts-check\n')).toBe(true);
    files.set(`actions/${name}.js`, r.code);
    pulled.push({ name, file: `actions/${name}.js`, trigger, code: r.code, typed: r.typed });
  }
  expect(files.get('actions/minified.js')?.split('\n').length).toBeGreaterThan(5);
  expect(files.get('actions/dashboard.js')).toContain("/** @typedef {import('@auth0/actions/post-login/v3').PostLoginAPI} PostLoginAPI */");
  expect(files.get('actions/dashboard.js')).toContain('Handler that will be called'); // comments kept
  expect(files.get('actions/declaration.js')).toContain("@param {import('@auth0/actions/post-login/v3').PostLoginAPI} api");
  // They pass the type-checker with the toolkit's strict settings, but for a bundle whose inlined shared
  // code lost its TypeScript types: that one is said, with tsc's own words, and left unchecked.
  const notes: Array<{ subject: string; message: string }> = [];
  expect(typecheckPulled(files, pulled, notes as never[]).map((a) => [a.name, a.checked])).toEqual(cases.map(([name]) => [name, name !== 'add-role-claims']));
  expect(notes).toEqual([expect.objectContaining({ subject: 'action add-role-claims', message: expect.stringMatching(/Parameter 'name' implicitly has an 'any' type/) })]);
});

test('a pulled file with a type error loses // @ts-check for a line that says what tsc found', async () => {
  const r = await readableAction('wrong', 'post-login', 'exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaimm("x", 1); };');
  const files = new Map([['actions/wrong.js', r.code]]);
  const notes: Array<{ message: string }> = [];
  const [checked] = typecheckPulled(files, [{ name: 'wrong', file: 'actions/wrong.js', trigger: 'post-login', code: r.code, typed: r.typed }], notes as never[]);
  expect(checked?.checked).toBe(false);
  const first = files.get('actions/wrong.js')?.split('\n')[0];
  expect(first).toMatch(/^\/\/ Not type-checked yet: tsc finds 1 problem\(s\), the first on line \d+: Property 'setCustomClaimm' does not exist/);
  expect(notes[0]?.message).toMatch(/not type-checked yet/);
  expect(codeFingerprint(files.get('actions/wrong.js') ?? '', 'wrong')).toBe(codeFingerprint(r.code, 'wrong'));
});

test('formatted and deployed code give the same claims when the engine runs them', async () => {
  const r = await readableAction('minified', 'post-login', MINIFIED);
  const event = makeEvent({ user: { email: 'ada@example.com' } });
  const [a, b] = await Promise.all([sharedEngine().execute([{ name: 'minified', code: MINIFIED }], event), sharedEngine().execute([{ name: 'minified', code: r.code }], event)]);
  expect(a.outcome).toBe('success');
  expect(b.idToken.claims).toEqual(a.idToken.claims);
  expect(b.idToken.claims).toEqual({ 'https://min.example.com/email': 'ada@example.com' });
});

test('code claimkit cannot read, or too large to format, is kept byte for byte and said so', async () => {
  const broken = 'exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("x", ; };';
  const r = await readableAction('broken', 'post-login', broken);
  expect(r.keptAsIs).toMatch(/cannot bundle it/);
  expect(r.code.endsWith(`${broken}\n`)).toBe(true);
  const huge = `exports.onExecutePostLogin = async () => {};\nconst pad = ${JSON.stringify('x'.repeat(MAX_FORMAT_BYTES))};\n`;
  const big = await readableAction('big', 'post-login', huge);
  expect(big.keptAsIs).toMatch(/larger than 512 kB/);
  expect(big.code.endsWith(huge)).toBe(true);
  // Deep nesting neither crashes nor hangs the pull: the code is kept as it is, or formatted faithfully.
  const deep = `exports.onExecutePostLogin = async () => { const x = ${'['.repeat(3000)}${']'.repeat(3000)}; };`;
  const d = await readableAction('deep', 'post-login', deep);
  expect(sameCode(d.code, deep, 'deep')).toBe(true);
});

test('a #! line stays first, and a file that is one long line stays one program', async () => {
  const code = '#!/usr/bin/env node\nexports.onExecutePostLogin = async () => {};';
  const r = await readableAction('bang', 'post-login', code);
  expect(r.code.split('\n').slice(0, 2)).toEqual(['#!/usr/bin/env node', '// @ts-check']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bang-'));
  fs.mkdirSync(path.join(dir, 'actions'));
  fs.writeFileSync(path.join(dir, 'actions/bang.js'), r.code);
  const [b] = await bundleActions([{ name: 'bang', file: path.join(dir, 'actions/bang.js') }]);
  expect(sameCode(b?.code ?? '', code, 'bang')).toBe(true);
  fs.rmSync(dir, { recursive: true, force: true });
});
