import fs from 'node:fs';
import path from 'node:path';
import { createCredentialsExchangeApi } from '../../src/harness/credentials-exchange/api.ts';
import { createExchange } from '../../src/harness/index.ts';
import { makeCredentialsExchangeEvent } from '../../src/harness/index.ts';
import { ROOT } from '../cli/helpers.ts';

// docs/fidelity-machines.md must keep covering every credentials-exchange event property and api method.
const DOC = fs.readFileSync(path.join(ROOT, 'docs/fidelity-machines.md'), 'utf8');

function section(title: string): string[] {
  const start = DOC.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end === -1 ? undefined : end).split('\n').filter((line) => line.startsWith('| '));
}

test('every event property has a row', () => {
  const text = fs.readFileSync(path.join(ROOT, 'src/types/credentials-exchange/event.ts'), 'utf8');
  const start = text.indexOf('export interface CredentialsExchangeEvent {');
  const body = text.slice(start, text.indexOf('\n}', start));
  const properties = [...body.matchAll(/^ {2}(?:readonly )?([A-Za-z_]\w*)\??:/gm)].map((m) => m[1] as string);
  expect(properties.length).toBe(11);
  const rows = section('event');
  expect(properties.filter((p) => !rows.some((row) => row.includes(`\`event.${p}`)))).toEqual([]);
});

test('every api method has a row', () => {
  const flow = createExchange(makeCredentialsExchangeEvent());
  const api = createCredentialsExchangeApi({ name: 'doc', event: flow.event, flow, finished: () => false, record: () => undefined });
  const rows = section('api');
  const methods = Object.entries(api).flatMap(([ns, value]) => Object.keys(value as object).map((m) => `${ns}.${m}`));
  expect(methods.length).toBe(9);
  expect(methods.filter((m) => !rows.some((row) => row.includes(m.split('.')[1] as string) && row.includes(`api.${m.split('.')[0]}`)))).toEqual([]);
});
