import { availableParallelism } from 'node:os';
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

// Database users' passwords, kept as scrypt hashes (`scrypt$SALT$HASH`, base64). Hashing is slow on
// purpose (~50 ms of CPU each) and runs on libuv's thread pool, which file writes share: with
// hundreds of user creates in flight an unbounded number of hashes would queue every state write
// behind them. So at most HASH_CONCURRENCY hashes run at once, the others wait their turn here, and a
// route hashes before it enters the store's write path — other writes never wait for a hash.

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

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
  const hash = await bounded(() => scrypt(password, salt, 32));
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await bounded(() => scrypt(password, Buffer.from(salt, 'base64'), expected.length));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Hashes waiting for a slot (tests and benchmarks observe the queue). */
export const pendingHashes = (): number => waiting.length;
