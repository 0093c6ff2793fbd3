import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '../../src/cli/commands/check.ts';
import { main } from '../../src/cli/main.ts';
import { captureIo, ROOT } from '../cli/helpers.ts';
import { computeClaims, MAX_CLAIM_VALUE_DEPTH, toClaimValue } from '../../src/runtime/claims/compute.ts';
import { loadClaimsConfig } from '../../src/claims/load.ts';
import { makeEvent } from '../../src/harness/index.ts';

const TENANT = `resourceServers:
  - name: Reports
    identifier: https://api.example.com
actions: []
`;

function project(claims: string, tenant = TENANT): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-claims-'));
  fs.writeFileSync(path.join(dir, 'claims.yaml'), claims);
  fs.writeFileSync(path.join(dir, 'tenant.yaml'), tenant);
  return dir;
}

/** [line, column, message] of each error check reports for this claims.yaml. */
function errorsOf(claims: string, env: Record<string, string> = {}): Array<[number | undefined, number | undefined, string]> {
  const report = check({ json: true }, captureIo({ cwd: project(claims), env }));
  return report.findings
    .filter((f) => f.severity === 'error')
    .map((e) => {
      expect(e.location.file).toMatch(/claims\.yaml$/);
      expect(e.code).toBe('ERR_CONFIG_INVALID');
      return [e.location.line, e.location.column, e.message];
    });
}

const ok = (claims: string) => `namespace: https://claims.example.com/\nclaims:\n${claims}`;

