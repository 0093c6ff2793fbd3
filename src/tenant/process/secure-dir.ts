import fs from 'node:fs/promises';
import { ClaimkitError } from '../../errors.ts';
import { DIR_MODE, FILE_MODE } from '../store/atomic-file.ts';
import type { StatePaths } from './paths.ts';

async function chmodIfExists(file: string, mode: number): Promise<void> {
  try {
    await fs.chmod(file, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Creates the state folder, or tightens an existing one: the folder 0700 and each of the tenant's files
 * in it 0600, whatever modes they had (an earlier version, a folder made by hand with mode 0755). The
 * files hold the signing and CA keys, client secrets, Action secrets and password hashes.
 */
export async function secureStateDir(paths: StatePaths): Promise<void> {
  try {
    await fs.mkdir(paths.stateDir, { recursive: true, mode: DIR_MODE });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw cause;
    throw new ClaimkitError('ERR_TENANT_STATE_INVALID', `The tenant's state folder ${paths.stateDir} is not a folder (a file is there, or on its path): move it away, or pass --state with another folder.`, { cause });
  }
  await fs.chmod(paths.stateDir, DIR_MODE);
  const { stateDir: _dir, ...files } = paths;
  await Promise.all(Object.values(files).map((file) => chmodIfExists(file, FILE_MODE)));
}
