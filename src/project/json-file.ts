import fs from 'node:fs';
import { ClaimkitError, errorMessage } from '../errors.ts';

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Reads a JSON file; a missing file or bad JSON is a ClaimkitError naming file:line:column. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ClaimkitError('ERR_FILE_NOT_FOUND', `Cannot read ${file}: it does not exist or is not readable.`, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const msg = errorMessage(cause);
    const at = /position (\d+)/.exec(msg);
    const loc = at?.[1] ? position(text, Number(at[1])) : undefined;
    throw new ClaimkitError('ERR_JSON_INVALID', `Invalid JSON: ${msg}. Fix the file and run again.`, {
      cause,
      location: loc ? { file, ...loc } : { file },
    });
  }
}
