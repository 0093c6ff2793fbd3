import fs from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ClaimkitError, type ClaimkitErrorCode } from '../errors.ts';

export interface YamlFile {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/** Reads and parses a YAML file, keeping positions so later errors can name file:line:column. */
export function readYamlFile(file: string, code: ClaimkitErrorCode = 'ERR_YAML_INVALID'): YamlFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ClaimkitError('ERR_FILE_NOT_FOUND', `Cannot read ${file}: it does not exist or is not readable.`, { cause });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    throw new ClaimkitError(code, `Invalid YAML: ${first.message.split('\n')[0]}. Fix the syntax at this position.`, {
      location: { file, line: pos.line, column: pos.col },
    });
  }
  return { file, doc, lines };
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
