// A pulled Action's source: the code the tenant runs, made readable, never changed in what it does.
// prettier formats it (a minified or bundled file becomes one statement per line, comments kept), JSDoc
// types are added as comments (annotate.ts), and the result is held to the original: both must be the
// same program as esbuild prints it (the fingerprint a deploy compares by, src/deploy/resources/code.ts).
// Whatever cannot be formatted that way is kept byte for byte, and said.
import type { Plugin } from 'prettier';
import { codeFingerprint } from '../deploy/resources/code.ts';
import { errorMessage } from '../errors.ts';
import { triggerSpec } from '../triggers.ts';
import { annotate, TYPED_TRIGGERS } from './annotate.ts';

/** Larger code is kept as it is: formatting it would cost seconds, and Auth0 itself allows 100 kB. */
export const MAX_FORMAT_BYTES = 512 * 1024;

export interface ReadableAction {
  code: string;
  /** Whether the handler got its trigger's official type. */
  typed: boolean;
  /** Why the code was kept as deployed, when it was. */
  keptAsIs?: string;
}

interface Prettier {
  format(code: string, options: { parser: string; plugins: Plugin[]; printWidth: number }): Promise<string>;
}

let prettier: { api: Prettier; plugins: Plugin[] } | undefined;
/** prettier's standalone build (no dynamic imports): loaded on first use. */
function loadPrettier(): { api: Prettier; plugins: Plugin[] } {
  prettier ??= {
    api: require('prettier/standalone') as Prettier,
    plugins: [require('prettier/plugins/acorn') as Plugin, require('prettier/plugins/estree') as Plugin],
  };
  return prettier;
}

async function format(code: string): Promise<string> {
  const { api, plugins } = loadPrettier();
  return api.format(code, { parser: 'acorn', plugins, printWidth: 100 });
}

/** The comment lines a pulled Action starts with (after a `#!` line); `// @ts-check` is the first. */
export const TS_CHECK = '// @ts-check';

function header(name: string, trigger: string, typed: boolean, formatted: boolean): string {
  const types = TYPED_TRIGGERS[trigger];
  const what = types ? (typed ? `, typed with ${types.module}` : '') : ` (claimkit has no types for ${trigger})`;
  return `${TS_CHECK}\n// ${name}: a ${trigger} Action pulled by claimkit: the code the tenant runs${formatted ? ', formatted' : ', as deployed'}${what}.\n`;
}

/** The Action's source file for the project. */
export async function readableAction(name: string, trigger: string, deployed: string): Promise<ReadableAction> {
  const handlers = [triggerSpec(trigger)?.handler, triggerSpec(trigger)?.continueHandler].filter((h): h is string => h !== undefined);
  const original = codeFingerprint(deployed, name);
  let body = deployed;
  let keptAsIs: string | undefined;
  if (original === null) keptAsIs = 'claimkit cannot bundle it as it is (a syntax error, or a require of a relative file), so it is kept byte for byte';
  else if (Buffer.byteLength(deployed) > MAX_FORMAT_BYTES) keptAsIs = `it is larger than ${MAX_FORMAT_BYTES / 1024} kB, so it is kept as it is`;
  else {
    try {
      const formatted = await format(deployed);
      if (codeFingerprint(formatted, name) === original) body = formatted;
      else keptAsIs = 'formatting would have changed what it does, so it is kept as it is';
    } catch (err) {
      keptAsIs = `it could not be formatted (${errorMessage(err).split('\n')[0]}), so it is kept as it is`;
    }
  }
  const annotated = annotate(body, trigger, handlers);
  // Comments only: the program must still be the one the tenant runs.
  const done = original !== null && codeFingerprint(annotated.code, name) !== original ? { code: body, typed: false } : annotated;
  const top = done.code.startsWith('#!') ? done.code.indexOf('\n') + 1 : 0;
  const code = done.code.slice(0, top) + header(name, trigger, done.typed, keptAsIs === undefined) + done.code.slice(top);
  return { code: code.endsWith('\n') ? code : `${code}\n`, typed: done.typed, ...(keptAsIs === undefined ? {} : { keptAsIs }) };
}
