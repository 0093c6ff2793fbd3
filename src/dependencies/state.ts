import path from 'node:path';

/** The project's git-ignored state folder (the local tenant's data, the dependency cache). */
export const STATE_DIR = '.claimkit';

export const stateDirOf = (root: string) => path.join(root, STATE_DIR);
