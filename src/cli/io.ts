import { ClaimkitError } from '../errors.ts';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** True when stdout and stderr are a terminal (progress displays only then). */
  isTTY: boolean;
  /** Standard input, whole (`claimkit inspect -`); absent where there is none. */
  readStdin?: () => Promise<string>;
}

/** Reads at most `limit` bytes of standard input. */
async function readProcessStdin(limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ClaimkitError('ERR_INPUT_TOO_LARGE', `Standard input is over ${limit} bytes, the most claimkit reads there: a token is a few kB. Check what is piped in.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true && process.stderr.isTTY === true,
    readStdin: () => readProcessStdin(),
  };
}

/** Exit codes: 0 success (or a denied login), 1 a failed login or operation, 2 bad usage or bad input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
