// When is an Action's deployed code the same as the bundle tenant.yaml's source builds to? Byte for
// byte, or when both print alike once esbuild has bundled them the way the build does (CommonJS, every
// import left as it is) and dropped whitespace and comments: then they are the same program and only
// their formatting differs. That is what lets a pulled Action — the tenant's code made readable — plan
// no change, while any change to what the code does still does. Code that does not bundle that way
// (syntax errors, a relative require) is only ever equal to itself.
import { createHash } from 'node:crypto';
import * as esbuild from 'esbuild';

/** Fingerprints by code hash (plan and verify ask about the same code more than once). Bounded. */
const cache = new Map<string, string | null>();
const CACHE_LIMIT = 512;

/** esbuild names the exports object of an ESM module after its file, so the Action's name is part of it. */
function fingerprint(code: string, name: string): string | null {
  const key = createHash('sha256').update(name).update('\u0000').update(code).digest('hex');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let print: string | null;
  try {
    const result = esbuild.buildSync({
      stdin: { contents: code, loader: 'js', sourcefile: `${name}.js`, resolveDir: '/' },
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'esnext',
      external: ['*'],
      minifyWhitespace: true,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
    });
    print = result.outputFiles[0]?.text ?? null;
  } catch {
    print = null;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, print);
  return print;
}

/** Whether two codes of the Action `name` are one program (see above). */
export function sameCode(a: string, b: string, name: string): boolean {
  if (a === b) return true;
  const fa = fingerprint(a, name);
  return fa !== null && fa === fingerprint(b, name);
}

/** The Action's code as esbuild prints it, or null when it does not bundle; `pull` checks its rewrites with it. */
export const codeFingerprint = fingerprint;
