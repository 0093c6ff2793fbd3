import path from 'node:path';
import * as esbuild from 'esbuild';
import { claimsModuleSource } from '../claims/project.ts';
import { isBuiltin } from 'node:module';
import { undeclaredMessage } from '../dependencies/messages.ts';
import { ClaimkitError, isClaimkitError } from '../errors.ts';
import { packageOf } from '../engine/executor/require.ts';

export interface BundleEntry {
  /** The Action's name: the bundle is `<name>.js`. */
  name: string;
  /** Its source file (.ts or .js). */
  file: string;
}

export interface BundleOptions {
  /** npm packages Auth0 installs for the Actions (tenant.yaml `dependencies`): left as `require` calls. */
  external?: readonly string[];
  /** esbuild target, from the Action's runtime: node22 unless tenant.yaml says node18. */
  target?: string;
  /** Write `<outdir>/<name>.js`; without it the bundles stay in memory. */
  outdir?: string;
  /** Environment for claims.yaml's keyword mappings; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The project's folder (suggests a version to declare from its node_modules). */
  root?: string;
}

/** `import config from '../claims.yaml'` in an Action: the validated configuration, keywords kept. */
function claimsConfigPlugin(env: Readonly<Record<string, string | undefined>>): esbuild.Plugin {
  return {
    name: 'claimkit-claims-yaml',
    setup(build) {
      build.onLoad({ filter: /claims\.ya?ml$/ }, (args) => ({ contents: claimsModuleSource(args.path, env, true), loader: 'js' }));
    },
  };
}

/** `@auth0/actions/*` only has types (claimkit maps it to src/types/ for tsc): a value import of it cannot run. */
const typesOnlyPlugin: esbuild.Plugin = {
  name: 'claimkit-types-only',
  setup(build) {
    build.onResolve({ filter: /^@auth0\/actions(\/|$)/ }, (args) => ({
      errors: [
        {
          text: `"${args.path}" only has types. Import it with "import type { Event, PostLoginAPI } from '${args.path}'" (or a JSDoc import('${args.path}') in JavaScript): Auth0 has no such module at run time.`,
          detail: new ClaimkitError('ERR_TYPES_ONLY_MODULE', `"${args.path}" only has types. Import it with "import type { … } from '${args.path}'" (or a JSDoc import('${args.path}') in JavaScript): Auth0 has no such module at run time.`, { location: { file: args.importer } }),
        },
      ],
    }));
  },
};

/** "pkg" of a bare import path that esbuild could not resolve, if it is one. */
function unresolvedPackage(text: string): string | undefined {
  const m = /^Could not resolve "([^"]+)"/.exec(text);
  const id = m?.[1];
  if (id === undefined || id.startsWith('.') || id.startsWith('/') || isBuiltin(id)) return undefined;
  return packageOf(id);
}

