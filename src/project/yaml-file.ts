import { isAlias, isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { ClaimkitError, errorMessage, type ClaimkitErrorCode, type Location } from '../errors.ts';
import { MAX_INPUT_DEPTH, MAX_YAML_ALIASES, type InputLimit } from './input-limits.ts';
import { describeShapeProblem, shapeProblem } from './input-shape.ts';
import { readInputFile } from './read-input.ts';
import { offsetPastNesting } from './yaml-depth.ts';

export interface YamlFile {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** The document as plain data (aliases expanded within MAX_YAML_ALIASES); checked for depth and unsafe keys. */
  data: unknown;
}

function at(file: string, lines: LineCounter, offset: number | undefined): Location {
  if (offset === undefined) return { file };
  const pos = lines.linePos(offset);
  return { file, line: pos.line, column: pos.col };
}

/** The position of the first alias (`*name`) in the document: where an alias bomb starts expanding. */
function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = isAlias(node) ? node.range?.[0] : undefined;
      return visit.BREAK;
    },
  });
  return offset;
}

/** The document as plain data, with the yaml library's own limit on alias expansion. */
function toData(y: Omit<YamlFile, 'data'>): unknown {
  try {
    return y.doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (cause) {
    // yaml throws a ReferenceError for "excessive alias count" (a billion-laughs document).
    throw new ClaimkitError(
      'ERR_INPUT_TOO_LARGE',
      `The YAML aliases (*name) expand to too much data (${errorMessage(cause)}; at most ${MAX_YAML_ALIASES} alias expansions). Write the values out instead of nesting aliases.`,
      { cause, location: at(y.file, y.lines, firstAlias(y.doc)) },
    );
  }
}

/**
 * Reads and parses a YAML file, keeping positions so later errors can name file:line:column. Bounded:
 * at most `limit.maxBytes`, at most MAX_YAML_ALIASES alias expansions, MAX_INPUT_DEPTH levels deep, and
 * no `__proto__` / `constructor` / `prototype` keys.
 */
export function readYamlFile(file: string, code: ClaimkitErrorCode, limit: InputLimit): YamlFile {
  return parseYamlText(readInputFile(file, limit), file, code, limit);
}

/** readYamlFile on text already read (within `limit`): the same bounds and errors, naming `file`. */
export function parseYamlText(text: string, file: string, code: ClaimkitErrorCode, limit: InputLimit): YamlFile {
  const lines = new LineCounter();
  // Nesting is bounded before parsing: on deep documents the parser slows down sharply and the composer
  // recurses until the stack runs out (which can abort the process rather than throw).
  const deep = offsetPastNesting(text, 2 * MAX_INPUT_DEPTH);
  if (deep !== undefined) {
    const before = text.slice(0, deep).split('\n');
    throw new ClaimkitError('ERR_INPUT_TOO_LARGE', `${limit.what} nests too deeply here (claimkit accepts ${MAX_INPUT_DEPTH} levels). Flatten it.`, {
      location: { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 },
    });
  }
  // prettyErrors stays off: on very deep documents the library's pretty printer itself runs out of memory.
  // Merge keys (`<<: *defaults`) are merged, as auth0-deploy-cli's YAML parser (js-yaml) merges them.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const first = doc.errors[0];
  if (first) {
    const tooDeep = first.code === 'RESOURCE_EXHAUSTION';
    throw new ClaimkitError(
      tooDeep ? 'ERR_INPUT_TOO_LARGE' : code,
      tooDeep
        ? `${limit.what} is nested too deeply to read (${first.message.split('\n')[0]}). Flatten it.`
        : `Invalid YAML: ${first.message.split('\n')[0]}. Fix the syntax at this position.`,
      { location: at(file, lines, first.pos[0]) },
    );
  }
  const y = { file, doc, lines };
  const data = toData(y);
  const problem = shapeProblem(data);
  if (problem) {
    const location = problem.kind === 'forbidden-key' ? locateKey({ ...y, data }, problem.path) : locate({ ...y, data }, problem.path);
    throw new ClaimkitError(problem.kind === 'too-deep' ? 'ERR_INPUT_TOO_LARGE' : 'ERR_INPUT_UNSAFE_KEY', describeShapeProblem(problem), { location });
  }
  return { ...y, data };
}

/** file:line:column of the KEY at `path` (for "unknown key" errors), falling back to its value. */
export function locateKey(y: YamlFile, path: ReadonlyArray<string | number>): { file: string; line?: number; column?: number } {
  const parent = y.doc.getIn(path.slice(0, -1), true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (range) {
      const pos = y.lines.linePos(range[0]);
      return { file: y.file, line: pos.line, column: pos.col };
    }
  }
  return locate(y, path);
}

/** file:line:column of the node at `path` in the document (or the file alone when it has no position). */
export function locate(y: YamlFile, path: ReadonlyArray<string | number>): { file: string; line?: number; column?: number } {
  for (let p = path.length; p >= 0; p--) {
    const node = y.doc.getIn(path.slice(0, p), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) {
      const pos = y.lines.linePos(node.range[0]);
      return { file: y.file, line: pos.line, column: pos.col };
    }
  }
  return { file: y.file };
}
