// What a change touches: which Actions to re-test, and which test files test them.
import fs from 'node:fs';
import path from 'node:path';
import type { BuiltAction } from '../build/build.ts';

/** Actions whose bundle includes one of the changed files; tenant.yaml touches them all. */
export function affectedActions(changed: readonly string[], actions: readonly BuiltAction[]): string[] {
  if (changed.some((f) => path.basename(f) === 'tenant.yaml')) return actions.map((a) => a.name);
  // claims.yaml is embedded through a plugin, so esbuild lists it among the inputs like any import.
  return actions.filter((a) => a.inputs.some((i) => changed.includes(i))).map((a) => a.name);
}

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') walk(p, out);
    } else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The tests of these Actions: files that import an Action's module (from anywhere under test/), and the
 * files under test/actions/ that name it. Tests of claimkit itself that merely pass a path are left out.
 */
export function testsFor(actions: readonly string[], testDir: string): string[] {
  if (actions.length === 0) return [];
  const imports = actions.map((a) => new RegExp(`(from\\s+|require\\(\\s*|import\\(\\s*)['"][^'"]*actions/${escape(a)}(\\.ts|\\.js)?['"]`));
  const names = actions.map((a) => new RegExp(`['"/]${escape(a)}(\\.ts|\\.js)?['"]`));
  const actionTests = path.join(testDir, 'actions') + path.sep;
  return walk(testDir).filter((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return imports.some((p) => p.test(text)) || (file.startsWith(actionTests) && names.some((p) => p.test(text)));
  });
}