/** Bytes each npm package contributes to a bundle, from esbuild's metafile inputs. */
function npmShares(inputs: Record<string, { bytesInOutput: number }>): Array<{ pkg: string; bytes: number }> {
  const by = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    // Counted under the package the Action itself pulled in (the first node_modules on the path).
    const parts = file.split(/(?:^|[\\/])node_modules[\\/]/);
    const rest = parts[1]?.split(/[\\/]/);
    if (!rest?.[0]) continue;
    const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : rest[0];
    by.set(pkg, (by.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...by].map(([pkg, bytes]) => ({ pkg, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export interface Bundle {
  name: string;
  code: string;
  /** npm packages bundled into it (from the project's node_modules), largest first. */
  npm: Array<{ pkg: string; bytes: number }>;
  /** Modules the bundle still `require`s at run time: Node built-ins and declared dependencies. */
  imports: string[];
  /** Absolute paths of the files bundled into it (what a change to re-build for). */
  inputs: string[];
}

/**
 * Bundles Actions the way Auth0 will run them: one CommonJS file each, platform node, native async
 * functions kept (the target keeps them; Auth0 refuses a handler that is not an AsyncFunction), shared
 * code inlined, readable output (Auth0 shows stack traces from it). All entries in one esbuild call.
 */
export async function bundleActions(entries: readonly BundleEntry[], options: BundleOptions = {}): Promise<Bundle[]> {
  if (entries.length === 0) return [];
  const outdir = path.resolve(options.outdir ?? 'dist/actions');
  let result: esbuild.BuildResult<{ write: false }>;
  try {
    result = await esbuild.build({
      entryPoints: entries.map((e) => ({ in: path.resolve(e.file), out: e.name })),
      outdir,
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: options.target ?? 'node22',
      external: [...(options.external ?? [])],
      minify: false,
      sourcemap: false,
      legalComments: 'inline',
      logLevel: 'silent',
      charset: 'utf8',
      plugins: [typesOnlyPlugin, claimsConfigPlugin(options.env ?? process.env)],
      metafile: true,
    });
  } catch (cause) {
    const failure = cause as Partial<esbuild.BuildFailure>;
    const first = failure.errors?.[0];
    // A claims.yaml problem keeps its own code and its file:line:column list.
    const detail: unknown = first?.detail;
    if (isClaimkitError(detail)) throw detail;
    const loc = first?.location;
    const where = loc ? { location: { file: loc.file, line: loc.line, column: loc.column + 1 } } : {};
    // A bare package neither installed nor declared: the same error, and fix, as the build's check.
    const missing = unresolvedPackage(first?.text ?? '');
    if (missing !== undefined) {
      const entry = entries.find((e) => loc && path.resolve(e.file) === path.resolve(loc.file));
      throw new ClaimkitError('ERR_DEPENDENCY_UNDECLARED', undeclaredMessage(missing, entry?.name ?? (loc ? path.basename(loc.file).replace(/\.[cm]?[jt]s$/, '') : 'this'), options.root), { cause, ...where });
    }
    // Auth0 cannot run native addons; esbuild cannot bundle them either.
    const native = /\.node\b/.test(first?.text ?? '') && /loader/.test(first?.text ?? '');
    const text = native ? `${first?.text ?? ''}: a native module. Auth0 runs no native addons; use a pure-JavaScript package.` : `The Action does not build: ${first?.text ?? String(cause)}`;
    throw new ClaimkitError(native ? 'ERR_NATIVE_MODULE' : 'ERR_ACTION_LOAD', text, { cause, ...where });
  }
  const byPath = new Map(result.outputFiles.map((f) => [f.path, f.text]));
  const outputs = new Map(Object.entries(result.metafile?.outputs ?? {}).map(([p, o]) => [path.resolve(p), o]));
  const bundles = entries.map((e) => {
    const file = path.join(outdir, `${e.name}.js`);
    const code = byPath.get(file);
    if (code === undefined) throw new ClaimkitError('ERR_ACTION_LOAD', `esbuild produced no bundle for ${e.name}.`);
    const output = outputs.get(file);
    const imports = [...new Set((output?.imports ?? []).filter((i) => i.external).map((i) => i.path))];
    const inputs = Object.keys(output?.inputs ?? {}).map((i) => path.resolve(i));
    return { name: e.name, code, imports, inputs, npm: npmShares(output?.inputs ?? {}) };
  });
  if (options.outdir !== undefined) await writeBundles(outdir, bundles);
  return bundles;
}

async function writeBundles(outdir: string, bundles: readonly Bundle[]): Promise<void> {
  const fs = await import('node:fs/promises');
  await fs.mkdir(outdir, { recursive: true });
  // Write each bundle to a temporary name and rename it: a reader never sees half a file.
  await Promise.all(
    bundles.map(async (b) => {
      const target = path.join(outdir, `${b.name}.js`);
      const tmp = `${target}.${process.pid}.tmp`;
      await fs.writeFile(tmp, b.code);
      await fs.rename(tmp, target);
    }),
  );
}
