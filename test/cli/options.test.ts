// The options README.md documents for each command are exactly the options the parser accepts.
import fs from 'node:fs';
import path from 'node:path';
import { parseTenantArgs } from '../../src/cli/commands/tenant.ts';
import { main } from '../../src/cli/main.ts';
import { TENANT_ENV } from '../../src/tenant/defaults.ts';
import { COMMAND_OPTIONS } from '../../src/cli/options.ts';
import { captureIo, ROOT } from './helpers.ts';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

type Documented = Record<string, 'string' | 'boolean'>;

/** `[--name VALUE]` → string, `[--name]` → boolean, from one command's synopsis. */
function optionsIn(synopsis: string): Documented {
  const out: Documented = {};
  for (const m of synopsis.matchAll(/\[--([a-z-]+)( [^\]]+)?\]/g)) out[m[1] as string] = m[2] ? 'string' : 'boolean';
  return out;
}

function parserOptions(command: keyof typeof COMMAND_OPTIONS): Documented {
  return Object.fromEntries(Object.entries(COMMAND_OPTIONS[command]).map(([name, o]) => [name, o.type]));
}

const COMMANDS = Object.keys(COMMAND_OPTIONS) as Array<keyof typeof COMMAND_OPTIONS>;

describe.each(COMMANDS)('claimkit %s', (command) => {
  test("README's section heading documents exactly the options the parser accepts", () => {
    const heading = new RegExp(`^### .*\`claimkit ${command}( [^\`]*)?\``, 'm').exec(README);
    expect(heading).not.toBeNull();
    expect(optionsIn(heading?.[1] ?? '')).toEqual(parserOptions(command));
  });

  test('the usage text documents exactly the options the parser accepts', async () => {
    const io = captureIo();
    await main(['help'], io);
    const line = new RegExp(`^ {2}${command}( .*)?$`, 'm').exec(io.out());
    expect(line).not.toBeNull();
    expect(optionsIn(line?.[1] ?? '')).toEqual(parserOptions(command));
  });
});

test('check --claims FILE, as the README documents, checks that file', async () => {
  const io = captureIo();
  expect(await main(['check', '--claims', 'claims.yaml', '--json'], io)).toBe(0);
  expect(JSON.parse(io.out())).toMatchObject({ ok: true, claims: { file: path.join(ROOT, 'claims.yaml'), count: 3 } });
  const missing = captureIo();
  expect(await main(['check', '--claims', 'nope.yaml'], missing)).toBe(2);
  expect(missing.err()).toMatch(/nope\.yaml.*\[ERR_FILE_NOT_FOUND\]/);
});

test("every option README documents for claimkit tenant parses", () => {
  const paragraph = /^Options: (.*(?:\n(?!\n).*)*)/m.exec(README.slice(README.indexOf('### `claimkit tenant')))?.[1] ?? '';
  const documented = [...paragraph.matchAll(/`--([a-z-]+)( [A-Z]+)?`/g)].map((m) => [m[1] as string, m[2] !== undefined] as const);
  expect(documented.map(([name]) => name).sort()).toEqual(['build-delay', 'faults', 'foreground', 'port', 'state']);
  for (const [name, takesValue] of [...documented, ['json', false] as const]) {
    expect(() => parseTenantArgs(['status', `--${name}`, ...(takesValue ? ['1'] : [])])).not.toThrow();
  }
});

test('the usage text lists every option claimkit tenant start parses, --json included', async () => {
  const io = captureIo();
  await main(['help'], io);
  const line = /^ {2}tenant start( .*)?$/m.exec(io.out())?.[1] ?? '';
  const listed = [...line.matchAll(/\[--([a-z-]+)( [A-Z]+)?\]/g)].map((m) => [m[1] as string, m[2] !== undefined] as const);
  expect(listed.map(([name]) => name).sort()).toEqual(['build-delay', 'faults', 'foreground', 'json', 'port', 'state']);
  for (const [name, takesValue] of listed) {
    expect(() => parseTenantArgs(['start', `--${name}`, ...(takesValue ? ['1'] : [])])).not.toThrow();
  }
  expect(parseTenantArgs(['start', '--json']).json).toBe(true);
});

test("README's claimkit tenant section names every environment variable the tenant's settings read", () => {
  const section = README.slice(README.indexOf('### `claimkit tenant'), README.indexOf('#### The Authentication API'));
  for (const name of Object.values(TENANT_ENV)) expect(section).toContain(`\`${name}\``);
});
