import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnForeground, waitForExit, type ChildTenant } from './process-helpers.ts';

// A tenant process under a write load is killed with SIGKILL; after a restart every write it had
// acknowledged is there and the state file parses.

jest.setTimeout(60_000);

let dir: string;
const children: ChildTenant[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ck-persist-'));
});

afterAll(async () => {
  for (const c of children) {
    c.child.kill('SIGKILL');
    await waitForExit(c.child);
    await c.agent.close().catch(() => undefined);
  }
  await fs.rm(dir, { recursive: true, force: true });
});

test('kill -9 during writes loses no acknowledged write', async () => {
  const first = await spawnForeground(dir, ['--build-delay', '0']);
  children.push(first);
  const token = await first.token();
  const acknowledged: string[] = [];
  let killed = false;
  const worker = async (w: number) => {
    for (let i = 0; !killed; i++) {
      try {
        const res = await first.api('POST', '/api/v2/roles', token, { name: `role-${w}-${i}`, description: 'x'.repeat(200) });
        if (res.status === 200) acknowledged.push(String((res.body as { id: string }).id));
      } catch {
        return; // the process is gone
      }
    }
  };
  const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
  while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 20));
  first.child.kill('SIGKILL');
  killed = true;
  await waitForExit(first.child);
  await load;

  const text = await fs.readFile(path.join(dir, 'state.json'), 'utf8');
  expect(() => JSON.parse(text)).not.toThrow();

  const second = await spawnForeground(dir);
  children.push(second);
  const token2 = await second.token();
  const ids = new Set<string>();
  for (let page = 0; ; page++) {
    const res = await second.api('GET', `/api/v2/roles?per_page=100&page=${page}&include_totals=true`, token2);
    const body = res.body as { roles: Array<{ id: string }>; total: number };
    for (const r of body.roles) ids.add(r.id);
    if ((page + 1) * 100 >= body.total) break;
  }
  const lost = acknowledged.filter((id) => !ids.has(id));
  expect(lost).toEqual([]);
  expect(ids.size).toBeGreaterThanOrEqual(acknowledged.length);
  // The credentials survived the restart too.
  expect(second.info.clientId).toBe(first.info.clientId);
});
