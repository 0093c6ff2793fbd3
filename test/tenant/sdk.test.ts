import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ManagementClient } from 'auth0';
import { Agent, fetch as undiciFetch } from 'undici';
import { resolveSettings } from '../../src/tenant/defaults.ts';
import { runTenant, type RunningTenant } from '../../src/tenant/process/run.ts';

// The tenant on a real HTTPS socket, driven by the real auth0 SDK (v7 ManagementClient) with client
// credentials, trusting the tenant's CA through undici — TLS verification stays on.

let dir: string;
let running: RunningTenant;
let agent: Agent;
let mgmt: ManagementClient;
const trustedFetch = ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ck-sdk-'));
  const settings = resolveSettings({ stateDir: dir, port: 0, buildDelayMs: 300, bodyLimitBytes: 64 * 1024 }, {}, dir);
  running = await runTenant(settings);
  agent = new Agent({ connect: { ca: await fs.readFile(running.info.caFile, 'utf8') } });
  mgmt = new ManagementClient({ domain: running.info.domain, clientId: running.info.clientId, clientSecret: running.info.clientSecret, fetch: trustedFetch });
});

afterAll(async () => {
  await running.close();
  await agent.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('without trusting the CA, TLS verification refuses the connection', async () => {
  await expect(undiciFetch(`https://${running.info.domain}/.well-known/jwks.json`)).rejects.toThrow();
});

test('ManagementClient: create, deploy (after the build), bind, test and list an Action', async () => {
  const created = await mgmt.actions.create({
    name: 'sdk-action',
    supported_triggers: [{ id: 'post-login', version: 'v3' }],
    code: "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('https://example.com/hi', event.user.email); };",
    runtime: 'node22',
  });
  const id = String(created.id);
  let deployed: unknown;
  for (let i = 0; i < 20 && deployed === undefined; i++) {
    try {
      deployed = await mgmt.actions.deploy(id);
    } catch (err) {
      expect(String((err as Error).message)).toContain("must be in the 'built' state");
      await sleep(100);
    }
  }
  expect(deployed).toMatchObject({ action_id: id, number: 1 });
  const bound = await mgmt.actions.triggers.bindings.updateMany('post-login', { bindings: [{ ref: { type: 'action_name', value: 'sdk-action' }, display_name: 'SDK' }] });
  expect(bound.bindings?.[0]).toMatchObject({ display_name: 'SDK', action: { id } });
  const tested = await mgmt.actions.test(id, { payload: { user: { email: 'ada@example.com' } } });
  expect(tested.payload).toMatchObject({ outcome: 'success', idToken: { claims: { 'https://example.com/hi': 'ada@example.com' } } });
  const page = await mgmt.actions.list({ per_page: 50 });
  expect(page.data.map((a) => a.name)).toEqual(['sdk-action']);
  const bindings = await mgmt.actions.triggers.bindings.list('post-login');
  expect(bindings.data).toHaveLength(1);
});

test('ManagementClient: roles with permissions, resource servers, users with roles and metadata', async () => {
  await mgmt.resourceServers.create({ name: 'Reports', identifier: 'https://reports.example.com', scopes: [{ value: 'read:reports', description: 'Read' }] });
  const role = await mgmt.roles.create({ name: 'reader', description: 'Reads' });
  await mgmt.roles.permissions.add(String(role.id), { permissions: [{ permission_name: 'read:reports', resource_server_identifier: 'https://reports.example.com' }] });
  const perms = await mgmt.roles.permissions.list(String(role.id));
  expect(perms.data).toMatchObject([{ permission_name: 'read:reports', resource_server_name: 'Reports' }]);
  const servers = await mgmt.resourceServers.list();
  expect(servers.data.map((s) => s.name)).toEqual(['Auth0 Management API', 'Reports']);
  const user = await mgmt.users.create({ connection: 'Username-Password-Authentication', email: 'grace@example.com', password: 'Passw0rd!x', app_metadata: { tenant_id: 't1' } });
  const userId = String(user.user_id);
  await mgmt.users.roles.assign(userId, { roles: [String(role.id)] });
  expect((await mgmt.users.roles.list(userId)).data).toMatchObject([{ name: 'reader' }]);
  const updated = await mgmt.users.update(userId, { user_metadata: { lang: 'fr' } });
  expect(updated).toMatchObject({ app_metadata: { tenant_id: 't1' }, user_metadata: { lang: 'fr' } });
  expect((await mgmt.users.get(userId)).email).toBe('grace@example.com');
  await mgmt.users.delete(userId);
  expect((await mgmt.users.list()).data).toEqual([]);
});

test('idle sockets are kept ≥ 60 s, concurrent clients are served, large bodies get 413', async () => {
  const url = `https://${running.info.domain}/.well-known/jwks.json`;
  const first = await undiciFetch(url, { dispatcher: agent });
  expect(first.headers.get('keep-alive')).toBe('timeout=65');
  await first.arrayBuffer();
  const many = await Promise.all(Array.from({ length: 40 }, () => mgmt.roles.list({ per_page: 100 })));
  expect(many.every((p) => p.data.length === 1)).toBe(true);
  const big = await undiciFetch(`https://${running.info.domain}/api/v2/roles`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'x'.repeat(100 * 1024) }),
  });
  expect(big.status).toBe(413);
  expect(await big.json()).toMatchObject({ statusCode: 413, error: 'Request Entity Too Large' });
  expect((await undiciFetch(url, { dispatcher: agent })).status).toBe(200);
});

test("an Action on the tenant reaches the tenant's own Management API over HTTPS, and still sees an empty environment", async () => {
  // What Actions do on Auth0 with the auth0 SDK: a client-credentials token from the tenant's
  // /oauth/token, then a Management API call — with fetch, and with node:https (axios, SDK v3/v4).
  const code = `
    const https = require('node:https');
    const getJson = (url, token) => new Promise((resolve, reject) => {
      https.get(url, { headers: { authorization: 'Bearer ' + token } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(JSON.parse(text)));
      }).on('error', reject);
    });
    exports.onExecutePostLogin = async (event, api) => {
      const origin = 'https://' + event.secrets.DOMAIN;
      const res = await fetch(origin + '/oauth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: event.secrets.CLIENT_ID, client_secret: event.secrets.CLIENT_SECRET, audience: origin + '/api/v2/' }),
      });
      const { access_token } = await res.json();
      const roles = await getJson(origin + '/api/v2/roles', access_token);
      api.idToken.setCustomClaim('https://example.com/roles', roles.map((r) => r.name));
      api.idToken.setCustomClaim('https://example.com/env', Object.keys(process.env));
    };`;
  const secrets = [
    { name: 'DOMAIN', value: running.info.domain },
    { name: 'CLIENT_ID', value: running.info.clientId },
    { name: 'CLIENT_SECRET', value: running.info.clientSecret },
  ];
  const created = await mgmt.actions.create({ name: 'calls-management-api', supported_triggers: [{ id: 'post-login', version: 'v3' }], code, runtime: 'node22', secrets });
  await mgmt.roles.create({ name: 'seen-by-the-action' });
  const tested = await mgmt.actions.test(String(created.id), { payload: {} });
  expect(tested.payload).toMatchObject({ outcome: 'success', idToken: { claims: { 'https://example.com/env': [] } } });
  const claims = (tested.payload as { idToken: { claims: Record<string, string[]> } }).idToken.claims;
  expect(claims['https://example.com/roles']).toContain('seen-by-the-action');
});
