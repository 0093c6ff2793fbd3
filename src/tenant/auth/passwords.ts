import { availableParallelism } from 'node:os';
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

// Database users' passwords, kept as scrypt hashes (`scrypt$N$r$p$SALT$HASH`, base64). Hashing is slow
// on purpose and runs on libuv's thread pool, which file writes share: with
// hundreds of user creates in flight an unbounded number of hashes would queue every state write
// behind them. So at most HASH_CONCURRENCY hashes run at once, the others wait their turn here, and a
// route hashes before it enters the store's write path — other writes never wait for a hash.

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: ScryptCost) => Promise<Buffer>;

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * A quarter of Node's default cost (N = 2^14): still memory-hard (4 MiB a hash), ~15 ms of CPU instead
 * of ~60, so a burst of test-user imports keeps up. The users of a local tenant are test users, and
 * the state file that holds the hashes is readable by its owner only. Hashes record their cost.
 */
const COST: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };
/** Hashes written before the cost was recorded (`scrypt$SALT$HASH`) used Node's default. */
const LEGACY_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };

/** Hashes running at once: at most 2 of libuv's 4 threads, so file system work always has threads left. */
export const HASH_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism()));

let running = 0;
const waiting: Array<() => void> = [];

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next(); // the slot passes to the next waiter
    else running--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await bounded(() => scrypt(password, salt, 32, COST));
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return undefined;
  if (parts.length === 3) return { cost: LEGACY_COST, salt: Buffer.from(parts[1] ?? '', 'base64'), hash: Buffer.from(parts[2] ?? '', 'base64') };
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Only costs this tenant could have written: a state file edited by hand must not make a login hash for minutes.
  if (parts.length !== 6 || ![2 ** 12, 2 ** 14].includes(N) || r !== 8 || p !== 1) return undefined;
  return { cost: { N, r, p }, salt: Buffer.from(parts[4] ?? '', 'base64'), hash: Buffer.from(parts[5] ?? '', 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length < 16 || parsed.hash.length > 64) return false;
  const { cost, salt, hash } = parsed;
  const actual = await bounded(() => scrypt(password, salt, hash.length, cost));
  return timingSafeEqual(actual, hash);
}

/** Hashes waiting for a slot (tests and benchmarks observe the queue). */
export const pendingHashes = (): number => waiting.length;
