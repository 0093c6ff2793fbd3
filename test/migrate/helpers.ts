import { transformSync } from 'esbuild';
import path from 'node:path';
import { migrateRule, type Migration } from '../../src/migrate/index.ts';
import type { PostLoginAction } from '../../src/types/index.ts';

export const ROOT = path.resolve(__dirname, '../..');

/** A Rule from its body (or a whole script when it starts with "function"/"async"). */
export function ruleScript(body: string): string {
  return /^\s*(async\s+)?function\b/.test(body) ? body : `function (user, context, callback) {\n${body}\n}\n`;
}

export function migrate(body: string, name = 'sample'): Migration {
  return migrateRule(ruleScript(body), { ruleName: name, ruleFile: path.join(ROOT, 'rules', `${name}.js`), root: ROOT, outFile: path.join(ROOT, 'actions', `${name}.ts`) });
}

/** The migrated Action as a module, compiled the way the build does (types stripped by esbuild). */
export function load(m: Migration): PostLoginAction {
  const { code } = transformSync(m.code, { loader: 'ts', format: 'cjs', target: 'node20' });
  const module = { exports: {} as Record<string, unknown> };
  new Function('exports', 'require', 'module', code)(module.exports, require, module);
  return module.exports as unknown as PostLoginAction;
}

/** The handler's body lines, trimmed, without blank ones: what tests compare. */
export function bodyLines(m: Migration): string[] {
  const start = m.code.indexOf('async (event, api) => {');
  return m.code
    .slice(start + 'async (event, api) => {'.length, m.code.lastIndexOf('};'))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
