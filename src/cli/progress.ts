import type { DependencyProgress, EnsureOptions } from '../dependencies/index.ts';
import type { CliIo } from './io.ts';

/** On a terminal, one line per dependency npm installs (cached ones are silent); elsewhere nothing. */
export function installProgress(io: CliIo): EnsureOptions {
  if (!io.isTTY) return {};
  return {
    onProgress(e: DependencyProgress) {
      if (e.type === 'installing') io.stderr(`… installing ${e.name}@${e.version} from the npm registry (once; cached in .claimkit/dependencies)\n`);
      if (e.type === 'installed') io.stderr(`✔ installed ${e.name}@${e.version} (${e.ms} ms)\n`);
    },
  };
}
