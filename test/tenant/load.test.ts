import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HASH_CONCURRENCY, pendingHashes } from '../../src/tenant/auth/passwords.ts';
import { initialData } from '../../src/tenant/store/seed.ts';
import { TenantStore } from '../../src/tenant/store/store.ts';
import { testTenant } from './helpers.ts';

// Password hashing must never hold back other writes: with many user creates in flight, a role
// create is saved while most of them still wait to hash. Order is asserted, not time.

jest.setTimeout(120_000);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ck-load-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('a role create completes while 100 user creates are still hashing; all of them are saved', async () => {
  const file = path.join(dir, 'state.json');
  const t = await testTenant({ store: await TenantStore.open(file, () => initialData()) });
  const token = await t.token();
  let usersDone = 0;
  const creates = Array.from({ length: 100 }, (_, i) =>
    t.call('POST', '/api/v2/users', { email: `u${i}@example.com`, password: 'Passw0rd!x', connection: 'Username-Password-Authentication' }, { token }).then((res) => {
      usersDone++;
      return res.status;
    }),
  );
  // Hashes queue (at most HASH_CONCURRENCY run at once): wait until most creates wait for theirs.
  while (pendingHashes() < 50) await new Promise((resolve) => setImmediate(resolve));

  const role = await t.call('POST', '/api/v2/roles', { name: 'editor' }, { token });
  expect(role.status).toBe(200);
  expect(usersDone).toBeLessThan(100 - HASH_CONCURRENCY); // the role did not wait for the hashes
  const onDisk = JSON.parse(await fs.readFile(file, 'utf8')) as { roles: Array<{ name: string }> };
  expect(onDisk.roles.map((r) => r.name)).toEqual(['editor']); // and it was saved, not just kept in memory

  expect(new Set(await Promise.all(creates))).toEqual(new Set([201]));
  const reopened = await TenantStore.open(file, () => initialData());
  expect(reopened.data.users).toHaveLength(100);
  expect(reopened.data.roles).toHaveLength(1);
});
