// A keyword's value (AUTH0_KEYWORD_REPLACE_MAPPINGS, .env) is input too: once replaced, tenant.yaml must
// still be read within the input limits, and a value that breaks it is reported at the line that uses it.
import { envKeywordMappings } from '../../src/claims/keywords.ts';
import { desiredTenant } from '../../src/deploy/desired.ts';

const YAML = [
  '# keywords per tenant',
  'tenant:',
  '  friendly_name: "Claims Demo (##ENVIRONMENT##)"',
  'clients:',
  '  - name: SPA',
  '    callbacks: @@CALLBACKS@@',
  '    logo_uri: ##LOGO##',
  '',
].join('\n');

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
};

describe("tenant.yaml once a deploy has replaced its keywords", () => {
  test('values that keep it valid are what the deploy sends', () => {
    const d = desiredTenant(YAML, [], { ENVIRONMENT: 'dev', CALLBACKS: ['http://localhost:3000/callback'], LOGO: 'https://x/logo.png' }, 'tenant.yaml');
    expect(d.sections.tenant?.[0]?.['friendly_name']).toBe('Claims Demo (dev)');
    expect(d.sections.clients?.[0]?.['callbacks']).toEqual(['http://localhost:3000/callback']);
  });

  test('a ##KEY## value that breaks the YAML is bad input at the line using it, not an API error', () => {
    const err = caught(() => desiredTenant(YAML, [], { ENVIRONMENT: 'dev" x: [', CALLBACKS: [], LOGO: 'x' }, 'tenant.yaml'));
    expect(err).toMatchObject({ code: 'ERR_TENANT_YAML_INVALID', location: { file: 'tenant.yaml', line: 3 } });
  });

  test('after a value with line breaks, an error still names the line of tenant.yaml that uses the keyword', () => {
    const err = caught(() => desiredTenant(YAML, [], { ENVIRONMENT: 'a\n    b\n    c', CALLBACKS: [], LOGO: 'x: y: z' }, 'tenant.yaml'));
    expect(err).toMatchObject({ code: 'ERR_TENANT_YAML_INVALID', location: { file: 'tenant.yaml', line: 7 } });
  });

  test('an @@KEY@@ value nested past the input limit is refused', () => {
    const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
    const err = caught(() => desiredTenant(YAML, [], { ENVIRONMENT: 'dev', CALLBACKS: JSON.parse(deep) as unknown, LOGO: 'x' }, 'tenant.yaml'));
    expect(err).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE', location: { line: 6 } });
    // Read from the environment, a value that deep is refused before it reaches anything that recurses.
    const env = { AUTH0_KEYWORD_REPLACE_MAPPINGS: `{"CALLBACKS":${'['.repeat(5000)}${']'.repeat(5000)}}` };
    expect(() => envKeywordMappings(env)).toThrow(expect.objectContaining({ code: 'ERR_INPUT_TOO_LARGE' }));
  });

  test('an @@KEY@@ value holding __proto__ is refused', () => {
    const mappings = JSON.parse('{"ENVIRONMENT":"dev","LOGO":"x","CALLBACKS":{"__proto__":{"polluted":true}}}') as Record<string, unknown>;
    const err = caught(() => desiredTenant(YAML, [], mappings, 'tenant.yaml'));
    expect(err).toMatchObject({ code: 'ERR_INPUT_UNSAFE_KEY', location: { line: 6 } });
    expect(() => envKeywordMappings({ AUTH0_KEYWORD_REPLACE_MAPPINGS: '{"CALLBACKS":{"__proto__":{}}}' })).toThrow(expect.objectContaining({ code: 'ERR_INPUT_UNSAFE_KEY' }));
  });
});
