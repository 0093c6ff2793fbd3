import path from 'node:path';
import { buildProject, type BuildResult } from '../../src/build/build.ts';
import { replaceKeywords } from '../../src/claims/keywords.ts';
import { projectKeywordMappings } from '../../src/claims/project.ts';
import type { NamedAction } from '../../src/harness/index.ts';
import { loadActionCode } from '../../src/sandbox/load.ts';
import type { PostLoginAction } from '../../src/types/index.ts';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The two forms of an example Action that tests run the same cases against: the TypeScript source as
 * jest imports it, and the bundle `claimkit build` produces, evaluated in the runtime sandbox after the
 * keyword replacement a deploy applies — exactly what Auth0 would run.
 */
export const FORMS = ['source', 'bundle'] as const;
export type Form = (typeof FORMS)[number];

let built: Promise<BuildResult> | undefined;

async function bundleOf(name: string): Promise<string> {
  built ??= buildProject({ tenantFile: path.join(ROOT, 'tenant.yaml'), env: process.env, write: false });
  const result = await built;
  if (!result.ok) throw new Error(`the example project does not build: ${JSON.stringify(result.findings)}`);
  const action = result.actions.find((a) => a.name === name);
  if (!action) throw new Error(`no bundle for ${name}`);
  return action.code;
}

export async function loadExample(name: string, form: Form): Promise<NamedAction> {
  if (form === 'bundle') {
    const code = replaceKeywords(await bundleOf(name), projectKeywordMappings(ROOT, process.env));
    return { name, action: loadActionCode(code, { filename: `dist/actions/${name}.js` }) };
  }
  const action = require(path.join(ROOT, 'actions', `${name}.ts`)) as PostLoginAction;
  return { name, action };
}
