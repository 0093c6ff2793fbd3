import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ManagementClient } from 'auth0';
import { passthroughFingerprints, recordFile, recordSent, sentBefore, tenantKey, unchangedSince } from '../../src/deploy/passthrough-record.ts';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-passthrough-record-'));
  fs.mkdirSync(path.join(root, 'emails'));
  fs.writeFileSync(path.join(root, 'emails/verify_email.html'), '<p>Welcome to ##APP_NAME##</p>');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const sections = () => ({
  branding: { colors: { primary: '#0059d6' } },
  emailTemplates: [{ template: 'verify_email', body: './emails/verify_email.html', enabled: true }],
});

test('a section is unchanged only while its value and the text of the files it names (keywords replaced) are', () => {
  const first = passthroughFingerprints(sections(), root, { APP_NAME: 'Claims Demo' });
  recordSent(root, 't.example.com', first);
  const sent = sentBefore(root, 't.example.com');
  expect(unchangedSince(['branding', 'emailTemplates'], first, sent)).toEqual(['branding', 'emailTemplates']);

  // Another keyword value, an edited template file, an edited value: each makes its section be sent.
  expect(unchangedSince(['branding', 'emailTemplates'], passthroughFingerprints(sections(), root, { APP_NAME: 'Other' }), sent)).toEqual(['branding']);
  fs.writeFileSync(path.join(root, 'emails/verify_email.html'), '<p>Hello from ##APP_NAME##</p>');
  expect(unchangedSince(['branding', 'emailTemplates'], passthroughFingerprints(sections(), root, { APP_NAME: 'Claims Demo' }), sent)).toEqual(['branding']);
  const recoloured = { ...sections(), branding: { colors: { primary: '#000000' } } };
  expect(unchangedSince(['branding'], passthroughFingerprints(recoloured, root, { APP_NAME: 'Claims Demo' }), sent)).toEqual([]);
});

test('the record is per tenant, private to its owner, and merged with what was sent before', () => {
  const fp = passthroughFingerprints(sections(), root, {});
  recordSent(root, 'a.example.com', { branding: fp['branding'] as string });
  recordSent(root, 'a.example.com', { emailTemplates: fp['emailTemplates'] as string });
  expect(Object.keys(sentBefore(root, 'a.example.com')).sort()).toEqual(['branding', 'emailTemplates']);
  expect(sentBefore(root, 'b.example.com')).toEqual({});
  expect(fs.statSync(recordFile(root)).mode & 0o077).toBe(0);
});

test('a section naming a file that cannot be read has no fingerprint, so it is always sent', () => {
  const missing = { emailTemplates: [{ template: 'verify_email', body: './emails/missing.html' }] };
  const outside = { emailTemplates: [{ template: 'verify_email', body: '../../etc/hostname' }] };
  expect(passthroughFingerprints({ ...missing }, root, {})).toEqual({});
  expect(passthroughFingerprints({ ...outside }, root, {})).toEqual({});
  // Past the limit a deploy reads such files within (4 MB): not read whole for a fingerprint.
  fs.writeFileSync(path.join(root, 'emails/huge.html'), Buffer.alloc(5 * 1024 * 1024, 0x61));
  expect(passthroughFingerprints({ emailTemplates: [{ template: 'verify_email', body: './emails/huge.html' }] }, root, {})).toEqual({});
});

test('for a pull, a section still holding a keyword nobody gave a value has none: the tenant holds the real value', () => {
  const stream = { logStreams: [{ name: 'Datadog', type: 'datadog', sink: { datadogApiKey: '##DATADOG_API_KEY##' } }] };
  expect(Object.keys(passthroughFingerprints(stream, root, {}))).toEqual(['logStreams']);
  expect(passthroughFingerprints(stream, root, {}, { allReplaced: true })).toEqual({});
  // tenant.yaml's sections reach it with their keywords replaced (desiredTenant); only its files' text is replaced here.
  const given = { logStreams: [{ name: 'Datadog', type: 'datadog', sink: { datadogApiKey: 'k' } }] };
  expect(Object.keys(passthroughFingerprints(given, root, {}, { allReplaced: true }))).toEqual(['logStreams']);
  expect(passthroughFingerprints(sections(), root, {}, { allReplaced: true })).toEqual({ branding: expect.any(String) });
});

test('a broken, huge or foreign record means nothing was sent before', () => {
  fs.mkdirSync(path.dirname(recordFile(root)), { recursive: true });
  for (const text of ['{not json', '[]', '{"tenants":{"t":"x"}}', '{"tenants":{"__proto__":{"branding":"x"}}}', `{"tenants":{"t":{"branding":"${'x'.repeat(2 * 1024 * 1024)}"}}}`]) {
    fs.writeFileSync(recordFile(root), text);
    expect(sentBefore(root, 't')).toEqual({});
    expect(({} as Record<string, unknown>)['branding']).toBeUndefined();
  }
  recordSent(root, 't', { branding: 'y' });
  expect(sentBefore(root, 't')).toEqual({ branding: 'y' });
});

test("a tenant is known by its domain and its global client; one whose clients cannot be read has no key (everything is sent)", async () => {
  const listing = (clients: unknown[]) => ({ clients: { list: async () => (async function* () { yield* clients; })() } }) as unknown as ManagementClient;
  expect(await tenantKey(listing([{ client_id: 'glb1', global: true }]), 't.example.com')).toBe('t.example.com glb1');
  expect(await tenantKey(listing([{ client_id: 'app', global: false }]), 't.example.com')).toBeUndefined();
  const refused = { clients: { list: async () => Promise.reject(new Error('403 insufficient_scope')) } } as unknown as ManagementClient;
  expect(await tenantKey(refused, 't.example.com')).toBeUndefined();
});
