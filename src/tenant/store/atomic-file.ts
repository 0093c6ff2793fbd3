import fs from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/** Every file the tenant writes is readable by its owner only: they hold keys, secrets and users. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * Replaces `file` with `text` so that a reader — or a restart after kill -9 — sees either the old or the
 * new content, never a mix: write a temporary file in the same folder, fsync it, rename it over the
 * target (atomic on POSIX), then fsync the folder so the rename itself is durable. The file is 0600
 * from its first byte (the temporary file is created so, whatever the umask or the folder's mode).
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  const handle = await fs.open(tmp, 'w', FILE_MODE);
  try {
    try {
      await handle.chmod(FILE_MODE);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a folder; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** Removes temporary files a killed writer left behind (they never replaced the real file). */
export async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => fs.rm(path.join(dir, n), { force: true })));
}

/** The file's text, or undefined when it does not exist (any other read error is thrown). */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
