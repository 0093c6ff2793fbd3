import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIo, ROOT } from '../cli/helpers.ts';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test("the machine token example prints what the README shows", async () => {
  const block = /<!-- m2m-run-output -->\n```\n([\s\S]*?)```/.exec(README)?.[1];
  expect(block).toBeDefined();
  const io = captureIo();
  expect(await main(['run', '--trigger', 'credentials-exchange', '--event', 'test/fixtures/events/m2m-worker.json'], io)).toBe(0);
  expect(io.out()).toBe(block);
});
