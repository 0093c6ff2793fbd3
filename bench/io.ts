import type { CliIo } from '../src/cli/io.ts';

/** A CliIo that discards output (benchmarks time work, not printing). */
export function captureNothing(cwd: string): CliIo {
  return { stdout: () => {}, stderr: () => {}, cwd, env: process.env, isTTY: false };
}
