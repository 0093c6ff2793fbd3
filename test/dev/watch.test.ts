import fs from 'node:fs';
import path from 'node:path';
import { dev, type Cycle } from '../../src/dev/watch.ts';
import { makeProject, OK_ACTION } from '../build/project.ts';
import { captureIo } from '../cli/helpers.ts';

jest.setTimeout(20_000);

function start(dir: string, debounceMs?: number) {
  const stop = new AbortController();
  const cycles: Cycle[] = [];
  const ran: string[][] = [];
  let wake: (() => void) | undefined;
  const done = dev({
    tenantFile: path.join(dir, 'tenant.yaml'),
    io: captureIo({ cwd: dir }),
    signal: stop.signal,
    ...(debounceMs === undefined ? {} : { debounceMs }),
    runTests: async (files) => {
      ran.push(files.map((f) => path.relative(dir, f)));
      return { passed: files.length, failed: 0 };
    },
    onCycle: (c) => {
      cycles.push(c);
      wake?.();
    },
  });
  const next = () => new Promise<Cycle>((resolve) => (wake = () => resolve(cycles.at(-1) as Cycle)));
  return { stop: async () => (stop.abort(), done), next, ran };
}

test('a change to one Action rebuilds and runs only the tests that name it', async () => {
  const dir = makeProject(
    { a: { code: OK_ACTION }, b: { code: OK_ACTION } },
    {
      extraFiles: {
        'test/actions/a.test.ts': "loadExample('a')",
        'test/flows/a-and-b.test.ts': "import * as a from '../../actions/a';",
        'test/actions/b.test.ts': "loadExample('b')",
        'test/cli/run.test.ts': "main(['run', 'actions/a.ts'])",
      },
    },
  );
  const w = start(dir);
  await new Promise((r) => setTimeout(r, 100));
  const cycle = w.next();
  fs.writeFileSync(path.join(dir, 'actions/a.js'), OK_ACTION.replace('true', 'false'));
  const c = await cycle;
  expect(c.ok).toBe(true);
  expect(c.actions).toEqual(['a']);
  expect(w.ran.map((files) => files.sort())).toEqual([['test/actions/a.test.ts', 'test/flows/a-and-b.test.ts']]);
  expect(fs.readFileSync(path.join(dir, 'dist/actions/a.js'), 'utf8')).toContain('false');

  const broken = w.next();
  fs.writeFileSync(path.join(dir, 'actions/b.js'), 'exports.onExecutePostLogin = () => {};\n');
  const b = await broken;
  expect(b.ok).toBe(false);
  expect(w.ran).toHaveLength(1);
  await w.stop();
});

test('tenant.yaml replaced by a rename (an editor\'s safe write, git checkout) or removed and put back is still watched, and dev keeps running', async () => {
  const dir = makeProject({ a: { code: OK_ACTION } });
  const tenant = path.join(dir, 'tenant.yaml');
  const yaml = fs.readFileSync(tenant, 'utf8');
  const w = start(dir, 150);
  await new Promise((r) => setTimeout(r, 100));
  const settle = () => new Promise((r) => setTimeout(r, 400));

  let cycle = w.next();
  fs.writeFileSync(`${tenant}.new`, `${yaml}# replaced\n`);
  fs.renameSync(`${tenant}.new`, tenant);
  expect((await cycle).changed).toEqual([tenant]);
  await settle();

  // The file now is another inode: a watcher of the old one would never see this edit.
  cycle = w.next();
  fs.appendFileSync(tenant, '# edited in place\n');
  expect(await cycle).toEqual(expect.objectContaining({ changed: [tenant], ok: true }));
  await settle();

  // Gone for a moment (a statSync of it in the watcher crashed dev with ENOENT), then back.
  cycle = w.next();
  fs.renameSync(tenant, `${tenant}.away`);
  expect(await cycle).toEqual(expect.objectContaining({ changed: [tenant], ok: false }));
  await settle();
  cycle = w.next();
  fs.renameSync(`${tenant}.away`, tenant);
  expect(await cycle).toEqual(expect.objectContaining({ changed: [tenant], ok: true }));
  await w.stop();
});
