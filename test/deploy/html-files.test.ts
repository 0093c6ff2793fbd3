// A client's custom_login_page and a passwordless email body given as file names (auth0-deploy-cli's
// YAML format: clients/<name>, connections/<name>) are deployed as the files' text, as auth0-deploy-cli
// deploys them — never as the file name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desiredTenant } from '../../src/deploy/desired.ts';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-html-files-'));
  fs.mkdirSync(path.join(root, 'clients'));
  fs.mkdirSync(path.join(root, 'connections'));
  fs.writeFileSync(path.join(root, 'clients/login.html'), '<html>##BRAND## login</html>');
  fs.writeFileSync(path.join(root, 'connections/email.html'), '<p>Your code: {{ code }}</p>');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const desired = (yaml: string) => desiredTenant(yaml, [], { BRAND: 'Acme' }, path.join(root, 'tenant.yaml'));

test("a custom_login_page naming a file in clients/ is deployed as the file's text; HTML written inline, as written", () => {
  const page = (v: string) => desired(`clients:\n  - name: App\n    custom_login_page: ${v}\n`).sections.clients?.[0]?.['custom_login_page'];
  expect(page('login.html')).toBe('<html>Acme login</html>');
  expect(page("'<html>inline</html>'")).toBe('<html>inline</html>');
  // Not a file there: the value is the page, as auth0-deploy-cli reads it.
  expect(page('other.html')).toBe('other.html');
});

test("a passwordless email body is read from connections/, and a missing file stops the deploy before any write", () => {
  const yaml = (body: string) => `connections:\n  - name: email\n    strategy: email\n    options:\n      email:\n        from: no-reply@example.com\n        body: ${body}\n`;
  const body = (text: string) => (desired(yaml(text)).sections.connections?.[0]?.['options'] as { email: { body: string } }).email.body;
  expect(body('email.html')).toBe('<p>Your code: {{ code }}</p>');
  expect(body("'<p>inline {{ code }}</p>'")).toBe('<p>inline {{ code }}</p>');
  expect(() => desired(yaml('missing.html'))).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
  expect(() => desired(yaml('../../../etc/hostname'))).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
});
