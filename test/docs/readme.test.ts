import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIo, ROOT } from '../cli/helpers.ts';
import { INPUT_LIMITS } from '../../src/project/input-limits.ts';
import { RULE_SCRIPT_LIMIT } from '../../src/rules/load.ts';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test('the quick start prints what the README shows', async () => {
  const block = /<!-- quick-start-output -->\n```\n([\s\S]*?)```/.exec(README)?.[1];
  expect(block).toBeDefined();
  const io = captureIo();
  expect(await main(['run', '--event', 'test/fixtures/events/admin-api.json'], io)).toBe(0);
  expect(io.out()).toBe(block);
});

test('every claimkit command in the usage text is documented in the README', async () => {
  const io = captureIo();
  await main(['help'], io);
  const commands = [...io.out().matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]);
  expect(commands.length).toBeGreaterThan(3);
  for (const c of commands) if (c !== 'help') expect(README).toContain(`claimkit ${c}`);
});

test('the usage text says how deploy applies changes as the README does: the Management API, auth0-deploy-cli only for passed-through sections', async () => {
  expect(README).toContain('applied\n  through the `auth0` SDK');
  const io = captureIo();
  await main(['help'], io);
  const deploy = /^ {2}deploy .*\n((?: {6}.*\n)+)/m.exec(io.out())?.[1] ?? '';
  expect(deploy).toContain('through the Management API');
  expect(deploy).not.toMatch(/apply the changes with auth0-deploy-cli/);
});

test("claimkit tenant's usage names both APIs the local tenant serves", async () => {
  const io = captureIo();
  expect(await main(['tenant'], io)).toBe(2);
  expect(io.out() + io.err()).toMatch(/Management API and the Authentication API/);
});

test("README's input limits table gives the limit of every kind of file claimkit reads for a command", () => {
  const table = README.slice(README.indexOf('### Input limits'), README.indexOf('## Tooling choices'));
  const mb = (bytes: number) => `${bytes / (1024 * 1024)} MB`;
  const rows: Array<[string, number]> = [
    ['`tenant.yaml`', INPUT_LIMITS.tenantYaml.maxBytes],
    ['`claims.yaml`', INPUT_LIMITS.claimsYaml.maxBytes],
    ['Event files', INPUT_LIMITS.eventJson.maxBytes],
    ['`.env`', INPUT_LIMITS.dotenv.maxBytes],
    ['An Action file', INPUT_LIMITS.actionFile.maxBytes],
    ['HTTP fixtures', INPUT_LIMITS.eventJson.maxBytes],
    ["A Rule's script", RULE_SCRIPT_LIMIT.maxBytes],
    ['A custom database script or an HTML file', INPUT_LIMITS.tenantYaml.maxBytes],
  ];
  for (const [what, bytes] of rows) {
    const row = table.split('\n').find((line) => line.startsWith(`| ${what}`));
    expect([what, row?.split('|')[2]?.trim().replace(/ each$/, '')]).toEqual([what, mb(bytes)]);
  }
});
