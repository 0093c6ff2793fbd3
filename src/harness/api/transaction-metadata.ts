import { setOwn } from '../clone.ts';
import { typeName } from './checks.ts';
import { invalidArgument } from './errors.ts';

// Auth0's limits for transaction metadata (docs, Actions Limitations, "Transaction metadata"): keys at most
// 64 characters, values string / number / boolean of at most 8 KB, no unsafe integers, at most 16 KB in
// all. Sizes are UTF-8 bytes of the JSON Auth0 stores.
const MAX_KEY_LENGTH = 64;
const MAX_VALUE_BYTES = 8 * 1024;
const MAX_TOTAL_BYTES = 16 * 1024;

type Metadata = Record<string, string | number | boolean>;

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function checkValue(key: string, value: unknown): void {
  const where = `transaction.setMetadata("${key}")`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidArgument(`${where}: the value must be a finite number, got ${value}.`);
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw invalidArgument(`${where}: ${value} is not a safe integer; Auth0 refuses it. Store it as a string.`);
    }
    return;
  }
  if (typeof value === 'boolean') return;
  if (typeof value !== 'string') {
    throw invalidArgument(`${where}: the value must be a string, a number, a boolean or null; got ${typeName(value)}. Store objects with JSON.stringify.`);
  }
  const size = Buffer.byteLength(value, 'utf8');
  if (size > MAX_VALUE_BYTES) throw invalidArgument(`${where}: the value is ${size} bytes; Auth0 allows ${MAX_VALUE_BYTES}.`);
}

/** The metadata after `setMetadata(key, value)`, checked against Auth0's limits (null deletes the key). */
export function nextTransactionMetadata(current: Metadata, key: unknown, value: unknown): Metadata {
  if (typeof key !== 'string' || key.length === 0) {
    throw invalidArgument(`transaction.setMetadata: the key must be a non-empty string, got ${typeName(key)}.`);
  }
  if (key.length > MAX_KEY_LENGTH) throw invalidArgument(`transaction.setMetadata: the key is ${key.length} characters; Auth0 allows ${MAX_KEY_LENGTH}.`);
  const next: Metadata = { ...current };
  if (value === null) {
    delete next[key];
    return next;
  }
  checkValue(key, value);
  setOwn(next, key, value);
  const total = bytes(next);
  if (total > MAX_TOTAL_BYTES) {
    throw invalidArgument(`transaction.setMetadata("${key}"): the transaction metadata would be ${total} bytes; Auth0 allows ${MAX_TOTAL_BYTES} in all.`);
  }
  return next;
}
