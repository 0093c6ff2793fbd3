// The small files around a pulled project: .env.example (what a deploy needs that a pull cannot know),
// the npm packages' module declarations, and, for a new folder, tsconfig.json and .gitignore.
import path from 'node:path';
import { keywordsIn } from '../claims/keywords.ts';
import type { YamlItem } from '../deploy/resources/contract.ts';
import { isRecord } from '../lib/records.ts';
import { secretEnvName } from '../project/secrets.ts';
import type { Keyword } from './keywords.ts';
import { TOOLKIT_ROOT } from './typecheck.ts';

const listOf = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);

export function envExample(input: { actions: readonly YamlItem[]; keywords: readonly Keyword[]; needed: readonly string[]; texts: readonly string[] }): string {
  const given = new Set(input.keywords.map((k) => k.name));
  const used = new Set(input.texts.flatMap((t) => keywordsIn(t)));
  const known = input.keywords.filter((k) => used.has(k.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  const unknown = [...new Set([...input.needed, ...used])].filter((k) => !given.has(k)).sort();
  const lines = [
    '# What a deploy of this project needs that claimkit pull does not write into tenant.yaml. Copy this',
    '# file to .env (or .env.<name> for `--env <name>`), fill in the values, and never commit the copy.',
    '',
    '# The tenant (a machine-to-machine application authorised for the Management API).',
    'AUTH0_DOMAIN=',
    'AUTH0_CLIENT_ID=',
    'AUTH0_CLIENT_SECRET=',
    '',
    '# Keyword values (##NAME## and @@NAME@@ in tenant.yaml and the Actions), as auth0-deploy-cli reads them.',
    ...(unknown.length > 0 ? [`# Add these too: their values never leave the tenant: ${unknown.join(', ')}.`] : []),
    `AUTH0_KEYWORD_REPLACE_MAPPINGS='${JSON.stringify(Object.fromEntries(known.map((k) => [k.name, k.value])))}'`,
  ];
  const secrets = input.actions.flatMap((a) => listOf(a['secrets']).map((s) => secretEnvName(String(a['name']), String(s['name']))));
  if (secrets.length > 0) {
    lines.push('', "# The Actions' secrets (names only: Auth0 never returns their values). <ACTION>__<NAME> is one Action's own.", ...secrets.sort().map((s) => `${s}=`));
  }
  return `${lines.join('\n')}\n`;
}

/** Module declarations for the npm packages the Actions declare (installed by claimkit, not in node_modules). */
export function npmDependencyTypes(actions: readonly YamlItem[]): string | undefined {
  const names = [...new Set(actions.flatMap((a) => listOf(a['dependencies']).map((d) => String(d['name']))))].filter((n) => n !== '').sort();
  if (names.length === 0) return undefined;
  return [
    "// The npm packages the Actions declare in tenant.yaml: claimkit installs them at their versions when an",
    "// Action runs, so they are not in node_modules. Typed as `any` here; add a package's own types (a",
    '// devDependency or @types/…) to have it checked.',
    ...names.map((n) => `declare module ${JSON.stringify(n)};`),
    '',
  ].join('\n');
}

/** Every check `strict` turns on, named one by one (see tsconfigFor). */
const STRICT_CHECKS = ['noImplicitAny', 'strictNullChecks', 'strictFunctionTypes', 'strictBindCallApply', 'strictPropertyInitialization', 'strictBuiltinIteratorReturn', 'noImplicitThis', 'useUnknownInCatchVariables'];

/**
 * A tsconfig.json for a project folder outside the claimkit checkout: the toolkit's settings and types.
 * `strict` itself is off, every check it stands for on: esbuild reads `strict` as "add \"use strict\""
 * to each bundle, which would change what a pulled sloppy-mode Action does (the tenant runs it without).
 */
export function tsconfigFor(out: string): string {
  const rel = (p: string) => path.relative(out, path.join(TOOLKIT_ROOT, p)).split(path.sep).join('/');
  const options = { strict: false, ...Object.fromEntries(STRICT_CHECKS.map((c) => [c, true])), typeRoots: [rel('node_modules/@types')], types: ['node'] };
  const body = JSON.stringify({ extends: rel('tsconfig.json'), compilerOptions: options, include: ['actions'], exclude: [] }, null, 2);
  return `// Written by claimkit pull. "strict": false only keeps esbuild from adding "use strict" to the bundles of\n// pulled Actions (the tenant runs them without it); every check strict stands for is on, one by one.\n${body}\n`;
}

export function gitignore(): string {
  return ['# Written by claimkit pull: bundles, local state and secrets stay out of git.', 'dist/', '.claimkit/', 'node_modules/', '.env', '.env.*', '!.env.example', ''].join('\n');
}
