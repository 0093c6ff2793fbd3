import fs from 'node:fs';
import { ClaimkitError } from '../errors.ts';
import type { InputLimit } from './input-limits.ts';

/**
 * Reads a text file of at most `limit.maxBytes`. Reads at most one byte more than the limit, so a huge
 * file, a device (/dev/zero) or a pipe never fills memory.
 */
export function readInputFile(file: string, limit: InputLimit): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (cause) {
    throw new ClaimkitError('ERR_FILE_NOT_FOUND', `Cannot read ${file}: it does not exist or is not readable.`, { cause });
  }
  try {
    if (fs.fstatSync(fd).isDirectory()) {
      throw new ClaimkitError('ERR_FILE_NOT_FOUND', `Cannot read ${file}: it is a directory, not a file.`, { location: { file } });
    }
    const buffer = Buffer.alloc(limit.maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit.maxBytes) {
      throw new ClaimkitError(
        'ERR_INPUT_TOO_LARGE',
        `${limit.what} is larger than ${limit.maxBytes} bytes, the most claimkit reads. Check that this is the right file, and make it smaller.`,
        { location: { file } },
      );
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Where `text` (read from `file` as UTF-8) holds bytes that are not UTF-8: the line of the first, and
 * the decoder's error. Undefined for UTF-8 text, a U+FFFD written as such included.
 */
export function notUtf8(file: string, text: string): { line: number; cause: unknown } | undefined {
  if (!text.includes('\uFFFD')) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
    return undefined;
  } catch (cause) {
    return { line: text.slice(0, text.indexOf('\uFFFD')).split('\n').length, cause };
  }
}
