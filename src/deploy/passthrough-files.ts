// The files auth0-deploy-cli reads for the sections claimkit passes to it (an email template's body, a
// page's html, a Rule's script…): it reads whatever path it is given — it only warns when the path leaves
// the config folder — and sends the file's content to the tenant. A tenant.yaml naming
// `../../proc/self/environ` would put the deploy's own credentials into an email template, and a missing
// file stops auth0-deploy-cli after claimkit's own writes. So each one must be a regular file inside
// tenant.yaml's folder, checked before any write (and by `claimkit check`, at its line).
import fs from 'node:fs';
import path from 'node:path';
import { keywordsIn, replaceKeywords, type KeywordMappings } from '../claims/keywords.ts';
import { ClaimkitError } from '../errors.ts';
import { INPUT_LIMITS } from '../project/input-limits.ts';
import { readInputFile } from '../project/read-input.ts';
import type { DesiredTenant } from './desired.ts';
import { fileRefs, PASSTHROUGH_FILE_FIELDS } from './file-fields.ts';

export interface FileProblem {
  /** Where in tenant.yaml: [section, index, field…]. */
  path: Array<string | number>;
  message: string;
}

function inside(root: string, full: string): boolean {
  return full.startsWith(root + path.sep);
}

/** Why `file` (relative to `rootDir`) is not a regular file inside it, or undefined when it is. */
export function fileProblem(rootDir: string, file: string): string | undefined {
  const normalized = file.replace(/\\/g, '/');
  if (normalized === '' || path.isAbsolute(normalized) || /^[A-Za-z]:/.test(normalized)) return `"${file}" must be a path relative to tenant.yaml's folder, inside it`;
  const root = fs.realpathSync(rootDir);
  const full = path.resolve(root, normalized);
  if (!inside(root, full)) return `"${file}" leads out of tenant.yaml's folder`;
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(full);
  } catch {
    return `"${file}" does not exist (auth0-deploy-cli would stop on it halfway through the deploy)`;
  }
  if (stat.isSymbolicLink()) return `"${file}" is a symbolic link, which could point anywhere`;
  if (!stat.isFile()) return `"${file}" is not a regular file`;
  // A folder on the way may itself be a link out of the project.
  if (!inside(root, fs.realpathSync(full))) return `"${file}" leads out of tenant.yaml's folder through a symbolic link`;
  return undefined;
}

/**
 * The text of a file tenant.yaml names (relative to `rootDir`), as auth0-deploy-cli sends it: keywords
 * replaced, read within the limit tenant.yaml itself has. `what` names it in the error past that limit.
 */
export function namedFileText(rootDir: string, file: string, what: string, mappings: KeywordMappings): string {
  return replaceKeywords(readInputFile(path.resolve(rootDir, file), { what, maxBytes: INPUT_LIMITS.tenantYaml.maxBytes }), mappings);
}

/**
 * The problems with the files `sections` (tenant.yaml's top level) names for auth0-deploy-cli. With
 * `beforeKeywords` (`claimkit check`), paths that hold a keyword are left for the deploy, which checks
 * them once replaced.
 */
export function passthroughFileProblems(sections: Readonly<Record<string, unknown>>, root: string, beforeKeywords = false): FileProblem[] {
  const out: FileProblem[] = [];
  for (const section of new Set(PASSTHROUGH_FILE_FIELDS.map((f) => f.section))) {
    if (!Object.hasOwn(sections, section)) continue;
    for (const ref of fileRefs(section, sections[section])) {
      if (typeof ref.file !== 'string') {
        out.push({ path: ref.path, message: `must be the path of a file (relative to tenant.yaml), not ${JSON.stringify(ref.file)}.` });
        continue;
      }
      if (beforeKeywords && keywordsIn(ref.file).length > 0) continue;
      const problem = fileProblem(root, ref.file);
      if (problem) out.push({ path: ref.path, message: `${problem}: auth0-deploy-cli reads this file and sends its content to the tenant. Name a file inside the project (such as ./emails/verify_email.html).` });
    }
  }
  return out;
}

/** Before any write of a deploy: the files of the passed-through sections, keywords replaced. */
export function checkPassthroughFiles(desired: DesiredTenant, root: string): void {
  const problems = passthroughFileProblems(desired.passthrough, root);
  if (problems.length === 0) return;
  throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `tenant.yaml names files auth0-deploy-cli must not read, so nothing was sent:\n${problems.map((p) => `  - ${p.path.join('.')}: ${p.message}`).join('\n')}`);
}
