import fs from 'node:fs';
import path from 'node:path';
import { bundleActions } from '../build/bundle.ts';
import { DIST_DIR } from '../build/limits.ts';
import { replaceKeywords } from '../claims/keywords.ts';
import { projectKeywordMappings } from '../claims/project.ts';
import { sharedEngine, type EngineAction } from '../engine/index.ts';
import { ClaimkitError } from '../errors.ts';

export interface LoadActionOptions {
  /** The Action's name; defaults to the file name without extension (as in tenant.yaml). */
  name?: string;
  /** tenant.yaml dependencies: left external and the only packages `require` finds. */
  dependencies?: ReadonlyArray<{ name: string; version: string }>;
  /** Values for event.secrets. */
  secrets?: Readonly<Record<string, string>>;
  /** Project root, where node_modules and claims.yaml are. */
  root?: string;
  /** Environment for keyword mappings; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export function actionNameOf(file: string): string {
  return path.basename(file).replace(/\.(ts|js|cjs|mjs)$/, '');
}

/** A file `claimkit build` wrote: it is run exactly as it is, not bundled again. */
export function isBuiltBundle(file: string, root: string): boolean {
  const rel = path.relative(path.join(root, DIST_DIR), file);
  return file.endsWith('.js') && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * An Action file as Auth0 would run it — a source is bundled by esbuild into one CommonJS file, a built
 * bundle (dist/actions/*.js) is taken as it is — with keywords replaced as a deploy does, checked by
 * the Action engine's loader. A missing file, a build error or a load failure is a ClaimkitError.
 */
export async function loadActionFile(file: string, options: LoadActionOptions = {}): Promise<EngineAction> {
  if (!fs.existsSync(file)) {
    throw new ClaimkitError('ERR_FILE_NOT_FOUND', `Action file ${file} does not exist. Pass a path to a .ts or .js Action.`);
  }
  const root = options.root ?? process.cwd();
  const name = options.name ?? actionNameOf(file);
  const dependencies = options.dependencies ?? [];
  const bundled = isBuiltBundle(file, root)
    ? fs.readFileSync(file, 'utf8')
    : ((await bundleActions([{ name, file }], { external: dependencies.map((d) => d.name), ...(options.env ? { env: options.env } : {}) }))[0]?.code ?? '');
  // auth0-deploy-cli replaces ##KEYWORD##s in the code at deploy; a local run does the same.
  const code = replaceKeywords(bundled, projectKeywordMappings(root, options.env ?? process.env));
  const action: EngineAction = { name, code, filename: file, dependencies, resolveFrom: root, ...(options.secrets ? { secrets: options.secrets } : {}) };
  const failure = await sharedEngine().load(action);
  if (failure) throw new ClaimkitError(failure.code, failure.message, { location: { file, ...(failure.line === undefined ? {} : { line: failure.line }) } });
  return action;
}
