// End-to-end: machine-to-machine tokens. The example project (its Claims Demo Worker client, the client
// grant and add-machine-claims bound to credentials-exchange) is deployed to a local tenant by
// `claimkit deploy`, plus a gate Action bound after it and a second worker without a tenant. A real
// client library (openid-client's client-credentials grant) asks for tokens; jose verifies them against
// the tenant's JWKS.
import fs from 'node:fs';
import path from 'node:path';
import { ManagementClient } from 'auth0';
import { createRemoteJWKSet, customFetch as joseFetch, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { deploy, type DeploySummary } from '../../src/deploy/deploy.ts';
import { installTransport, type Transport } from '../../src/deploy/http.ts';
import { copyProject, type DeployProject } from '../deploy/project.ts';

jest.setTimeout(240_000);

const API = 'https://api.example.com';
const NS = 'https://claims.example.com/';
const GATE = path.join(__dirname, '../fixtures/actions/m2m-gate.ts');

// A second worker whose metadata names no tenant, granted the same API: the gate refuses it.
const UNTENANTED = `
  - name: Untenanted Worker
    app_type: non_interactive
    grant_types:
      - client_credentials
    token_endpoint_auth_method: client_secret_post
    client_metadata:
      plan: free
`;
const UNTENANTED_GRANT = `
  - client_id: Untenanted Worker
    audience: https://api.example.com
    scope:
      - read:reports
`;
const GATE_ENTRY = `
  - name: m2m-gate
    code: ./dist/actions/m2m-gate.js
    runtime: node22
    deployed: true
    supported_triggers:
      - id: credentials-exchange
        version: v2
`;

let p: DeployProject;
let first: DeploySummary;
let issuer: string;
let agent: Agent;
let transport: Transport;
let mgmt: ManagementClient;

const tenantFetch = ((url: string | URL | Request, init?: RequestInit) => undiciFetch(url as string, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;

/** openid-client for one machine client of the tenant (discovery, client_secret_post), trusting the tenant's CA. */
async function machine(name: string): Promise<oidc.Configuration> {
  const found = (await mgmt.clients.list({ per_page: 100 })).data.find((c) => c.name === name);
  if (!found?.client_id || !found.client_secret) throw new Error(`${name} is not on the tenant`);
  const config = await oidc.discovery(new URL(issuer), found.client_id, found.client_secret, oidc.ClientSecretPost(found.client_secret), { [oidc.customFetch]: tenantFetch });
  config[oidc.customFetch] = tenantFetch;
  return config;
}

beforeAll(async () => {
  p = copyProject();
  fs.copyFileSync(GATE, path.join(p.dir, 'actions/m2m-gate.ts'));
  const file = path.join(p.dir, 'tenant.yaml');
  let yaml = fs.readFileSync(file, 'utf8');
  yaml = yaml.replace('\nclientGrants:\n', `${UNTENANTED}\nclientGrants:\n`);
  yaml = yaml.replace('\nroles:\n', `${UNTENANTED_GRANT}\nroles:\n`);
  yaml = yaml.replace('\nactions:\n', `\nactions:${GATE_ENTRY}`);
  yaml = yaml.replace(/(credentials-exchange:\n\s+- action_name: add-machine-claims\n)/, '$1    - action_name: m2m-gate\n');
  fs.writeFileSync(file, yaml);
  first = await deploy({ tenantFile: file, env: p.env, dryRun: false, allowDelete: false, log: () => {} });
  if (!first.ok) throw new Error(`deploy failed: ${JSON.stringify(first.error)}`);
  const info = JSON.parse(fs.readFileSync(path.join(p.stateDir, 'tenant.json'), 'utf8')) as { domain: string; caFile: string; clientId: string; clientSecret: string };
  issuer = `https://${info.domain}/`;
  const ca = fs.readFileSync(info.caFile, 'utf8');
  agent = new Agent({ connect: { ca } });
  transport = installTransport(info.domain, ca);
  mgmt = new ManagementClient({ domain: info.domain, clientId: info.clientId, clientSecret: info.clientSecret });
});

afterAll(async () => {
  await transport?.restore();
  await agent?.close();
  await p?.stop();
});

test('the deploy planned, applied and verified the machine part: both workers, their grants, the credentials-exchange bindings', () => {
  const changes = (first.plan?.changes ?? []).filter((c) => c.change !== 'unchanged').map((c) => `${c.change} ${c.type} ${c.name}`);
  expect(changes).toEqual(expect.arrayContaining([
    'create client Claims Demo Worker',
    'create client Untenanted Worker',
    'create client grant Claims Demo Worker → https://api.example.com',
    'create client grant Untenanted Worker → https://api.example.com',
    'create action add-machine-claims',
    'create action m2m-gate',
  ]));
  const bindings = first.plan?.changes.find((c) => c.section === 'triggers' && c.name === 'credentials-exchange');
  expect(bindings).toMatchObject({ change: 'update', summary: '[] → [add-machine-claims, m2m-gate]' });
  expect(first.verification?.smokeTests.filter((t) => ['add-machine-claims', 'm2m-gate'].includes(t.action)).map((t) => t.ok)).toEqual([true, true]);
});

test("openid-client's client-credentials grant gets a token carrying the configured machine claims, verified with jose", async () => {
  const config = await machine('Claims Demo Worker');
  const tokens = await oidc.clientCredentialsGrant(config, { audience: API });
  const { payload, protectedHeader } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${issuer}.well-known/jwks.json`), { [joseFetch]: tenantFetch }), { issuer, audience: API });
  expect(protectedHeader.alg).toBe('RS256');
  const clientId = config.clientMetadata().client_id;
  expect(payload).toMatchObject({
    [`${NS}tenant_id`]: 't-42',
    [`${NS}plan`]: 'enterprise',
    [`${NS}principal_type`]: 'service',
    // The gate's attempt to forge gty is dropped: a restricted claim.
    gty: 'client-credentials',
    azp: clientId,
    sub: `${clientId}@clients`,
    scope: 'read:reports',
  });
  expect(tokens.scope).toBe('read:reports');
});

test('a client the gate Action denies gets the OAuth error the Action chose, with its reason', async () => {
  const config = await machine('Untenanted Worker');
  const refused = await oidc.clientCredentialsGrant(config, { audience: API }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(refused).toBeInstanceOf(oidc.ResponseBodyError);
  expect(refused).toMatchObject({ error: 'invalid_request', status: 400, error_description: 'The client Untenanted Worker has no tenant_id in its metadata.' });
});
