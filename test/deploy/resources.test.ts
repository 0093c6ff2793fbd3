// The resource handlers and the plan, without a tenant: the registry covers every section
// auth0-deploy-cli supports, comparisons count only what tenant.yaml sets, a0deploy's schema defaults
// apply as they do there, and the plan creates, updates, keeps, deletes and passes through as it should.
import { createRequire } from 'node:module';
import { checkPassthrough } from '../../src/deploy/a0deploy.ts';
import { desiredTenant } from '../../src/deploy/desired.ts';
import { makePlan, type Plan } from '../../src/deploy/plan.ts';
import { matches } from '../../src/deploy/resources/compare.ts';
import type { ResourceHandler } from '../../src/deploy/resources/contract.ts';
import { withSchemaDefaults } from '../../src/deploy/resources/defaults.ts';
import { createNames } from '../../src/deploy/resources/names.ts';
import { APPLY_ORDER, FILTER_SECTIONS, PASSTHROUGH_SECTIONS, RESOURCE_HANDLERS, type Section } from '../../src/deploy/resources/registry.ts';
import type { TenantSnapshot } from '../../src/deploy/snapshot.ts';

const OWN = 'own-client';

describe('the registry', () => {
  test("every top-level section of auth0-deploy-cli's schema is deployed by a handler or passed through", () => {
    const requireA0 = createRequire(require.resolve('auth0-deploy-cli'));
    const schema = (requireA0('./tools/auth0/schema.js') as { default: { properties: Record<string, unknown> } }).default;
    const covered = [...Object.keys(RESOURCE_HANDLERS), ...PASSTHROUGH_SECTIONS, ...FILTER_SECTIONS].sort();
    expect(covered).toEqual(Object.keys(schema.properties).sort());
  });

  test('each handler is registered under its section, and applied once, after what it refers to', () => {
    expect([...APPLY_ORDER].sort()).toEqual(Object.keys(RESOURCE_HANDLERS).sort());
    for (const [key, handler] of Object.entries(RESOURCE_HANDLERS)) {
      expect(handler.section).toBe(key);
      for (const ref of handler.refersTo) expect(APPLY_ORDER.indexOf(ref as Section)).toBeLessThan(APPLY_ORDER.indexOf(key as Section));
    }
  });
});

describe('comparing tenant.yaml with what the tenant answers', () => {
  test('only what tenant.yaml sets counts; lists compare in any order', () => {
    expect(matches({ alg: 'RS256' }, { alg: 'RS256', lifetime_in_seconds: 36000 })).toBe(true);
    expect(matches({ alg: 'HS256' }, { alg: 'RS256' })).toBe(false);
    expect(matches(['b', 'a'], ['a', 'b'])).toBe(true);
    expect(matches(['a'], ['a', 'b'])).toBe(false);
    expect(matches([{ value: 'read', description: 'R' }], [{ description: 'R', value: 'read' }])).toBe(true);
    expect(matches({ a: 1 }, { a: 1, b: 2 }, 'exact')).toBe(false);
  });

  test("auth0-deploy-cli's schema defaults are filled in only where their object is given", () => {
    expect(withSchemaDefaults('databases', [{ name: 'db', options: {} }, { name: 'bare' }])).toEqual([
      { name: 'db', strategy: 'auth0', options: { disable_self_service_change_password: false } },
      { name: 'bare', strategy: 'auth0' },
    ]);
    expect(withSchemaDefaults('organizations', [{ name: 'acme' }])).toEqual([{ name: 'acme', client_grants: [], clients: [] }]);
    expect(withSchemaDefaults('roles', [{ name: 'r' }])).toEqual([{ name: 'r' }]);
  });
});

/** A snapshot of a tenant from its resources as the Management API answers them. */
function snapshot(remote: Partial<Record<Section, unknown[]>>): TenantSnapshot {
  const list = (s: Section) => (remote[s] ?? []) as Array<Record<string, string>>;
  return {
    remote,
    names: createNames({
      clients: list('clients').map((c) => ({ client_id: String(c['client_id']), name: String(c['name']) })),
      connections: [...list('databases'), ...list('connections')].map((c) => ({ id: String(c['id']), name: String(c['name']) })),
      actions: list('actions').map((a) => ({ id: String(a['id']), name: String(a['name']) })),
      grants: list('clientGrants').map((g) => ({ id: String(g['id']), client_id: String(g['client_id']) })),
    }),
  };
}

