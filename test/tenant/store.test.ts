import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../src/tenant/store/atomic-file.ts';
import { initialData } from '../../src/tenant/store/seed.ts';
import { TenantStore } from '../../src/tenant/store/store.ts';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ck-store-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('a new store is seeded with the bootstrap client and written at once', async () => {
  const file = path.join(dir, 'state.json');
  const store = await TenantStore.open(file, () => initialData());
  const onDisk = JSON.parse(await fs.readFile(file, 'utf8'));
  expect(onDisk.bootstrapClientId).toBe(store.data.bootstrapClientId);
  expect(onDisk.grants[0].scope).toContain('create:actions');
});

test('every committed change is on disk when commit resolves, also under concurrent commits', async () => {
  const file = path.join(dir, 'state.json');
  const store = await TenantStore.open(file, () => initialData());
  await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      await store.write(() => (data) => data.roles.push({ id: `rol_${i}`, name: `r${i}`, permissions: [] }));
      const onDisk = JSON.parse(await fs.readFile(file, 'utf8'));
      expect(onDisk.roles.some((r: { id: string }) => r.id === `rol_${i}`)).toBe(true);
    }),
  );
  const reopened = await TenantStore.open(file, () => initialData());
  expect(reopened.data.roles).toHaveLength(50);
});

test('a state file that does not parse is an error, and is left alone', async () => {
  const file = path.join(dir, 'state.json');
  await fs.writeFile(file, '{"format":1,"act');
  await expect(TenantStore.open(file, () => initialData())).rejects.toMatchObject({ name: 'ClaimkitError', code: 'ERR_TENANT_STATE_INVALID' });
  expect(await fs.readFile(file, 'utf8')).toBe('{"format":1,"act');
  await fs.writeFile(file, '{"format":2}');
  await expect(TenantStore.open(file, () => initialData())).rejects.toMatchObject({ name: 'ClaimkitError', code: 'ERR_TENANT_STATE_INVALID' });
});

test('atomic writes leave no temporary files; stale ones from a killed writer are removed on open', async () => {
  const file = path.join(dir, 'state.json');
  await writeFileAtomic(file, JSON.stringify(initialData()));
  await fs.writeFile(path.join(dir, '.state.json.999.0.tmp'), '{"half');
  await TenantStore.open(file, () => initialData());
  expect(await fs.readdir(dir)).toEqual(['state.json']);
});