describe('claimkit check: claims.yaml', () => {
  test('the project\'s own claims.yaml and tenant.yaml pass', () => {
    const report = check({ json: true }, captureIo({ cwd: ROOT }));
    expect(report.findings).toEqual([]);
    expect(report.claims?.count).toBe(3);
  });

  test('unknown keys, with a suggestion and the position of the key', () => {
    expect(errorsOf(ok('  - name: roles\n    source: roles\n    token: [id_token]\n'))).toEqual([
      [5, 5, expect.stringMatching(/Unknown key "token" in a claim\. Did you mean "tokens"\?/)],
      [3, 5, expect.stringMatching(/"tokens" must be a non-empty list/)],
    ]);
    expect(errorsOf('namespace: https://claims.example.com/\nclams: []\n')).toEqual(
      expect.arrayContaining([[2, 1, expect.stringMatching(/Unknown key "clams" in claims\.yaml\. Did you mean "claims"\?/)]]),
    );
  });

  test('wrong types', () => {
    const errors = errorsOf(ok('  - name: 42\n    source: [roles]\n    tokens: id_token\n    when: { organization: "yes" }\n'));
    expect(errors).toEqual([
      [3, 11, expect.stringMatching(/"name" must be a non-empty string/)],
      [4, 13, expect.stringMatching(/"source" must be a string/)],
      [5, 13, expect.stringMatching(/"tokens" must be a non-empty list of strings/)],
      [6, 27, expect.stringMatching(/"when\.organization" must be true/)],
    ]);
  });

  test('an invalid or reserved namespace', () => {
    expect(errorsOf('namespace: claims\nclaims:\n  - { name: roles, source: roles, tokens: [id_token] }\n')).toEqual([[1, 12, expect.stringMatching(/must be an http\(s\) URL or a URN/)]]);
    expect(errorsOf('namespace: https://acme.auth0.com/\nclaims:\n  - { name: roles, source: roles, tokens: [id_token] }\n')).toEqual([[1, 12, expect.stringMatching(/under auth0\.com, which Auth0 reserves/)]]);
    expect(errorsOf('namespace: "##NS##"\nclaims:\n  - { name: roles, source: roles, tokens: [id_token] }\n')).toEqual([[1, 12, expect.stringMatching(/keyword NS has no value/)]]);
  });

  test('a keyword namespace is checked with the value each environment gives it', () => {
    const claims = 'namespace: "##NS##"\nkeywords: { NS: "https://claims.example.com/" }\nclaims:\n  - { name: roles, source: roles, tokens: [id_token] }\n';
    expect(errorsOf(claims)).toEqual([]);
    expect(errorsOf(claims, { AUTH0_KEYWORD_REPLACE_MAPPINGS: '{"NS":"https://x.webtask.io/"}' })).toEqual([[1, 12, expect.stringMatching(/webtask\.io/)]]);
  });

  test('a keyword namespace whose value has no trailing separator (names would run into the host)', () => {
    const claims = 'namespace: "##NS##"\nkeywords: { NS: "https://claims.example.com" }\nclaims:\n  - { name: roles, source: roles, tokens: [id_token] }\n';
    expect(errorsOf(claims)).toEqual([[1, 12, expect.stringMatching(/"https:\/\/claims\.example\.comroles"\)\. End the keyword's value with "\/"/)]]);
    expect(errorsOf(claims, { AUTH0_KEYWORD_REPLACE_MAPPINGS: '{"NS":"https://claims.example.com/"}' })).toEqual([]);
    expect(errorsOf(claims.replace('https://claims.example.com', 'urn:example:claims:'))).toEqual([]);
  });

  test('a keyword with no value in a claim name, value or condition, not only in the namespace', () => {
    const claims = [
      'namespace: https://claims.example.com/',
      'claims:',
      '  - { name: "##PREFIX##roles", source: roles, tokens: [id_token] }',
      '  - { name: env, value: { stage: "@@STAGE@@" }, tokens: [id_token] }',
      '  - { name: t, source: app_metadata.t, tokens: [access_token], when: { clients: ["##APP_ID##"] } }',
      'machine_claims:',
      '  - { name: kind, value: "##KIND##" }',
      '',
    ].join('\n');
    expect(errorsOf(claims).map(([line, , m]) => [line, m])).toEqual([
      [3, expect.stringMatching(/keyword PREFIX has no value/)],
      [4, expect.stringMatching(/keyword STAGE has no value/)],
      [5, expect.stringMatching(/keyword APP_ID has no value/)],
      [7, expect.stringMatching(/keyword KIND has no value/)],
    ]);
    expect(errorsOf(claims, { AUTH0_KEYWORD_REPLACE_MAPPINGS: '{"PREFIX":"app_","STAGE":"prod","APP_ID":"gmOWNgklfRm4tyl5YYnl3JDSJy19h1bR","KIND":"service"}' })).toEqual([]);
  });

  test('a claim name Auth0 would drop: restricted, or an OIDC profile claim on an access token', () => {
    expect(errorsOf(ok('  - { name: roles, namespaced: false, source: roles, tokens: [id_token] }\n'))).toEqual([[3, 13, expect.stringMatching(/silently drop the claim "roles" from the id_token: .*restricted/)]]);
    expect(errorsOf(ok('  - { name: email, namespaced: false, source: user.email, tokens: [access_token] }\n'))).toEqual([[3, 13, expect.stringMatching(/"email" from the access_token.*Add when\.scopes: \[email\]/)]]);
    expect(errorsOf(ok('  - { name: email, namespaced: false, source: user.email, tokens: [access_token], when: { scopes: [email] } }\n'))).toEqual([]);
    expect(errorsOf(ok('  - { name: email, namespaced: false, source: user.email, tokens: [id_token] }\n'))).toEqual([]);
  });

  test('a claim named "scope", which Auth0\'s api refuses with a throw (every login would fail)', () => {
    expect(errorsOf(ok('  - { name: scope, namespaced: false, value: admin, tokens: [id_token, access_token] }\n'))).toEqual([[3, 13, expect.stringMatching(/Auth0 refuses the claim "scope"/)]]);
    expect(errorsOf(ok('  - { name: scope, value: admin, tokens: [id_token, access_token] }\n'))).toEqual([]);
  });

  test('a static value or default that is not plain JSON (YAML tags, .inf, .nan) is an error, not a silently changed claim', () => {
    const errors = errorsOf(
      ok(
        [
          '  - { name: a, value: !!binary aGVsbG8=, tokens: [id_token] }',
          '  - { name: b, value: !!set { x, y }, tokens: [id_token] }',
          '  - { name: c, value: !!timestamp 2001-12-14, tokens: [id_token] }',
          '  - { name: d, value: [1, .inf], tokens: [id_token] }',
          '  - { name: e, source: app_metadata.e, default: .nan, tokens: [id_token] }',
          '  - { name: f, value: { n: -1.5, s: "x", l: [true, null] }, tokens: [id_token] }',
          '',
        ].join('\n'),
      ),
    );
    expect(errors.map(([line, , m]) => [line, m])).toEqual([
      [3, expect.stringMatching(/"value" must be plain JSON.*a Buffer/)],
      [4, expect.stringMatching(/"value" must be plain JSON.*a Set/)],
      [5, expect.stringMatching(/"value" must be plain JSON.*a Date/)],
      [6, expect.stringMatching(/"value" must be plain JSON.*Infinity/)],
      [7, expect.stringMatching(/"default" must be plain JSON.*NaN/)],
    ]);
    const machine = 'namespace: https://claims.example.com/\nmachine_claims:\n  - { name: p, source: client.metadata.p, default: !!timestamp 2001-12-14 }\n';
    expect(errorsOf(machine)).toEqual([[3, 64, expect.stringMatching(/"default" must be plain JSON.*a Date/)]]);
  });

  test('a static value nested deeper than the Action keeps is an error (it would reach the token cut short)', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    const deepest = JSON.parse(nested(MAX_CLAIM_VALUE_DEPTH + 1)) as unknown;
    expect(toClaimValue(deepest)).toEqual(deepest);
    expect(errorsOf(ok(`  - { name: a, value: ${nested(MAX_CLAIM_VALUE_DEPTH + 1)}, tokens: [id_token] }\n`))).toEqual([]);
    const tooDeep = JSON.parse(nested(MAX_CLAIM_VALUE_DEPTH + 2)) as unknown;
    expect(toClaimValue(tooDeep)).not.toEqual(tooDeep);
    expect(errorsOf(ok(`  - { name: a, value: ${nested(MAX_CLAIM_VALUE_DEPTH + 2)}, tokens: [id_token] }\n`))).toEqual([[3, 23, expect.stringMatching(/"value" must be plain JSON.*nests deeper than 32 levels/)]]);
  });

  test('two claims writing the same key on the same token', () => {
    const dup = ok('  - { name: roles, source: roles, tokens: [id_token, access_token] }\n  - { name: roles, source: app_metadata.roles, tokens: [access_token] }\n');
    expect(errorsOf(dup)).toEqual([[4, 13, expect.stringMatching(/Claims 1 and 2 both write "https:\/\/claims\.example\.com\/roles" to the access_token/)]]);
    const apart = ok(
      '  - { name: x, value: 1, tokens: [access_token], when: { audiences: [https://api.example.com] } }\n  - { name: x, value: 2, tokens: [access_token], when: { organization: true } }\n  - { name: x, value: 3, tokens: [id_token] }\n',
    );
    expect(errorsOf(apart)).toEqual([[4, 13, expect.stringMatching(/Claims 1 and 2/)]]);
  });

  test('many copies of one claim: each is reported once, against the first it collides with (not once per pair)', () => {
    const copies = 2000;
    const errors = errorsOf(ok('  - { name: x, value: 1, tokens: [id_token] }\n'.repeat(copies)));
    expect(errors).toHaveLength(copies - 1);
    expect(errors[0]).toEqual([4, 13, expect.stringMatching(/Claims 1 and 2 both write/)]);
    expect(errors.at(-1)).toEqual([copies + 2, 13, expect.stringMatching(new RegExp(`Claims 1 and ${copies} both write`))]);
    const machines = errorsOf(`namespace: https://claims.example.com/\nmachine_claims:\n${'  - { name: x, value: 1 }\n'.repeat(copies)}`);
    expect(machines).toHaveLength(copies - 1);
  });

  test('when.clients of a login claim names a client of tenant.yaml (or gives an id), and the claim applies to that client at login', () => {
    const tenant = `${TENANT}clients:\n  - name: Claims Demo SPA\n    app_type: spa\n`;
    const claims = ok('  - { name: spa, value: true, tokens: [id_token], when: { clients: [Claims Demo SPA, gmOWNgklfRm4tyl5YYnl3JDSJy19h1bR] } }\n  - { name: other, value: true, tokens: [id_token], when: { clients: [Claims Demo App] } }\n');
    const report = check({ json: true }, captureIo({ cwd: project(claims, tenant) }));
    expect(report.findings.map((f) => [f.code, f.location.line, f.location.column, f.message])).toEqual([
      ['ERR_CONFIG_INVALID', 4, 71, expect.stringMatching(/"Claims Demo App" is neither a client declared in tenant\.yaml \(clients\[\]\.name: Claims Demo SPA\) nor a client id/)],
    ]);
    const valid = project(ok('  - { name: spa, value: true, tokens: [id_token], when: { clients: [Claims Demo SPA] } }\n'), tenant);
    const config = loadClaimsConfig(path.join(valid, 'claims.yaml'), { clients: ['Claims Demo SPA'] }).resolved;
    expect(computeClaims(config, makeEvent({ client: { name: 'Claims Demo SPA', client_id: 'tnCI4bryAOFYOfH6Ds7LT6ETE67fCAHl' } })).id_token).toEqual({ 'https://claims.example.com/spa': true });
    expect(computeClaims(config, makeEvent({ client: { name: 'Other App', client_id: 'tnCI4bryAOFYOfH6Ds7LT6ETE67fCAHl' } })).id_token).toEqual({});
  });

  test('a condition on an audience tenant.yaml does not declare', () => {
    expect(errorsOf(ok('  - name: t\n    source: app_metadata.t\n    tokens: [access_token]\n    when:\n      audiences: [https://api.example.com, https://nope.example.com]\n'))).toEqual([
      [7, 44, expect.stringMatching(/"https:\/\/nope\.example\.com" is not declared in tenant\.yaml/)],
    ]);
  });

  test('sources, shapes and role options that do not fit', () => {
    const errors = errorsOf(
      ok(
        [
          '  - { name: a, source: app_metadata, tokens: [id_token] }',
          '  - { name: b, source: user.password, tokens: [id_token] }',
          '  - { name: c, source: roles, shape: has_role, tokens: [id_token] }',
          '  - { name: d, source: user.email, filter: { prefix: "x" }, tokens: [id_token] }',
          '  - { name: e, source: roles, filter: { pattern: "([" }, tokens: [id_token] }',
          '  - { name: f, source: roles, value: 1, tokens: [id_token] }',
          '  - { name: g, source: roles, tokens: [id_token, refresh_token] }',
          '',
        ].join('\n'),
      ),
    );
    expect(errors.map(([line, , m]) => [line, m.slice(0, 40)])).toEqual([
      [3, expect.stringContaining('"app_metadata" needs a path')],
      [4, expect.stringContaining('"user.password" is not a user profile')],
      [5, expect.stringContaining('"has_role" needs exactly one of')],
      [6, expect.stringContaining('"filter" applies to role lists only')],
      [7, expect.stringContaining('"filter.pattern" is not a valid regul')],
      [8, expect.stringContaining('A claim needs exactly one of "source"')],
      [9, expect.stringContaining('Unknown token "refresh_token"')],
    ]);
  });

  test('all errors are reported at once, and claimkit check exits 2 listing each with file:line:column', async () => {
    const dir = project('namespace: https://auth0.com/\nclaims:\n  - { name: a, source: nope, tokens: [id_token] }\n  - { name: b, source: roles, tokens: [] }\n');
    const io = captureIo({ cwd: dir });
    expect(await main(['check'], io)).toBe(2);
    const lines = io.err().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/claims\.yaml:3:\d+: Unknown source "nope"\..* \[ERR_CONFIG_INVALID\]$/),
      expect.stringMatching(/claims\.yaml:4:\d+: "tokens" must be a non-empty list/),
    ]);
    expect(io.out()).toMatch(/check failed: 2 error\(s\)/);
  });

  test('a YAML syntax error names its position', () => {
    expect(errorsOf('namespace: https://claims.example.com/\nclaims:\n  - name: [unclosed\n')).toEqual([[expect.any(Number), expect.any(Number), expect.stringMatching(/Invalid YAML/)]]);
  });

  test('a static value that alone exceeds the budget is an error: the Action could never set it', () => {
    const key = 'https://claims.example.com/v';
    // {"<key>":"<value>"} is exactly the budget when the value has this many characters.
    const fits = 200 - (2 + JSON.stringify(key).length + 1 + 2);
    const claims = (chars: number, onOversize: string) => `namespace: https://claims.example.com/\nbudget: { max_token_bytes: 200 }\nclaims:\n  - { name: v, value: "${'x'.repeat(chars)}", tokens: [id_token], on_oversize: ${onOversize} }\n`;
    expect(errorsOf(claims(fits, 'deny'))).toEqual([]);
    const config = loadClaimsConfig(path.join(project(claims(fits, 'deny')), 'claims.yaml')).resolved;
    expect(computeClaims(config, makeEvent()).deny).toBeNull();
    // One character more, and every login is denied: what check now refuses.
    const rule = config.claims[0];
    if (!rule) throw new Error('no claim');
    expect(computeClaims({ ...config, claims: [{ ...rule, source: { kind: 'static', value: 'x'.repeat(fits + 1) } }] }, makeEvent()).deny).toEqual(expect.any(String));
    expect(errorsOf(claims(fits + 1, 'deny'))).toEqual([[4, 23, expect.stringMatching(/alone is 201 bytes of claims, over the 200-byte budget.*deny every login/)]]);
    expect(errorsOf(claims(fits + 1, 'drop'))).toEqual([[4, 23, expect.stringMatching(/alone is 201 bytes.*always leave it out/)]]);
    const machine = `namespace: https://claims.example.com/\nbudget: { max_token_bytes: 200 }\nmachine_claims:\n  - { name: v, value: "${'x'.repeat(fits + 1)}" }\n`;
    expect(errorsOf(machine)).toEqual([[4, 23, expect.stringMatching(/alone is 201 bytes.*always leave it out/)]]);
  });

  test('a worst case over the budget is a warning, not an error', () => {
    const report = check({ json: true }, captureIo({ cwd: project(ok('  - { name: roles, source: roles, tokens: [id_token], max_items: 5000 }\n')) }));
    expect(report.ok).toBe(true);
    expect(report.claims?.worstCase.id_token).toBeGreaterThan(102400);
    expect(report.findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'ERR_TOKEN_TOO_LARGE', message: expect.stringMatching(/worst case the id_token's claims reach ~\d+ bytes/) })]);
  });
});
