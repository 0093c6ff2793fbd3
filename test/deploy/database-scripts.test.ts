// A custom database script given as a path (auth0-deploy-cli's YAML format) is deployed as the file's
// text, as auth0-deploy-cli deploys it — never as the path itself — and the file must be inside the project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseScriptProblems } from '../../src/deploy/database-scripts.ts';
import { desiredTenant } from '../../src/deploy/desired.ts';

let root: string;
const LOGIN = 'function login(email, password, callback) { callback(null, { user_id: email, app: "##APP##" }); }\n';

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-db-scripts-'));
  fs.mkdirSync(path.join(root, 'databases/Users'), { recursive: true });
  fs.writeFileSync(path.join(root, 'databases/Users/login.js'), LOGIN);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const yaml = (login: string) => `databases:\n  - name: Users\n    strategy: auth0\n    enabled_clients: []\n    options:\n      enabledDatabaseCustomization: true\n      customScripts:\n        login: ${login}\n`;
const scripts = (text: string) => {
  const db = desiredTenant(text, [], { APP: 'demo' }, path.join(root, 'tenant.yaml')).sections.databases?.[0];
  return (db?.['options'] as { customScripts: Record<string, string> }).customScripts;
};

test("a script path is deployed as the file's text, keywords replaced; a script written inline stays as written", () => {
  expect(scripts(yaml('./databases/Users/login.js'))).toEqual({ login: LOGIN.replace('##APP##', 'demo') });
  expect(scripts(yaml("'function login(e, p, cb) { cb(null); }'"))).toEqual({ login: 'function login(e, p, cb) { cb(null); }' });
});

test('a script path that is missing or leads out of the project is refused before any write, and by check at its place', () => {
  expect(() => scripts(yaml('./databases/Users/missing.js'))).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
  expect(() => scripts(yaml('../../../etc/x.js'))).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
  const databases = [{ name: 'Users', options: { customScripts: { login: './databases/Users/login.js', get_user: './databases/Users/get_user.js', create: '/tmp/x.js' } } }];
  expect(databaseScriptProblems(databases, root).map((p) => p.path)).toEqual([
    ['databases', 0, 'options', 'customScripts', 'get_user'],
    ['databases', 0, 'options', 'customScripts', 'create'],
  ]);
});
