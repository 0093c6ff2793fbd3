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

test('a state file from before connections, organizations and tenant settings existed still loads, with their defaults', async () => {
  const file = path.join(dir, 'state.json');
  const { connections: _c, organizations: _o, tenantSettings: _t, ...older } = initialData();
  older.roles.push({ id: 'rol_kept', name: 'kept', permissions: [] });
  await fs.writeFile(file, JSON.stringify(older));
  const store = await TenantStore.open(file, () => initialData());
  expect(store.data.roles.map((r) => r.name)).toEqual(['kept']);
  expect(store.data.connections.map((c) => [c.name, c.strategy])).toEqual([['Username-Password-Authentication', 'auth0']]);
  expect(store.data.organizations).toEqual([]);
  expect(store.data.tenantSettings).toEqual({});
});

test('every change is on disk when its write resolves, also under concurrent commits', async () => {
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

describe('a change is kept only once it is saved', () => {
  /** A stand-in for the disk: saves can be made to fail, or held until released. */
  function disk() {
    const saved: string[] = [];
    const held: Array<{ text: string; release: (err?: Error) => void }> = [];
    const state = { fail: false, hold: false };
    const persist = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const finish = (err?: Error) => {
          if (err) reject(err);
          else {
            saved.push(text);
            resolve();
          }
        };
        if (state.hold) held.push({ text, release: finish });
        else finish(state.fail ? new Error('ENOSPC: no space left on device') : undefined);
      });
    const last = () => JSON.parse(saved[saved.length - 1] ?? 'null') as { roles: Array<{ name: string }> };
    return { persist, state, held, last };
  }
  const role = (name: string) => ({ id: `rol_${name}`, name, permissions: [] });
  const names = (store: TenantStore) => store.data.roles.map((r) => r.name);

  test('a failed save fails the change and puts the data back; the next change is saved', async () => {
    const d = disk();
    const store = TenantStore.memory(initialData(), d.persist);
    await store.write(() => (data) => data.roles.push(role('a')));
    d.state.fail = true;
    await expect(store.write(() => (data) => data.roles.push(role('b')))).rejects.toMatchObject({ code: 'ERR_TENANT_WRITE_FAILED' });
    expect(names(store)).toEqual(['a']);
    d.state.fail = false;
    await store.write(() => (data) => data.roles.push(role('c')));
    expect(names(store)).toEqual(['a', 'c']);
    expect(d.last().roles.map((r) => r.name)).toEqual(['a', 'c']);
  });

  test('changes waiting behind a save that fails fail too, and none of them stays in memory', async () => {
    const d = disk();
    const store = TenantStore.memory(initialData(), d.persist);
    await store.write(() => (data) => data.roles.push(role('a')));
    d.state.hold = true;
    const b = store.write(() => (data) => data.roles.push(role('b')));
    let seenByC: string[] = [];
    const c = store.write((data) => {
      seenByC = data.roles.map((r) => r.name); // a later write builds on the staged changes…
      return (w) => w.roles.push(role('c'));
    }); // grouped into the next save
    expect(seenByC).toEqual(['a', 'b']);
    expect(names(store)).toEqual(['a']); // …readers see only what is saved…
    d.held.shift()?.release(new Error('EIO: i/o error'));
    await expect(b).rejects.toMatchObject({ code: 'ERR_TENANT_WRITE_FAILED' });
    await expect(c).rejects.toMatchObject({ code: 'ERR_TENANT_WRITE_FAILED' });
    expect(names(store)).toEqual(['a']); // …and the staged changes go with the failed save
    d.state.hold = false;
    await store.write(() => (data) => data.roles.push(role('d')));
    expect(d.last().roles.map((r) => r.name)).toEqual(['a', 'd']);
  });

  test('a change that throws half-way is undone, without touching the save in flight', async () => {
    const d = disk();
    const store = TenantStore.memory(initialData(), d.persist);
    d.state.hold = true;
    const a = store.write(() => (data) => data.roles.push(role('a')));
    const bug = store.write(() => (data) => {
      data.roles.push(role('half'));
      throw new TypeError('a bug in a route');
    });
    await expect(bug).rejects.toThrow('a bug in a route');
    expect(names(store)).toEqual([]); // 'a' is not saved yet
    d.held.shift()?.release();
    await a;
    expect(names(store)).toEqual(['a']);
    expect(d.last().roles.map((r) => r.name)).toEqual(['a']);
  });

  test('a refusal in the check step changes nothing and fails nothing else', async () => {
    const d = disk();
    const store = TenantStore.memory(initialData(), d.persist);
    d.state.hold = true;
    const a = store.write(() => (data) => data.roles.push(role('a')));
    const refused = store.write(() => {
      throw new Error('409');
    });
    await expect(refused).rejects.toThrow('409');
    d.held.shift()?.release();
    await expect(a).resolves.toBe(1);
    expect(names(store)).toEqual(['a']);
  });

  test('data that cannot be serialised (8,000 levels deep) is never kept; the store keeps saving', async () => {
    const d = disk();
    const store = TenantStore.memory(initialData(), d.persist);
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 8000; i++) deep = { a: deep };
    const poisoned = store.write(() => (data) => data.roles.push({ ...role('deep'), description: deep as unknown as string }));
    await expect(poisoned).rejects.toMatchObject({ code: 'ERR_TENANT_WRITE_FAILED' });
    expect(names(store)).toEqual([]);
    await store.write(() => (data) => data.roles.push(role('after')));
    expect(d.last().roles.map((r) => r.name)).toEqual(['after']);
  });

  test('on disk: after a failed save the file holds exactly the acknowledged changes', async () => {
    const file = path.join(dir, 'state.json');
    const store = await TenantStore.open(file, () => initialData());
    await store.write(() => (data) => data.roles.push(role('a')));
    // A folder in the file's place makes the save's rename fail (whatever the user, root included).
    await fs.rename(file, `${file}.aside`);
    await fs.mkdir(file);
    await fs.writeFile(path.join(file, 'x'), '');
    await expect(store.write(() => (data) => data.roles.push(role('b')))).rejects.toMatchObject({ code: 'ERR_TENANT_WRITE_FAILED' });
    await fs.rm(file, { recursive: true });
    await fs.rename(`${file}.aside`, file);
    await store.write(() => (data) => data.roles.push(role('c')));
    const reopened = await TenantStore.open(file, () => initialData());
    expect(names(reopened)).toEqual(['a', 'c']);
    expect(names(store)).toEqual(['a', 'c']);
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
