// Writing a pulled project into its folder without ever leaving it half-written or overwriting a project
// unasked: the files are staged under the folder's .claimkit/ (same file system), checked there, then
// renamed into place; what they replace is set aside first and put back if anything fails. Files with
// the same contents are no change, so pulling twice needs no --force.
import fs from 'node:fs';
import path from 'node:path';
import { actionSources } from '../build/project.ts';
import { ClaimkitError, errorMessage } from '../errors.ts';

export interface WritePlan {
  created: string[];
  changed: string[];
  unchanged: string[];
  /** Action sources in actions/ the pull does not write: they would fail `claimkit check`. */
  removed: string[];
}

function existing(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** What writing `files` (and `ifAbsent` where missing) into `out` would do. */
export function planWrite(out: string, files: ReadonlyMap<string, string>, ifAbsent: ReadonlyMap<string, string>): { plan: WritePlan; toWrite: Map<string, string> } {
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new ClaimkitError('ERR_USAGE', `--out ${out} is a file; give a folder (a new one, or a project to pull into).`);
  const plan: WritePlan = { created: [], changed: [], unchanged: [], removed: [] };
  const toWrite = new Map<string, string>();
  for (const [rel, content] of files) {
    const now = existing(path.join(out, rel));
    if (now === content) plan.unchanged.push(rel);
    else (now === undefined ? plan.created : plan.changed).push(rel);
    if (now !== content) toWrite.set(rel, content);
  }
  for (const [rel, content] of ifAbsent) {
    if (fs.existsSync(path.join(out, rel))) continue;
    plan.created.push(rel);
    toWrite.set(rel, content);
  }
  for (const file of actionSources(out).values()) {
    const rel = path.relative(out, file).split(path.sep).join('/');
    if (!files.has(rel)) plan.removed.push(rel);
  }
  return { plan, toWrite };
}

const listed = (files: readonly string[]) => (files.length <= 8 ? files.join(', ') : `${files.slice(0, 8).join(', ')} and ${files.length - 8} more`);

/** Refuses to replace or remove anything unless `force`, saying exactly what would go. */
export function refuseOverwrite(out: string, plan: WritePlan, force: boolean): void {
  if (force || (plan.changed.length === 0 && plan.removed.length === 0)) return;
  const parts = [...(plan.changed.length > 0 ? [`overwrite ${listed(plan.changed)}`] : []), ...(plan.removed.length > 0 ? [`remove ${listed(plan.removed)} (Actions the pull does not hold, which claimkit check would refuse)`] : [])];
  throw new ClaimkitError('ERR_PULL_OVERWRITE', `${out} already holds a project: the pull would ${parts.join(' and ')}. Nothing was written. Pull into a new folder with --out DIR, or pass --force to replace them.`);
}

/** A staging folder for the files, inside `out` (created if needed); removed by `commit` or `discard`. */
export function stage(out: string, toWrite: ReadonlyMap<string, string>): string {
  fs.mkdirSync(path.join(out, '.claimkit'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(out, '.claimkit', 'pull-'));
  for (const [rel, content] of toWrite) {
    const file = path.join(dir, 'files', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export const stagedFiles = (staging: string) => path.join(staging, 'files');

export function discard(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}

/** Moves the staged files into `out` and removes `plan.removed`; all or nothing. */
export function commit(out: string, staging: string, toWrite: ReadonlyMap<string, string>, plan: WritePlan): void {
  const aside = path.join(staging, 'previous');
  const setAside: string[] = [];
  const placed: string[] = [];
  /** Folders made in `out` for new files (the first new one of each path): removed again on failure. */
  const made: string[] = [];
  try {
    for (const rel of [...plan.changed.filter((r) => toWrite.has(r)), ...plan.removed]) {
      fs.mkdirSync(path.dirname(path.join(aside, rel)), { recursive: true });
      fs.renameSync(path.join(out, rel), path.join(aside, rel));
      setAside.push(rel);
    }
    for (const rel of toWrite.keys()) {
      const first = fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
      if (first !== undefined) made.push(first);
      fs.renameSync(path.join(stagedFiles(staging), rel), path.join(out, rel));
      placed.push(rel);
    }
  } catch (cause) {
    for (const rel of placed) fs.rmSync(path.join(out, rel), { force: true });
    for (const rel of setAside) fs.renameSync(path.join(aside, rel), path.join(out, rel));
    for (const dir of made.reverse()) fs.rmSync(dir, { recursive: true, force: true });
    throw new ClaimkitError('ERR_USAGE', `Could not write the project into ${out} (${errorMessage(cause)}); the folder is as it was before the pull.`, { cause });
  } finally {
    discard(staging);
  }
}
