import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadClaimsConfig } from '../../src/claims/load.ts';
import { isClaimkitError, type ClaimkitError } from '../../src/errors.ts';
import { INPUT_LIMITS, MAX_INPUT_DEPTH } from '../../src/project/input-limits.ts';
import { readTenantYaml } from '../../src/project/tenant-yaml.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-yaml-'));
let n = 0;
function file(text: string, name = 'tenant.yaml'): string {
  const sub = path.join(dir, String(n++));
  fs.mkdirSync(sub);
  fs.writeFileSync(path.join(sub, name), text);
  return path.join(sub, name);
}

function thrown(fn: () => unknown): ClaimkitError {
  try {
    fn();
  } catch (err) {
    if (isClaimkitError(err)) return err;
    throw err;
  }
  throw new Error('expected a ClaimkitError');
}

/** "Billion laughs": each line nine times the previous one (9^8 ≈ 43 million strings once expanded). */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

describe('YAML inputs are bounded', () => {
  test.each([
    ['tenant.yaml', (f: string) => readTenantYaml(f)],
    ['claims.yaml', (f: string) => loadClaimsConfig(f)],
  ])('an alias bomb in %s is refused at the first alias, with the limit', (name, read) => {
    const err = thrown(() => read(file(aliasBomb(), name)));
    expect(err.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(err.location).toEqual({ file: expect.stringMatching(new RegExp(`${name.replace('.', '\\.')}$`)), line: 2, column: 8 });
    expect(err.message).toMatch(/aliases .* expand to too much data/);
  });

  test('a few aliases, as people use them for shared settings, still work', () => {
    const f = file('x: &deps [{ name: a, version: "1" }]\nactions: []\nresourceServers:\n  - &api { identifier: https://a.example.com }\n  - { identifier: https://b.example.com }\n');
    expect(readTenantYaml(f).audiences).toEqual(['https://a.example.com', 'https://b.example.com']);
  });

  test('merge keys (<<: *defaults) are merged, as auth0-deploy-cli reads them; a merge bomb is still an alias bomb', () => {
    const yaml = 'clients:\n  - &worker\n    name: Worker\n    app_type: non_interactive\n    grant_types: [client_credentials]\n  - <<: *worker\n    name: Worker 2\n';
    expect((readTenantYaml(file(yaml)).yaml.data as { clients: unknown[] }).clients[1]).toEqual({ name: 'Worker 2', app_type: 'non_interactive', grant_types: ['client_credentials'] });
    const lines = ['a0: &a0 { x: 1 }'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} { <<: [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}] }`);
    expect(thrown(() => readTenantYaml(file(`${lines.join('\n')}\n`))).code).toBe('ERR_INPUT_TOO_LARGE');
  });

  test("an Action secret's value that is not a string (the API takes strings only) is refused at its position", () => {
    const yaml = 'actions:\n  - name: a\n    code: ./dist/actions/a.js\n    secrets:\n      - name: PORT\n        value: 8080\n';
    const err = thrown(() => readTenantYaml(file(yaml)));
    expect(err.code).toBe('ERR_TENANT_YAML_INVALID');
    expect(err.location).toMatchObject({ line: 6 });
    expect(readTenantYaml(file(yaml.replace('8080', "'8080'"))).actions[0]?.secrets).toEqual([{ name: 'PORT', value: '8080' }]);
  });

  test('a misspelt field of an Action (secret: for secrets:) is refused at its key, not dropped', () => {
    const yaml = 'actions:\n  - name: a\n    code: ./dist/actions/a.js\n    deployed: true\n    secret:\n      - name: API_KEY\n';
    const err = thrown(() => readTenantYaml(file(yaml)));
    expect(err.code).toBe('ERR_TENANT_YAML_INVALID');
    expect(err.location).toMatchObject({ line: 5, column: 5 });
    // What an auth0-deploy-cli export writes for an Action is accepted.
    const exported = 'actions:\n  - name: a\n    code: ./dist/actions/a.js\n    dependencies: []\n    deployed: true\n    runtime: node22\n    secrets: []\n    status: built\n    supported_triggers: [{ id: post-login, version: v3 }]\n';
    expect(readTenantYaml(file(exported)).actions.map((a) => a.name)).toEqual(['a']);
    const binding = `${exported}triggers:\n  post-login:\n    - action_name: a\n      display-name: Tier claims\n`;
    expect(thrown(() => readTenantYaml(file(binding))).location).toMatchObject({ line: 13, column: 7 });
    expect(readTenantYaml(file(binding.replace('display-name', 'display_name'))).triggers['post-login']).toEqual([{ actionName: 'a', displayName: 'Tier claims' }]);
  });

  test('a file over the size limit is refused without being parsed', () => {
    const big = `actions: []\n# ${'x'.repeat(INPUT_LIMITS.tenantYaml.maxBytes)}\n`;
    const err = thrown(() => readTenantYaml(file(big)));
    expect(err.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(err.message).toContain(`larger than ${INPUT_LIMITS.tenantYaml.maxBytes} bytes`);
    expect(thrown(() => loadClaimsConfig(file(`# ${'x'.repeat(INPUT_LIMITS.claimsYaml.maxBytes)}\n`, 'claims.yaml'))).code).toBe('ERR_INPUT_TOO_LARGE');
  });

  test('deep nesting is refused: just past the depth limit, and far past what the parser can take', () => {
    const justTooDeep = `actions: ${'['.repeat(MAX_INPUT_DEPTH)}${']'.repeat(MAX_INPUT_DEPTH)}\n`;
    expect(thrown(() => readTenantYaml(file(justTooDeep))).code).toBe('ERR_INPUT_TOO_LARGE');
    const parserLimit = `actions: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const err = thrown(() => readTenantYaml(file(parserLimit)));
    expect(err.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(err.location?.line).toBe(1);
    const blockNesting = `actions:\n${Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i + 2)}- `).join('\n')}x\n`;
    expect(thrown(() => readTenantYaml(file(blockNesting))).code).toBe('ERR_INPUT_TOO_LARGE');
    const compact = `actions:\n  ${'- '.repeat(1_000_000)}x\n`;
    const err2 = thrown(() => readTenantYaml(file(compact)));
    expect(err2.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(err2.location).toEqual(expect.objectContaining({ line: 2 }));
  });

  test.each(['__proto__', 'constructor', 'prototype'])('a "%s" key is refused at its position', (key) => {
    const f = file(`actions:\n  - name: a\n    ${key}: { polluted: true }\n`);
    const err = thrown(() => readTenantYaml(f));
    expect(err.code).toBe('ERR_INPUT_UNSAFE_KEY');
    expect(err.location).toEqual({ file: f, line: 3, column: 5 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a prototype key in claims.yaml is refused too', () => {
    const err = thrown(() => loadClaimsConfig(file('namespace: https://c.example.com/\nclaims:\n  - { name: x, value: 1, tokens: [id_token], __proto__: { y: 1 } }\n', 'claims.yaml')));
    expect(err.code).toBe('ERR_INPUT_UNSAFE_KEY');
    expect(err.location?.line).toBe(3);
  });

  test('a directory or a missing file is a clear error', () => {
    expect(thrown(() => readTenantYaml(dir)).code).toBe('ERR_FILE_NOT_FOUND');
    expect(thrown(() => readTenantYaml(path.join(dir, 'nope.yaml'))).code).toBe('ERR_FILE_NOT_FOUND');
  });
});
