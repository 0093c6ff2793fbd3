import path from 'node:path';
import type { CliIo } from '../../src/cli/io.ts';

export const ROOT = path.resolve(__dirname, '../..');
export const fixture = (...p: string[]) => path.join(ROOT, 'test/fixtures', ...p);

/** A CliIo that records what a command prints. */
export function captureIo(overrides: Partial<CliIo> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd: ROOT,
    env: {},
    isTTY: false,
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
