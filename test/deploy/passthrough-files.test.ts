// The files auth0-deploy-cli reads for the passed-through sections must be regular files inside
// tenant.yaml's folder: it sends their content to the tenant, and stops on a missing one after
// claimkit's own writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPassthroughFiles, passthroughFileProblems } from '../../src/deploy/passthrough-files.ts';
import type { DesiredTenant } from '../../src/deploy/desired.ts';

let root: string;
let outside: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-passthrough-files-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-passthrough-outside-'));
  fs.mkdirSync(path.join(root, 'emails'));
  fs.writeFileSync(path.join(root, 'emails/verify_email.html'), '<p>Verify</p>');
  fs.writeFileSync(path.join(root, 'rule.js'), 'function (user, context, cb) { cb(null, user, context); }');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'AUTH0_CLIENT_SECRET=x');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'emails/link.html'));
  fs.symlinkSync(outside, path.join(root, 'elsewhere'));
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

const template = (body: unknown) => ({ emailTemplates: [{ template: 'verify_email', enabled: true, body }] });
const problemsFor = (body: unknown) => passthroughFileProblems(template(body), root).map((p) => p.path);

describe('files named by the sections auth0-deploy-cli applies', () => {
  test('a regular file inside the folder is fine, in every section that names files', () => {
    expect(problemsFor('./emails/verify_email.html')).toEqual([]);
    const sections = { ...template('emails/verify_email.html'), rules: [{ name: 'r', script: './rule.js' }], branding: { templates: [{ template: 'universal_login', body: './emails/verify_email.html' }] } };
    expect(passthroughFileProblems(sections, root)).toEqual([]);
  });

  test('a path out of the folder, absolute, through a symbolic link, or missing is refused at its place', () => {
    const path0 = ['emailTemplates', 0, 'body'];
    expect(problemsFor('../../../../proc/self/environ')).toEqual([path0]);
    expect(problemsFor('/proc/self/environ')).toEqual([path0]);
    expect(problemsFor('./emails/link.html')).toEqual([path0]);
    expect(problemsFor('./elsewhere/secret.txt')).toEqual([path0]);
    expect(problemsFor('./emails/missing.html')).toEqual([path0]);
    expect(problemsFor('./emails')).toEqual([path0]);
    expect(problemsFor(42)).toEqual([path0]);
    const rules = passthroughFileProblems({ rules: [{ name: 'r', script: '../x.js' }], hooks: [{ name: 'h', script: '/etc/passwd' }], branding: { templates: [{ body: '../b.html' }] } }, root);
    expect(rules.map((p) => p.path)).toEqual([['rules', 0, 'script'], ['hooks', 0, 'script'], ['branding', 'templates', 0, 'body']]);
  });

  test('before keywords are replaced a path holding one is left for the deploy, which checks its value', () => {
    expect(passthroughFileProblems(template('./emails/##TEMPLATE##'), root, true)).toEqual([]);
    const desired: DesiredTenant = { sections: {}, passthrough: template('./emails/../../../proc/self/environ'), exclude: {}, include: {} };
    expect(() => checkPassthroughFiles(desired, root)).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
    expect(() => checkPassthroughFiles({ ...desired, passthrough: template('./emails/verify_email.html') }, root)).not.toThrow();
  });
});
