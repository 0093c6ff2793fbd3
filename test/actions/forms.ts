import path from 'node:path';
import type { NamedAction } from '../../src/harness/index.ts';
import { loadActionFile } from '../../src/project/load-action.ts';
import type { PostLoginAction } from '../../src/types/index.ts';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The two forms of an example Action that tests run the same cases against: the TypeScript source as
 * jest imports it, and the esbuild bundle evaluated in the runtime sandbox, as Auth0 will run it.
 */
export const FORMS = ['source', 'bundle'] as const;
export type Form = (typeof FORMS)[number];

export async function loadExample(name: string, form: Form): Promise<NamedAction> {
  const file = path.join(ROOT, 'actions', `${name}.ts`);
  if (form === 'bundle') return loadActionFile(file, { root: ROOT });
  const action = (await import(file)) as PostLoginAction;
  return { name, action };
}
