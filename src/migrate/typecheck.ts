// A migrated Action type-checked with the project's own TypeScript and tsconfig: what does not type-check
// is marked in the Action (a TODO comment above the line) and listed, so a human knows exactly where.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Finding } from './findings.ts';

export interface TypeCheck {
  /** False when the project has no TypeScript to check with. */
  checked: boolean;
  errors: Finding[];
}

const STRICT = { strict: true, noUncheckedIndexedAccess: true, target: 'es2022', module: 'preserve', moduleResolution: 'bundler', allowImportingTsExtensions: true, skipLibCheck: true, noEmit: true };

/** tsc's `file(line,col): error TSnnnn: message` lines, with their continuation lines, for one file. */
function errorsFor(output: string, file: string, cwd: string): Finding[] {
  const out: Finding[] = [];
  for (const line of output.split('\n')) {
    const open = line.indexOf('(');
    const close = line.indexOf('): error ');
    if (open > 0 && close > open && path.resolve(cwd, line.slice(0, open)) === file) {
      const [l] = line.slice(open + 1, close).split(',');
      out.push({ line: Number(l), message: line.slice(close + 3) });
    } else if (line.startsWith('error TS')) {
      // Not about a line (a missing type library…): the check could not be trusted, say so.
      out.push({ line: 0, message: line });
    } else if (line.startsWith('  ') && out.length > 0) {
      (out[out.length - 1] as Finding).message += ` ${line.trim()}`;
    }
  }
  return out;
}

/**
 * Type-checks `code` as if it were at `file` (its imports resolve from there), with the project's
 * tsconfig.json when it has one (else strict defaults). Nothing is left in the project.
 */
export function typeCheckAction(code: string, file: string, root: string): TypeCheck {
  let tsc: string;
  try {
    // The package's exports hide bin/: find it from package.json's "bin".
    const manifest = createRequire(path.join(root, 'package.json')).resolve('typescript/package.json');
    const bin = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin?: { tsc?: string } }).bin?.tsc ?? './bin/tsc';
    tsc = path.join(path.dirname(manifest), bin);
    if (!fs.existsSync(tsc)) return { checked: false, errors: [] };
  } catch {
    return { checked: false, errors: [] };
  }
  // Beside the real file, so that relative imports and the project's paths resolve the same way.
  const parent = path.dirname(file);
  const made = fs.existsSync(parent) ? undefined : fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, '.claimkit-check-'));
  try {
    const copy = path.join(dir, '..', `${path.basename(dir)}-${path.basename(file)}`);
    fs.writeFileSync(copy, code);
    const base = path.join(root, 'tsconfig.json');
    // Type libraries come from the project, wherever the Action is written.
    const typeRoots = [path.join(root, 'node_modules', '@types')];
    const config = fs.existsSync(base) ? { extends: base, files: [copy], include: [], compilerOptions: { noEmit: true, typeRoots } } : { files: [copy], compilerOptions: { ...STRICT, typeRoots, types: ['node'] } };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
    try {
      const r = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      return { checked: true, errors: errorsFor(`${r.stdout}\n${r.stderr}`, copy, root) };
    } finally {
      fs.rmSync(copy, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (made !== undefined && fs.readdirSync(made).length === 0) fs.rmSync(made, { recursive: true });
  }
}

/** The Action with a `// TODO(claimkit): type error …` line above each line that does not type-check; errors renumbered to the result. */
export function markTypeErrors(code: string, errors: readonly Finding[]): { code: string; errors: Finding[] } {
  const lines = code.split('\n');
  const byLine = new Map<number, string[]>();
  for (const e of errors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e.message]);
  const out: string[] = [];
  const renumbered: Finding[] = [];
  lines.forEach((text, i) => {
    const messages = byLine.get(i + 1) ?? [];
    const indent = text.slice(0, text.length - text.trimStart().length);
    for (const m of messages) out.push(`${indent}// TODO(claimkit): does not type-check: ${m}`);
    for (const m of messages) renumbered.push({ line: out.length + 1, message: m });
    out.push(text);
  });
  return { code: out.join('\n'), errors: renumbered };
}
