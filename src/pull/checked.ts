// The pulled Actions held to the type-checker (typecheck.ts) before anything is written: they are put in
// a temporary folder, checked together, and each one tsc finds problems in keeps its JSDoc types but
// trades `// @ts-check` for a line saying what tsc found, so that the project type-checks as a whole.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PulledActionFile } from './action-files.ts';
import { note, type PullNote } from './model.ts';
import { TS_CHECK } from './readable.ts';
import { typecheckActions } from './typecheck.ts';

export interface CheckedAction extends PulledActionFile {
  /** Whether the file keeps `// @ts-check` (tsc passed it). */
  checked: boolean;
}

function uncheck(code: string, why: string): string {
  const top = code.startsWith('#!') ? code.indexOf('\n') + 1 : 0;
  if (!code.startsWith(TS_CHECK, top)) return code;
  const line = `// Not type-checked yet: ${why.replace(/\s+/g, ' ')}. Fix that, then make this line ${TS_CHECK}.`;
  return code.slice(0, top) + line + code.slice(top + TS_CHECK.length);
}

/** `files` with each Action file decided; notes say which Actions are not checked and why. */
export function typecheckPulled(files: Map<string, string>, actions: readonly PulledActionFile[], notes: PullNote[]): CheckedAction[] {
  if (actions.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimkit-pull-check-'));
  try {
    for (const [rel, content] of files) {
      if (!rel.startsWith('actions/')) continue;
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    }
    const result = typecheckActions(dir);
    return actions.map((a) => {
      const problems = 'problems' in result ? (result.problems.get(path.basename(a.file)) ?? []) : undefined;
      if (problems !== undefined && problems.length === 0) return { ...a, checked: true };
      const first = problems?.[0];
      const why = problems === undefined ? ('failed' in result ? result.failed : 'tsc did not run') : `tsc finds ${problems.length} problem(s), the first on line ${first?.line ?? 0}: ${first?.message ?? ''}`;
      const code = uncheck(files.get(a.file) ?? a.code, why);
      files.set(a.file, code);
      notes.push(note('attention', `action ${a.name}`, `actions/${a.name}.js is not type-checked yet: ${why}.`));
      return { ...a, code, checked: false };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