const TENANT = snapshot({
  clients: [
    { client_id: OWN, name: 'claimkit (Management API)', app_type: 'non_interactive' },
    { client_id: 'c1', name: 'Worker', app_type: 'non_interactive', grant_types: ['client_credentials'], jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36000 } },
    { client_id: 'c2', name: 'Old App', app_type: 'spa' },
  ],
  resourceServers: [{ id: 'sys', identifier: 'https://t/api/v2/', is_system: true }, { id: 'rs1', identifier: 'https://api.example.com', name: 'API', scopes: [{ value: 'read', description: 'Read' }] }],
  clientGrants: [{ id: 'g0', client_id: OWN, audience: 'https://t/api/v2/', scope: ['read:actions'] }, { id: 'g1', client_id: 'c1', audience: 'https://api.example.com', scope: ['read'] }],
  databases: [{ id: 'con1', name: 'Username-Password-Authentication', strategy: 'auth0', options: { brute_force_protection: true }, enabled_clients: ['c1'] }],
  actions: [{ id: 'act1', name: 'a', runtime: 'node22', supported_triggers: [{ id: 'post-login', version: 'v3' }], deployed_version: { code: 'exports.onExecutePostLogin = async () => {};' }, all_changes_deployed: true }],
  triggers: [{ trigger: 'post-login', bindings: [{ action_name: 'a', display_name: 'A' }] }],
  tenant: [{ friendly_name: 'Old', flags: { enable_client_connections: true, other: false }, session_lifetime: 168 }],
});

const plan = (yaml: string, options: { allowDelete?: boolean } = {}): Plan => makePlan(desiredTenant(yaml, [], {}), TENANT, { allowDelete: options.allowDelete ?? false, ownClientId: OWN });
const lines = (p: Plan) => p.changes.map((c) => `${c.change} ${c.type} ${c.name}${c.reasons.length ? ` (${c.reasons.join(', ')})` : ''}`);

describe('the plan', () => {
  const yaml = `
clients:
  - name: Worker
    grant_types: [client_credentials]
    jwt_configuration: { alg: RS256 }
  - name: Reports SPA
    app_type: spa
resourceServers:
  - identifier: https://api.example.com
    scopes: [{ value: read, description: Read }, { value: write, description: Write }]
clientGrants:
  - client_id: Worker
    audience: https://api.example.com
    scope: [read]
databases:
  - name: Username-Password-Authentication
    enabled_clients: [Worker, Reports SPA]
    options: { brute_force_protection: true }
tenant:
  friendly_name: Old
  flags: { enable_client_connections: false }
triggers:
  post-login:
    - action_name: a
      display_name: A
`;

  test('creates, updates and leaves alone by comparing only what tenant.yaml sets; its own client and system APIs are never in it', () => {
    const p = plan(yaml);
    expect(lines(p)).toEqual([
      'update API https://api.example.com (scopes)',
      'unchanged client Worker',
      'create client Reports SPA',
      'update database connection Username-Password-Authentication (enabled_clients)',
      'unchanged client grant Worker → https://api.example.com',
      'unchanged bindings post-login',
      'update tenant settings (flags)',
    ]);
    // A client that tenant.yaml leaves out is kept unless --allow-delete; the deploy's own client never.
    expect(p.deletionsSkipped.map((c) => `${c.type} ${c.name}`)).toEqual(['client Old App']);
    expect(lines(plan(yaml, { allowDelete: true }))).toContain('delete client Old App');
  });

  test("a0deploy's exclude: leaves an item alone; passed-through sections are listed, never compared", () => {
    const p = plan(`${yaml}exclude:\n  clients: [Old App]\nbranding:\n  colors: { primary: '#000000' }\nlogStreams: []\n`, { allowDelete: true });
    expect(lines(p)).not.toContain('delete client Old App');
    expect(p.passthrough).toEqual(['branding', 'logStreams']);
  });

  test('binding order and display names are changes; a trigger tenant.yaml leaves out is not read or touched', () => {
    const p = plan('triggers:\n  post-login:\n    - action_name: a\n      display_name: Renamed\n');
    expect(p.changes).toEqual([expect.objectContaining({ type: 'bindings', name: 'post-login', change: 'update', summary: '[a] → [a]' })]);
  });

  test('a name that neither tenant.yaml nor the tenant has stops the deploy before any write', () => {
    expect(() => plan('clientGrants:\n  - client_id: Wrker\n    audience: https://api.example.com\n')).toThrow(
      expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID', message: expect.stringContaining('client grant Wrker → https://api.example.com: clientGrants[0].client_id names "Wrker"') }),
    );
  });

  test('a keyword whose value has the wrong type for its field stops the deploy before any write', () => {
    const yaml = "clients:\n  - name: SPA\n    callbacks: '@@SPA_CALLBACKS@@'\n";
    expect(desiredTenant(yaml, [], { SPA_CALLBACKS: ['http://localhost:3000/callback'] }).sections.clients?.[0]?.['callbacks']).toEqual(['http://localhost:3000/callback']);
    expect(() => desiredTenant(yaml, [], { SPA_CALLBACKS: 'http://localhost:3000/callback' })).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
  });

  test("a role permission its API does not define (in tenant.yaml's scopes, else the tenant's) stops the deploy before any write", () => {
    const role = (permission: string) => `roles:\n  - name: admin\n    permissions:\n      - { permission_name: ${permission}, resource_server_identifier: https://api.example.com }\n`;
    expect(() => plan(role('write'))).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
    expect(lines(plan(role('read')))).toEqual(['create role admin']);
    // tenant.yaml's scopes are what the API will have once deployed.
    const api = 'resourceServers:\n  - identifier: https://api.example.com\n    scopes: [{ value: read }, { value: write }]\n';
    expect(lines(plan(`${api}${role('write')}`))).toContain('create role admin');
    expect(() => plan(`${api}${role('delete')}`)).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
  });

  test('a client grant for an API that neither tenant.yaml nor the tenant has stops the deploy before any write', () => {
    const grant = (audience: string) => `clientGrants:\n  - client_id: Worker\n    audience: ${audience}\n    scope: [read]\n`;
    expect(() => plan(grant('https://nope.example.com'))).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
    expect(lines(plan(grant('https://api.example.com')))).toEqual(['unchanged client grant Worker → https://api.example.com']);
    expect(lines(plan(`resourceServers:\n  - identifier: https://new.example.com\n${grant('https://new.example.com')}`))).toContain('create client grant Worker → https://new.example.com');
  });

  test('an API scope without a string value is reported at its path', () => {
    const { issues } = RESOURCE_HANDLERS.resourceServers.parse([{ identifier: 'https://api.example.com', scopes: [{ value: 'read' }, { value: 123 }, { description: 'no name' }] }]);
    expect(issues.map((i) => i.path)).toEqual([[0, 'scopes', 1], [0, 'scopes', 2]]);
  });

  test('a section nobody knows is refused; an Action is compared by its bundle', () => {
    expect(() => desiredTenant('clientGrant: []\n', [], {})).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID' }));
    const d = desiredTenant('actions:\n  - name: a\n    code: ./dist/actions/a.js\n', [{ name: 'a', code: 'exports.x = "##NS##";', bytes: 1, file: 'a.js' } as never], { NS: 'https://ns/' });
    expect(d.sections.actions?.[0]?.['code']).toBe('exports.x = "https://ns/";');
  });
});

