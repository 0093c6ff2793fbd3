// Checks on each bundle, as a table: each one looks at one Action's bundle and returns findings.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { undeclaredMessage } from '../dependencies/messages.ts';
import { keywordsIn, replaceKeywords, type KeywordMappings } from '../claims/keywords.ts';
import { secretEnvName } from '../project/secrets.ts';
import type { TenantAction } from '../project/tenant-yaml.ts';
import { locate } from '../project/yaml-file.ts';
import { sharedEngine } from '../engine/index.ts';
import { packageOf } from '../engine/executor/require.ts';
import type { Bundle } from './bundle.ts';
import { error, warning, type Finding } from './findings.ts';
import { MAX_ACTION_BYTES, MIN_SECRET_LENGTH, WARN_ACTION_SHARE } from './limits.ts';
import type { Project } from './project.ts';

export interface BundleContext {
  project: Project;
  bundle: Bundle;
  action: TenantAction;
  index: number;
  /** Where the bundle will be written. */
  file: string;
  /** Keywords a deploy will replace (claims.yaml defaults and AUTH0_KEYWORD_REPLACE_MAPPINGS). */
  mappings: KeywordMappings;
  /** Secret values of the project's environment, never to appear in a bundle. */
  secretValues: ReadonlyArray<{ name: string; value: string }>;
  /** The Action's declared packages, installed at their declared versions (ensureDependencies). */
  packages: ReadonlyMap<string, string>;
}

type BundleCheck = (ctx: BundleContext) => Finding[] | Promise<Finding[]>;

const where = (ctx: BundleContext, ...p: Array<string | number>) => locate(ctx.project.tenant.yaml, ['actions', ctx.index, ...p]);

function isNative(dir: string): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { gypfile?: boolean };
    return manifest.gypfile === true || fs.existsSync(path.join(dir, 'binding.gyp'));
  } catch {
    return false;
  }
}

const usedPackages = (ctx: BundleContext) => new Set(ctx.bundle.imports.filter((i) => !isBuiltin(i)).map(packageOf));
const undeclaredIn = (ctx: BundleContext) => [...usedPackages(ctx)].filter((pkg) => !ctx.action.dependencies.some((d) => d.name === pkg));

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

/** Auth0's 100 kB per Action; over it, the npm packages bundled in are named (declare them instead). */
export function sizeFindings(bundle: Pick<Bundle, 'code' | 'npm'>, file: string): Finding[] {
  const bytes = Buffer.byteLength(bundle.code, 'utf8');
  const big = bundle.npm.slice(0, 3).map((p) => `${p.pkg} (${kb(p.bytes)})`);
  const which = big.length > 0 ? ` npm packages bundled in from node_modules: ${big.join(', ')}${bundle.npm.length > 3 ? ', …' : ''}.` : '';
  if (bytes > MAX_ACTION_BYTES) {
    return [error('ERR_BUNDLE_TOO_LARGE', { file }, `The bundle is ${kb(bytes)}; Auth0 allows ${kb(MAX_ACTION_BYTES)} per Action.${which} Declare npm packages as dependencies in tenant.yaml (dependencies: [{ name, version }]) instead of bundling them.`)];
  }
  if (bytes > MAX_ACTION_BYTES * WARN_ACTION_SHARE) {
    return [warning('ERR_BUNDLE_TOO_LARGE', { file }, `The bundle is ${kb(bytes)}, over ${WARN_ACTION_SHARE * 100}% of Auth0's ${kb(MAX_ACTION_BYTES)} limit.${which}`)];
  }
  return [];
}

export const BUNDLE_CHECKS: ReadonlyArray<{ name: string; check: BundleCheck }> = [
  {
    name: 'handler',
    // Auth0's loader refuses a module without its trigger's async handler; module scope runs in the
    // Action engine, so a loop or a crash there is a finding, not a hung build.
    check: async (ctx) => {
      // An undeclared package would fail the load too: the dependencies check reports it, once.
      if (undeclaredIn(ctx).length > 0) return [];
      const failure = await sharedEngine().load({
        name: ctx.action.name,
        code: replaceKeywords(ctx.bundle.code, ctx.mappings),
        filename: ctx.file,
        dependencies: ctx.action.dependencies,
        packages: ctx.packages,
        // The loader wants the handler of the Action's trigger (onExecutePostLogin for post-login).
      }, ctx.action.supportedTriggers[0]?.id ?? 'post-login');
      return failure ? [error(failure.code, { file: ctx.file, ...(failure.line === undefined ? {} : { line: failure.line }) }, failure.message)] : [];
    },
  },
  {
    name: 'size',
    check: (ctx) => sizeFindings(ctx.bundle, ctx.file),
  },
  {
    name: 'dependencies',
    // Only built-ins and declared packages exist at run time on Auth0; a declared one never used is dead weight.
    check: (ctx) => {
      const used = usedPackages(ctx);
      const out: Finding[] = undeclaredIn(ctx).map((pkg) => error('ERR_DEPENDENCY_UNDECLARED', where(ctx, 'dependencies'), undeclaredMessage(pkg, ctx.action.name, ctx.project.root)));
      ctx.action.dependencies.forEach((d, j) => {
        if (!used.has(d.name)) out.push(error('ERR_DEPENDENCY_UNUSED', where(ctx, 'dependencies', j), `"${d.name}" is declared but the Action never requires it. Remove it: Auth0 installs every declared package.`));
        else if (isNative(ctx.packages.get(d.name) ?? path.join(ctx.project.root, 'node_modules', d.name))) out.push(error('ERR_NATIVE_MODULE', where(ctx, 'dependencies', j), `"${d.name}" is a native module; Auth0 runs no native addons. Use a pure-JavaScript package.`));
      });
      return out;
    },
  },
  {
    name: 'keywords',
    // auth0-deploy-cli rewrites ##X## and @@X@@ in code: only intended keywords may appear.
    check: (ctx) => {
      const stray = [...new Set(keywordsIn(ctx.bundle.code))].filter((k) => !Object.prototype.hasOwnProperty.call(ctx.mappings, k));
      return stray.map((k) =>
        error('ERR_KEYWORD_IN_BUNDLE', { file: ctx.file }, `The bundle contains "##${k}##" or "@@${k}@@", which auth0-deploy-cli's keyword replacement would rewrite. Build the string differently, or declare ${k} under claims.yaml keywords: if it is intended.`),
      );
    },
  },
  {
    name: 'secrets',
    check: (ctx) =>
      ctx.secretValues
        .filter((s) => ctx.bundle.code.includes(s.value))
        .map((s) => error('ERR_SECRET_IN_BUNDLE', { file: ctx.file }, `The bundle contains the value of the secret ${s.name}. Read it from event.secrets.${s.name} at login instead of importing it at build time.`)),
  },
];

/** Secret values in the project's environment: every Action's declared secrets (shared and per Action) and the deploy credentials. */
export function secretValues(project: Project): Array<{ name: string; value: string }> {
  const names = new Set(['AUTH0_CLIENT_SECRET', 'AUTH0_ACCESS_TOKEN', ...project.tenant.actions.flatMap((a) => a.secrets.flatMap((s) => [s.name, secretEnvName(a.name, s.name)]))]);
  const out: Array<{ name: string; value: string }> = [];
  for (const name of names) {
    const value = project.env[name];
    if (value !== undefined && value.length >= MIN_SECRET_LENGTH) out.push({ name, value });
  }
  return out;
}
