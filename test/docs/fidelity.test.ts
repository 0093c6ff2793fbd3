import fs from 'node:fs';
import path from 'node:path';
import { createApi, createFlow, makeEvent } from '../../src/harness/index.ts';
import { ROOT } from '../cli/helpers.ts';

// docs/fidelity.md must keep covering every post-login event property and api method: a property or
// method added to src/types without a row in the audit fails here.

const DOC = fs.readFileSync(path.join(ROOT, 'docs/fidelity.md'), 'utf8');

function section(title: string): string[] {
  const start = DOC.indexOf(`\n## ${title}\n`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end === -1 ? undefined : end).split('\n').filter((line) => line.startsWith('| '));
}

/** The top-level properties of `export interface NAME { … }` (two-space indented members). */
function interfaceMembers(file: string, name: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(`export interface ${name} {`);
  if (start === -1) throw new Error(`interface ${name} not found in ${file}`);
  const body = text.slice(start, text.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}(?:readonly )?([A-Za-z_]\w*)\??:/gm)].map((m) => m[1] as string);
}

test('every event property has a row', () => {
  const rows = section('event');
  const properties = interfaceMembers('src/types/event.ts', 'PostLoginEvent');
  expect(properties.length).toBeGreaterThan(20);
  const missing = properties.filter((p) => !rows.some((row) => row.includes(`\`event.${p}`)));
  expect(missing).toEqual([]);
});

test('every api method has a row', () => {
  const flow = createFlow(makeEvent());
  const api = createApi({ name: 'doc', phase: 'execute', event: flow.event, flow, finished: () => false, record: () => undefined, update: (change) => change(flow.event) });
  const rows = section('api');
  const namespaces = Object.getOwnPropertyNames(Object.getPrototypeOf(api)).filter((n) => n !== 'constructor');
  expect(namespaces.length).toBeGreaterThan(15);
  const missing: string[] = [];
  for (const ns of namespaces) {
    const methods = Object.keys((api as unknown as Record<string, Record<string, unknown>>)[ns] ?? {});
    expect(methods.length).toBeGreaterThan(0);
    for (const m of methods) {
      const covered = rows.some((row) => row.includes(`\`api.${ns}.${m}`) || (row.includes(`api.${ns}.`) && row.includes(`\`${m}`)));
      if (!covered) missing.push(`api.${ns}.${m}`);
    }
  }
  expect(missing).toEqual([]);
});

/** The test files the audit names by key (`run`, `engine`, … and `api/NAME`). */
function testFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const row of section('Tests')) {
    const m = /^\| ([\w/-]+) \| `([^`]+)` \|/.exec(row);
    if (m?.[1] && m[2]) files.set(m[1], m[2]);
  }
  return files;
}

test('every test the audit cites exists, in the file its key names', () => {
  const files = testFiles();
  expect(files.size).toBeGreaterThan(10);
  const rows = DOC.split('\n').filter((line) => line.startsWith('| '));
  const missing: string[] = [];
  let cited = 0;
  for (const row of rows) {
    const cells = row.replace(/ \|$/, '').split(' | ');
    for (const part of (cells[cells.length - 1] ?? '').split(/;\s*/)) {
      const m = /^\s*([\w/-]+) › (.*)$/.exec(part);
      if (!m?.[1] || m[2] === undefined) continue;
      const key = m[1];
      const file = files.get(key) ?? (key.startsWith('api/') ? `test/harness/api/${key.slice(4)}.test.ts` : undefined);
      if (file === undefined || !fs.existsSync(path.join(ROOT, file))) {
        missing.push(`${key}: no such test file`);
        continue;
      }
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\\'/g, "'");
      for (const q of m[2].matchAll(/"((?:[^"\\]|\\.)+)"/g)) {
        // A name ending in … is the start of the test's title.
        const name = (q[1] ?? '').replace(/\\"/g, '"').replace(/…$/, '');
        cited++;
        if (!text.includes(name)) missing.push(`${key} › "${q[1]}"`);
      }
    }
  }
  expect(cited).toBeGreaterThan(100);
  expect(missing).toEqual([]);
});
