import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { FlowResult } from '../../src/harness/index.ts';
import { captureIo } from '../cli/helpers.ts';
import { makeProject } from './project.ts';

const USES_SECRET = 'exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("https://c.example.com/k", event.secrets.API_KEY.slice(0, 3)); };\n';

describe('claimkit run on built bundles', () => {
  test('runs dist/actions/<name>.js as it is, with event.secrets from tenant.yaml names and .env values', async () => {
    const dir = makeProject({ a: { code: USES_SECRET, secrets: ['API_KEY'] } }, { extraFiles: { '.env': 'API_KEY=abc123456\n' } });
    const build = captureIo({ cwd: dir });
    expect(await main(['build'], build)).toBe(0);
    const bundle = path.join(dir, 'dist/actions/a.js');
    // Mark the built file: if run re-bundled the source instead, the marker would be gone.
    fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace('.slice(0, 3)', '.slice(0, 4)'));
    const io = captureIo({ cwd: dir });
    expect(await main(['run', 'dist/actions/a.js', '--json'], io)).toBe(0);
    const result = JSON.parse(io.out()) as FlowResult;
    expect(result.idToken.claims).toEqual({ 'https://c.example.com/k': 'abc1' });
  });

  test('the environment wins over .env', async () => {
    const dir = makeProject({ a: { code: USES_SECRET, secrets: ['API_KEY'] } }, { extraFiles: { '.env': 'API_KEY=abc123456\n' } });
    const io = captureIo({ cwd: dir, env: { API_KEY: 'xyz987654' } });
    expect(await main(['run', 'actions/a.js', '--json'], io)).toBe(0);
    expect((JSON.parse(io.out()) as FlowResult).idToken.claims).toEqual({ 'https://c.example.com/k': 'xyz' });
  });

  test('build prints each bundle and its size, or writes nothing and exits 2', async () => {
    const dir = makeProject({ a: { code: USES_SECRET }, b: { code: 'exports.onExecutePostLogin = () => {};\n' } });
    const io = captureIo({ cwd: dir });
    expect(await main(['build'], io)).toBe(2);
    expect(io.err()).toMatch(/dist\/actions\/b\.js: Invalid function signature.* \[ERR_ACTION_NOT_ASYNC\]/);
    expect(io.out()).toMatch(/build failed: nothing was written/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
