// Which pulled Actions type-check. Each is written with `// @ts-check` and JSDoc types; tsc (the
// toolkit's own, with the toolkit's tsconfig: strict) checks them all at once where they are staged, and
// an Action it finds problems in loses `// @ts-check` for a comment saying what tsc found. So a pulled
// project always passes `npm run typecheck`, and says which Actions are not checked yet and why.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The claimkit checkout: its tsconfig.json maps `@auth0/actions/*` to claimkit's types. */
export const TOOLKIT_ROOT = path.resolve(__dirname, '../..');

export interface TypeProblem {
  line: number;
  message: string;
}

/** The tsc of the toolkit's typescript package, or undefined when it is not installed. */
function tscBin(): string | undefined {
  try {
    const pkg = require.resolve('typescript/package.json', { paths: [TOOLKIT_ROOT] });
    const bin = path.join(path.dirname(pkg), 'bin', 'tsc');
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/**
 * Type-checks the `.js` files under `dir`/actions with the toolkit's compiler options: per file name,
 * the problems found (a file with none passes), or why tsc could not check them at all.
 */
export function typecheckActions(dir: string): { problems: Map<string, TypeProblem[]> } | { failed: string } {
  const bin = tscBin();
  if (bin === undefined) return { failed: 'TypeScript is not installed here (npm ci installs it)' };
  const config = path.join(dir, '.claimkit-pull-tsconfig.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(TOOLKIT_ROOT, 'tsconfig.json'),
      compilerOptions: { typeRoots: [path.join(TOOLKIT_ROOT, 'node_modules/@types')], types: ['node'], noEmit: true },
      include: ['actions/*.js', 'actions/*.d.ts'],
      exclude: [],
    }),
  );
  try {
    const run = spawnSync(process.execPath, [bin, '-p', config, '--pretty', 'false'], { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    const out = new Map<string, TypeProblem[]>();
    for (const line of `${run.stdout ?? ''}`.split('\n')) {
      const m = LINE.exec(line.trim());
      if (!m) continue;
      const file = path.basename(m[1] as string);
      out.set(file, [...(out.get(file) ?? []), { line: Number(m[2]), message: `${m[5] as string} [${m[4] as string}]` }]);
    }
    if (run.status !== 0 && out.size === 0) return { failed: `tsc did not run (${(run.error?.message ?? `${run.stdout ?? ''}${run.stderr ?? ''}`).trim().split('\n')[0] || `exit ${String(run.status)}`})` };
    return { problems: out };
  } finally {
    fs.rmSync(config, { force: true });
  }
}
