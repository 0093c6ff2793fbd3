import { LineCounter, parseDocument } from 'yaml';
import { ClaimkitError, errorMessage, type Location } from '../errors.ts';
import type { InputLimit } from './input-limits.ts';
import { describeShapeProblem, shapeProblem } from './input-shape.ts';
import { readInputFile } from './read-input.ts';
import { locate, locateKey } from './yaml-file.ts';

export interface JsonFile {
  file: string;
  text: string;
  value: unknown;
}

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

const positionIn = (msg: string): number | undefined => {
  const at = /position (\d+)/.exec(msg);
  return at?.[1] === undefined ? undefined : Number(at[1]);
};

/** Whether JSON.parse fails on `prefix` before its end: only a prefix holding the bad character does. */
function failsInside(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (err) {
    const msg = errorMessage(err);
    if (/Unexpected end of JSON input/.test(msg)) return false;
    const at = positionIn(msg);
    return at === undefined || at < prefix.length;
  }
}

/**
 * The offset JSON.parse stopped at. Node 20 names it for most errors but not for an unexpected token
 * ("Unexpected token '}', … is not valid JSON") nor the end of the input: the first then comes from
 * the shortest prefix that fails before its end (a binary search, a few parses), the second is the end.
 */
function errorOffset(text: string, msg: string): number | undefined {
  const at = positionIn(msg);
  if (at !== undefined) return at;
  if (/Unexpected end of JSON input/.test(msg)) return text.length;
  if (!failsInside(text)) return undefined;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failsInside(text.slice(0, mid + 1))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * file:line:column of values (or, with `key`, keys) by path in a JSON file. Only used to report errors:
 * JSON is YAML, so the yaml parser (run once per locator) gives the positions JSON.parse does not.
 */
export function jsonLocator(json: JsonFile): (path: ReadonlyArray<string | number>, key?: boolean) => Location {
  const lines = new LineCounter();
  const doc = parseDocument(json.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) return () => ({ file: json.file });
  const y = { file: json.file, doc, lines, data: json.value };
  return (path, key = false) => (key ? locateKey(y, path) : locate(y, path));
}

/**
 * Reads a JSON file of at most `limit.maxBytes`; a missing file, bad JSON, nesting deeper than
 * MAX_INPUT_DEPTH or a prototype key (`__proto__`, `constructor`, `prototype`) is a ClaimkitError naming file:line:column.
 */
export function readJsonFile(file: string, limit: InputLimit): JsonFile {
  // A UTF-8 byte order mark (Windows editors write one) is not JSON, and invisible in the error JSON.parse gives.
  const text = readInputFile(file, limit).replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (cause) {
    const msg = errorMessage(cause);
    const offset = errorOffset(text, msg);
    const loc = offset === undefined ? undefined : position(text, offset);
    throw new ClaimkitError('ERR_JSON_INVALID', `Invalid JSON: ${msg}. Fix the file and run again.`, {
      cause,
      location: loc ? { file, ...loc } : { file },
    });
  }
  const json = { file, text, value };
  const problem = shapeProblem(value);
  if (problem) {
    const tooDeep = problem.kind === 'too-deep';
    throw new ClaimkitError(tooDeep ? 'ERR_INPUT_TOO_LARGE' : 'ERR_INPUT_UNSAFE_KEY', describeShapeProblem(problem), {
      location: jsonLocator(json)(problem.path, !tooDeep),
    });
  }
  return json;
}
