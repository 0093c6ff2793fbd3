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
  const text = readInputFile(file, limit);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (cause) {
    const msg = errorMessage(cause);
    const at = /position (\d+)/.exec(msg);
    const loc = at?.[1] ? position(text, Number(at[1])) : undefined;
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
