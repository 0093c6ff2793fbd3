import fs from 'node:fs';
import path from 'node:path';
import { bundleActions } from '../build/bundle.ts';
import { replaceKeywords } from '../claims/keywords.ts';
import { projectKeywordMappings } from '../claims/project.ts';
import { ClaimkitError } from '../errors.ts';
import type { NamedAction } from '../harness/run.ts';
import { loadActionCode } from '../sandbox/load.ts';
import { dependencyName } from '../sandbox/require.ts';

export interface LoadActionOptions {
  /** The Action's name; defaults to the file name without extension (as in tenant.yaml). */
  name?: string;
  /** tenant.yaml dependencies ("name@version"): left external and the only packages `require` finds. */
  dependencies?: readonly string[];
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

/**
 * Loads an Action file as Auth0 would run it: bundled by esbuild into one CommonJS file, then evaluated
 * in the runtime sandbox. A missing file, a build error or missing handler is a ClaimkitError.
 */
export async function loadActionFile(file: string, options: LoadActionOptions = {}): Promise<NamedAction> {
  if (!fs.existsSync(file)) {
    throw new ClaimkitError('ERR_FILE_NOT_FOUND', `Action file ${file} does not exist. Pass a path to a .ts or .js Action.`);
  }
  const name = options.name ?? actionNameOf(file);
  const dependencies = options.dependencies ?? [];
  const [bundle] = await bundleActions([{ name, file }], {
    external: dependencies.map(dependencyName),
    ...(options.env ? { env: options.env } : {}),
  });
  // auth0-deploy-cli replaces ##KEYWORD##s in the code at deploy; a local run does the same.
  const code = replaceKeywords(bundle?.code ?? '', projectKeywordMappings(options.root ?? process.cwd(), options.env ?? process.env));
  const action = loadActionCode(code, { filename: file, dependencies, resolveFrom: options.root ?? process.cwd() });
  return options.secrets ? { name, action, secrets: options.secrets } : { name, action };
}