describe("each handler's yaml form of a tenant resource plans as unchanged (what pull relies on)", () => {
  test.each(APPLY_ORDER.filter((s) => (TENANT.remote[s] ?? []).length > 0))('%s', (section) => {
    const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
    for (const remote of TENANT.remote[section] ?? []) {
      const yaml = handler.toYaml(remote, TENANT.names);
      expect(handler.diff(yaml, yaml)).toEqual([]);
      expect(handler.key(yaml)).not.toBe('');
    }
  });
});

test("passed-through sections auth0-deploy-cli's schema refuses stop the plan, with the allowed values", () => {
  const bad = desiredTenant("attackProtection:\n  captcha:\n    active_provider_id: auth0\nlogStreams:\n  - name: x\n    type: http\n", [], {});
  expect(() => checkPassthrough(bad)).toThrow(expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID', message: expect.stringMatching(/attackProtection\.captcha\.active_provider_id: should be equal to one of the allowed values \(one of .*"auth_challenge"/) }));
  expect(() => checkPassthrough(desiredTenant("branding:\n  colors:\n    primary: '#000000'\n", [], {}))).not.toThrow();
});

test("a field tenant.yaml gets only from auth0-deploy-cli's schema defaults is no change where the tenant leaves it out (its default)", () => {
  const yaml = 'databases:\n  - name: Username-Password-Authentication\n    options: { brute_force_protection: true }\n';
  expect(lines(makePlan(desiredTenant(yaml, [], {}), TENANT, { allowDelete: false, ownClientId: OWN }))).toEqual(['unchanged database connection Username-Password-Authentication']);
  // A value the tenant does hold is still compared with the default tenant.yaml gets.
  const selfServiceOff = snapshot({ databases: [{ id: 'con1', name: 'Username-Password-Authentication', strategy: 'auth0', options: { brute_force_protection: true, disable_self_service_change_password: true }, enabled_clients: [] }] });
  expect(lines(makePlan(desiredTenant(yaml, [], {}), selfServiceOff, { allowDelete: false, ownClientId: OWN }))).toEqual(['update database connection Username-Password-Authentication (options)']);
});

test("what an a0deploy export writes of a role (its type) is not a difference", () => {
  const tenant = snapshot({ roles: [{ id: 'rol_1', name: 'admin', description: 'Admins', type: 'tenant', permissions: [] }] as unknown[] });
  const p = makePlan(desiredTenant('roles:\n  - name: admin\n    description: Admins\n    permissions: []\n    type: tenant\n', [], {}), tenant, { allowDelete: false, ownClientId: OWN });
  expect(lines(p)).toEqual(['unchanged role admin']);
});
