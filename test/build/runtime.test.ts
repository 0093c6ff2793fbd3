import fs from 'node:fs';
import path from 'node:path';
import { buildProject } from '../../src/build/build.ts';
import { commonTarget, RUNTIME_TARGETS, sameRuntime } from '../../src/build/limits.ts';
import { makeProject } from './project.ts';

// esbuild keeps optional chaining only for targets that run it natively and correctly (node18 and later
// here; it lowers it for node12 and node16), which shows which target a bundle was built for.
const ACTION = 'exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("https://claims.example.com/r", event.authorization?.roles ?? []); };\n';

async function buildWithRuntime(runtime: string) {
  const dir = makeProject({ a: { code: ACTION } });
  const file = path.join(dir, 'tenant.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('runtime: node22', `runtime: ${runtime}`));
  const result = await buildProject({ tenantFile: file, env: {} });
  const bundle = path.join(dir, 'dist/actions/a.js');
  return { result, code: fs.existsSync(bundle) ? fs.readFileSync(bundle, 'utf8') : undefined };
}

describe('Action runtimes: every name Auth0 accepts or reports', () => {
  test.each(['node22', 'node18', 'node18-actions'])('%s builds without a finding', async (runtime) => {
    const { result, code } = await buildWithRuntime(runtime);
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(code).toContain('event.authorization?.roles');
  });

  test.each(['node12', 'node16'])('%s (retired) builds for its Node version, with a warning', async (runtime) => {
    const { result, code } = await buildWithRuntime(runtime);
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([expect.objectContaining({ code: 'ERR_RUNTIME_RETIRED', severity: 'warning', location: expect.objectContaining({ line: 4 }) })]);
    expect(code).not.toContain('?.');
  });

  test('an unknown runtime is an error listing the accepted names', async () => {
    const { result } = await buildWithRuntime('node20');
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'ERR_TENANT_YAML_INVALID', message: expect.stringContaining('node12, node16, node18, node18-actions, node22') }),
    ]);
  });

  test('one esbuild call targets the oldest runtime; node18 and node18-actions are the same runtime', () => {
    expect(commonTarget(['node22', 'node18-actions'])).toBe('node18');
    expect(commonTarget(['node22', 'node16', 'node18'])).toBe('node16');
    expect(commonTarget([])).toBe('node22');
    expect(RUNTIME_TARGETS['node18-actions']).toBe(RUNTIME_TARGETS['node18']);
    expect(sameRuntime('node18', 'node18-actions')).toBe(true);
    expect(sameRuntime('node18', 'node22')).toBe(false);
    expect(sameRuntime('toString', 'constructor')).toBe(false);
  });
});
