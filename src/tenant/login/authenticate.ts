import { createHmac, randomBytes } from 'node:crypto';
import { verifyPassword } from '../auth/passwords.ts';
import type { StoredClient, StoredConnection, StoredUser, TenantData } from '../store/model.ts';
import { connectionDisabled, unknownConnection, userBlocked, wrongCredentials } from './errors.ts';
import { connectionEnabledFor, findConnection, findLoginUser } from './directory.ts';

// Username and password against a database connection. A check that succeeded is remembered in memory
// for CHECK_TTL_MS, under an HMAC (key made at start-up, never written) of the user, the stored hash and
// the password: logging the same test user in again skips scrypt (~15 ms of CPU each), a changed password
// changes the stored hash and misses, and failed attempts are never remembered, so guessing still pays
// scrypt every time.

const CHECK_TTL_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 10_000;
const key = randomBytes(32);
const remembered = new Map<string, number>();

const fingerprint = (user: StoredUser, password: string) =>
  createHmac('sha256', key).update(user.user_id).update('\0').update(user.password_hash ?? '').update('\0').update(password).digest('base64url');

async function passwordMatches(user: StoredUser, password: string, now: number): Promise<boolean> {
  if (!user.password_hash) return false;
  const print = fingerprint(user, password);
  const until = remembered.get(print);
  if (until !== undefined && until > now) return true;
  if (!(await verifyPassword(password, user.password_hash))) return false;
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(print, now + CHECK_TTL_MS);
  return true;
}

/** The connection a client logs in through, refused when it does not exist or is not enabled for the client. */
export function loginConnection(data: Readonly<TenantData>, name: string, client: StoredClient): StoredConnection {
  const connection = findConnection(data, name);
  if (!connection) throw unknownConnection(name);
  if (!connectionEnabledFor(data, connection, client)) throw connectionDisabled(name);
  return connection;
}

/** The user whose credentials these are on `connection`; Auth0's "Wrong email or password." otherwise. */
export async function checkCredentials(data: Readonly<TenantData>, connection: StoredConnection, username: string, password: string, now: number): Promise<StoredUser> {
  const user = findLoginUser(data, connection.name, username);
  // An unknown user still costs one hash, so timing does not tell which emails exist.
  if (!user) {
    await verifyPassword(password, 'scrypt$4096$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    throw wrongCredentials();
  }
  if (!(await passwordMatches(user, password, now))) throw wrongCredentials();
  if (user['blocked'] === true) throw userBlocked();
  return user;
}
