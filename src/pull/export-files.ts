// Reading an auth0-deploy-cli export, a folder someone else wrote: every file it names stays inside the
// folder (no `..`, no absolute path, no symbolic link out of it), each file and the whole read are
// bounded, and every problem is an ERR_EXPORT_INVALID naming the file and what to do.
import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError, isClaimkitError } from '../errors.ts';
import { INPUT_LIMITS, type InputLimit } from '../project/input-limits.ts';
import { readJsonFile } from '../project/json-file.ts';
import { notUtf8, readInputFile } from '../project/read-input.ts';

const MB = 1024 * 1024;
/** One file of an export (an Action's code, an email template, one JSON resource). */
export const EXPORT_FILE_LIMIT: InputLimit = { what: 'A file of the export', maxBytes: 4 * MB };
/** Everything read from one export. */
export const EXPORT_TOTAL_BYTES = 256 * MB;
/** Files listed in one folder of a directory export (a tenant with hundreds of Actions stays far below). */
export const EXPORT_MAX_ENTRIES = 10_000;

export const invalid = (file: string, message: string, cause?: unknown) =>
  new ClaimkitError('ERR_EXPORT_INVALID', message, { location: { file }, ...(cause === undefined ? {} : { cause }) });

export class ExportFiles {
  private read = 0;
  readonly root: string;

  constructor(root: string) {
    this.root = fs.realpathSync(root);
  }

  /** The absolute path of `rel` (relative to `base`, a folder inside the export), refused when it leaves the export. */
  resolve(rel: string, base = this.root, what = 'A path'): string {
    const normalized = rel.replace(/\\/g, '/');
    if (normalized === '' || path.isAbsolute(normalized) || /^[A-Za-z]:/.test(normalized)) throw invalid(base, `${what} "${rel}" must be a path relative to the export, inside it.`);
    const full = path.resolve(base, normalized);
    if (full !== this.root && !full.startsWith(this.root + path.sep)) throw invalid(base, `${what} "${rel}" leads out of the export (${path.relative(this.root, full)}); claimkit reads only files inside it. Move the file into the export.`);
    return full;
  }

  /** A regular file inside the export, not a symbolic link (which could point anywhere). */
  private checkFile(full: string): void {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(full);
    } catch (cause) {
      throw invalid(full, `${path.relative(this.root, full)} is named by the export but does not exist. Restore it, or remove what names it.`, cause);
    }
    if (stat.isSymbolicLink()) throw invalid(full, `${path.relative(this.root, full)} is a symbolic link; claimkit reads only regular files of an export. Replace it with the file itself.`);
    if (!stat.isFile()) throw invalid(full, `${path.relative(this.root, full)} is not a file.`);
    this.count(stat.size, full);
  }

  private count(bytes: number, full: string): void {
    this.read += bytes;
    if (this.read > EXPORT_TOTAL_BYTES) throw new ClaimkitError('ERR_INPUT_TOO_LARGE', `The export holds more than ${EXPORT_TOTAL_BYTES / MB} MB of files to read; claimkit stops here (${path.relative(this.root, full)}). Check that this is the right folder.`, { location: { file: full } });
  }

  exists(full: string): boolean {
    return fs.existsSync(full);
  }

  isDirectory(full: string): boolean {
    try {
      const stat = fs.lstatSync(full);
      return stat.isDirectory();
    } catch {
      return false;
    }
  }

  /** A text file (code, HTML, a template) at `full`. */
  text(full: string): string {
    this.checkFile(full);
    return this.utf8(full, readInputFile(full, EXPORT_FILE_LIMIT));
  }

  /**
   * `text` as read, refused when the file is not UTF-8: decoded anyway, a Latin-1 "Cliënt" would become
   * "Cli\uFFFDnt", and a deploy would create a client of that name beside the real one.
   */
  private utf8(full: string, text: string): string {
    const bad = notUtf8(full, text);
    if (!bad) return text;
    throw new ClaimkitError('ERR_EXPORT_INVALID', `${path.relative(this.root, full)} is not UTF-8 text (line ${bad.line} holds bytes that are not), and auth0-deploy-cli reads and writes UTF-8. Save the file as UTF-8 and convert again.`, { location: { file: full, line: bad.line }, cause: bad.cause });
  }


  /** A JSON file, within the input limits (size, nesting, no prototype keys); keyword placeholders such as an unquoted @@LIST@@ are kept as strings. */
  json(full: string): unknown {
    this.checkFile(full);
    this.utf8(full, readInputFile(full, EXPORT_FILE_LIMIT));
    try {
      return readJsonFile(full, { ...INPUT_LIMITS.eventJson, what: path.relative(this.root, full) }).value;
    } catch (err) {
      // auth0-deploy-cli allows an unquoted @@LIST@@ in JSON (it quotes them before parsing): so do we.
      if (isClaimkitError(err, 'ERR_JSON_INVALID')) {
        const text = readInputFile(full, EXPORT_FILE_LIMIT);
        const quoted = quoteListKeywords(text);
        if (quoted !== text) {
          try {
            return JSON.parse(quoted) as unknown;
          } catch {
            // the original error says where
          }
        }
      }
      throw err;
    }
  }

  /** The entries of a folder, sorted (so that a conversion does not depend on the file system's order). */
  list(full: string): fs.Dirent[] {
    const entries = fs.readdirSync(full, { withFileTypes: true });
    if (entries.length > EXPORT_MAX_ENTRIES) throw new ClaimkitError('ERR_INPUT_TOO_LARGE', `${path.relative(this.root, full) || 'The export'} holds ${entries.length} entries, more than the ${EXPORT_MAX_ENTRIES} claimkit reads in one folder.`, { location: { file: full } });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  relative(full: string): string {
    return path.relative(this.root, full) || '.';
  }
}

/** `@@NAME@@` written without quotes (a list keyword) quoted, as auth0-deploy-cli does before it parses. */
export function quoteListKeywords(text: string): string {
  return text.replace(/(?<!['"])@@([A-Za-z0-9_]+)@@(?!['"])/g, '"@@$1@@"');
}
