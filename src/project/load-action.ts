import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { bundleActions } from '../build/bundle.ts';
import { sizeFindings } from '../build/checks.ts';
import { errorsIn } from '../build/findings.ts';
import { DIST_DIR } from '../build/limits.ts';
import { replaceKeywords } from '../claims/keywords.ts';
import { projectKeywordMappings } from '../claims/project.ts';
import { ensureDependencies, stateDirOf, undeclaredMessage, type Dependency, type EnsureOptions } from '../dependencies/index.ts';
import { packageOf } from '../engine/executor/require.ts';
import { sharedEngine, type EngineAction } from '../engine/index.ts';
import { ClaimkitError } from '../errors.ts';
import type { TriggerId } from '../types/triggers.ts';
import { INPUT_LIMITS } from './input-limits.ts';

export interface LoadActionOptions {
  /** The Action's name; defaults to the file name without extension (as in tenant.yaml). */
  name?: string;
  /** tenant.yaml dependencies: left external, installed at their versions, the only packages `require` finds. */
  dependencies?: readonly Dependency[];
  /** Values for event.secrets. */
  secrets?: Readonly<Record<string, string>>;
  /** Project root, where node_modules and claims.yaml are. */
  root?: string;
  /** Environment for keyword mappings; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Packages other Actions of the project declare: kept external as `build` does (so not silently bundled here). */
  external?: readonly string[];
  /** The project's state folder, holding the dependency cache; defaults to <root>/.claimkit. */
  stateDir?: string;
  /** Install progress, and (tests) the installer. */
  install?: EnsureOptions;
  /** The trigger whose handlers the loader checks; post-login by default. */
  trigger?: TriggerId;
}

export function actionNameOf(file: string): string {
  return path.basename(file).replace(/\.(ts|js|cjs|mjs)$/, '');
}

/** A file `claimkit build` wrote: it is run exactly as it is, not bundled again. */
export function isBuiltBundle(file: string, root: string): boolean {
  const rel = path.relative(path.join(root, DIST_DIR), file);
  return file.endsWith('.js') && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Bundles a source as `build` does, with the same size check (which names npm packages bundled in). */
async function bundleSource(file: string, name: string, dependencies: readonly Dependency[], root: string, options: LoadActionOptions): Promise<string> {
  const own = dependencies.map((d) => d.name);
  const external = [...new Set([...own, ...(options.external ?? [])])];
  const [bundle] = await bundleActions([{ name, file }], { external, root, ...(options.env ? { env: options.env } : {}) });
  if (!bundle) throw new ClaimkitError('ERR_ACTION_LOAD', `esbuild produced no bundle for ${file}.`);
  const undeclared = bundle.imports.filter((i) => !isBuiltin(i)).map(packageOf).find((p) => !own.includes(p));
  if (undeclared !== undefined) throw new ClaimkitError('ERR_DEPENDENCY_UNDECLARED', undeclaredMessage(undeclared, name, root), { location: { file } });
  const [tooLarge] = errorsIn(sizeFindings(bundle, file));
  if (tooLarge) throw new ClaimkitError(tooLarge.code, tooLarge.message, { location: tooLarge.location });
  return bundle.code;
}

/**
 * An Action file as Auth0 would run it — a source is bundled by esbuild into one CommonJS file, a built
 * bundle (dist/actions/*.js) is taken as it is — with keywords replaced as a deploy does, checked by
 * the Action engine's loader. A missing file, a build error or a load failure is a ClaimkitError.
 */
export async function loadActionFile(file: string, options: LoadActionOptions = {}): Promise<EngineAction> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) {
    throw new ClaimkitError('ERR_FILE_NOT_FOUND', `Action file ${file} does not exist. Pass a path to a .ts or .js Action.`);
  }
  // esbuild would read a device (/dev/zero) or a pipe for ever, and any file whole.
  if (!stat.isFile()) {
    throw new ClaimkitError('ERR_FILE_NOT_FOUND', `Action file ${file} is not a file (a directory, a device or a pipe). Pass a path to a .ts or .js Action.`);
  }
  const limit = INPUT_LIMITS.actionFile;
  if (stat.size > limit.maxBytes) {
    throw new ClaimkitError('ERR_INPUT_TOO_LARGE', `${limit.what} is larger than ${limit.maxBytes} bytes, the most claimkit reads. Check that this is the right file, and make it smaller.`, { location: { file } });
  }
  const root = options.root ?? process.cwd();
  const name = options.name ?? actionNameOf(file);
  const dependencies = options.dependencies ?? [];
  const bundled = isBuiltBundle(file, root) ? fs.readFileSync(file, 'utf8') : await bundleSource(file, name, dependencies, root, options);
  // auth0-deploy-cli replaces ##KEYWORD##s in the code at deploy; a local run does the same.
  const code = replaceKeywords(bundled, projectKeywordMappings(root, options.env ?? process.env));
  const packages = await ensureDependencies(dependencies, options.stateDir ?? stateDirOf(root), options.install);
  const action: EngineAction = { name, code, filename: file, dependencies, packages, ...(options.secrets ? { secrets: options.secrets } : {}) };
  const failure = await sharedEngine().load(action, options.trigger);
  if (failure) throw new ClaimkitError(failure.code, failure.message, { location: { file, ...(failure.line === undefined ? {} : { line: failure.line }) } });
  return action;
}
