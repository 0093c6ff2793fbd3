import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '../../src/cli/commands/check.ts';
import { captureIo } from '../cli/helpers.ts';

const TENANT = `resourceServers:
  - name: Reports
    identifier: https://api.example.com
clients:
  - name: Claims Demo Worker
    app_type: non_interactive
actions: []
`;

function reportFor(claims: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-machine-'));
  fs.writeFileSync(path.join(dir, 'claims.yaml'), claims);
  fs.writeFileSync(path.join(dir, 'tenant.yaml'), TENANT);
  return check({ json: true }, captureIo({ cwd: dir }));
}

/** [line, column, message] of each error. */
const errorsOf = (claims: string) =>
  reportFor(claims)
    .findings.filter((f) => f.severity === 'error')
    .map((e) => [e.location.line, e.location.column, e.message]);

const machines = (list: string) => `namespace: https://claims.example.com/\nmachine_claims:\n${list}`;

describe('claimkit check: machine_claims', () => {
  test('a file with only machine claims is valid; counts and the worst case of the machine token are reported', () => {
    const report = reportFor(machines('  - { name: tenant_id, source: client.metadata.tenant_id }\n  - { name: kind, value: service }\n'));
    expect(report.findings).toEqual([]);
    expect(report.claims).toMatchObject({ count: 0, machineCount: 2 });
    // {"https://claims.example.com/tenant_id":<256>,"https://claims.example.com/kind":"service"}
    const key = (n: string) => JSON.stringify(`https://claims.example.com/${n}`).length;
    expect(report.claims?.worstCase.machine_access_token).toBe(2 + key('tenant_id') + 1 + 256 + 1 + key('kind') + 1 + '"service"'.length + 1);
    expect(report.claims?.worstCase).toMatchObject({ id_token: 2, access_token: 2 });
  });

  test('max_bytes bounds a value in the estimate; a list adds its brackets; over the budget is a warning', () => {
    const small = reportFor(machines('  - { name: plan, source: client.metadata.plan, max_bytes: 10, shape: list }\n'));
    expect(small.claims?.worstCase.machine_access_token).toBe(2 + JSON.stringify('https://claims.example.com/plan').length + 1 + 10 + 1);
    const big = reportFor(`namespace: https://claims.example.com/\nbudget: { max_token_bytes: 100 }\nmachine_claims:\n  - { name: plan, source: client.metadata.plan }\n`);
    expect(big.findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'ERR_TOKEN_TOO_LARGE', message: expect.stringMatching(/machine_access_token's claims reach ~\d+ bytes.*at a machine's token request/) })]);
  });

  test('machines have no ID token and no user: tokens and user sources are refused with what to use instead', () => {
    expect(errorsOf(machines('  - { name: r, source: roles, tokens: [access_token] }\n'))).toEqual([
      [3, 31, expect.stringMatching(/access token only.*remove "tokens"/)],
      [3, 24, expect.stringMatching(/"roles" is not available to machines\. Use one of: client\.metadata\.<key>, client\.name/)],
    ]);
    expect(errorsOf(machines('  - { name: t, source: app_metadata.tenant_id }\n'))[0]?.[2]).toMatch(/not available to machines/);
    expect(errorsOf(machines('  - { name: t, source: user.email }\n'))[0]?.[2]).toMatch(/not available to machines/);
    expect(errorsOf(machines('  - { name: t, source: client.metadata }\n'))[0]?.[2]).toMatch(/use client\.metadata\.<key>/);
    expect(errorsOf(machines('  - { name: t, source: request.ip }\n'))[0]?.[2]).toMatch(/Unknown machine claim source "request\.ip"/);
    expect(errorsOf(machines('  - { name: t, source: client.name, value: x }\n'))[0]?.[2]).toMatch(/exactly one of "source".*or "value"/);
    expect(errorsOf(machines('  - { name: t, source: client.name, shape: has_role }\n'))[0]?.[2]).toMatch(/"shape" must be one of list, value for a machine claim/);
  });

  test('unknown keys get a suggestion, at the key', () => {
    expect(errorsOf(machines('  - name: t\n    source: client.name\n    defualt: x\n'))).toEqual([[5, 5, expect.stringMatching(/Unknown key "defualt" in a machine claim\. Did you mean "default"\?/)]]);
    expect(errorsOf('namespace: https://claims.example.com/\nmachine_claim: []\n')).toEqual(expect.arrayContaining([[2, 1, expect.stringMatching(/Did you mean "machine_claims"\?/)]]));
  });

  test('conditions: audiences declared in tenant.yaml; clients by declared name or client id', () => {
    expect(errorsOf(machines('  - { name: t, source: client.name, when: { audiences: [https://api.example.com], clients: [Claims Demo Worker, Wk3mQ8zR2vT6yB9nC4xF7hJ1pL5sD0aG] } }\n'))).toEqual([]);
    expect(errorsOf(machines('  - { name: t, source: client.name, when: { audiences: [https://nope.example.com] } }\n'))[0]?.[2]).toMatch(/not declared in tenant\.yaml/);
    expect(errorsOf(machines('  - { name: t, source: client.name, when: { clients: [Claims Demo Wroker] } }\n'))[0]?.[2]).toMatch(/"Claims Demo Wroker" is neither a client declared in tenant\.yaml \(clients\[\]\.name: Claims Demo Worker\) nor a client id/);
  });

  test('names Auth0 would drop from the token, and two claims writing one key', () => {
    expect(errorsOf(machines('  - { name: azp, namespaced: false, value: x }\n'))).toEqual([[3, 13, expect.stringMatching(/silently drop the machine claim "azp".*restricted.*remove namespaced: false/)]]);
    expect(errorsOf(machines('  - { name: plan, value: a }\n  - { name: plan, value: b }\n'))).toEqual([[4, 13, expect.stringMatching(/Machine claims 1 and 2 both write "https:\/\/claims\.example\.com\/plan"/)]]);
    // Conditions that cannot both hold make two claims of one key fine.
    expect(errorsOf(machines('  - { name: plan, value: a, when: { clients: [Claims Demo Worker] } }\n  - { name: plan, value: b, when: { clients: [Wk3mQ8zR2vT6yB9nC4xF7hJ1pL5sD0aG] } }\n'))).toEqual([]);
  });

  test('an empty list, or neither list, is an error', () => {
    expect(errorsOf('namespace: https://claims.example.com/\nmachine_claims: []\n')).toEqual([[2, 17, '"machine_claims" must be a non-empty list of claims.']]);
    expect(errorsOf('namespace: https://claims.example.com/\n')[0]?.[2]).toBe('"claims" must be a non-empty list of claims.');
  });

  test('a machine claim named "scope", which Auth0\'s api refuses with a throw (every token request would fail)', () => {
    expect(errorsOf(machines('  - { name: scope, namespaced: false, value: admin }\n'))).toEqual([[3, 13, expect.stringMatching(/Auth0 refuses the machine claim "scope"/)]]);
    expect(errorsOf(machines('  - { name: scope, value: admin }\n'))).toEqual([]);
  });
});
