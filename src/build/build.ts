// `claimkit build`: check → bundle (one esbuild call) → check each bundle → write, as a table of steps.
// Nothing is written unless every check passes, and then each file is replaced atomically.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureDependencies, stateDirOf, type EnsureOptions } from '../dependencies/index.ts';
import type { Env } from '../project/dotenv.ts';
import { locate } from '../project/yaml-file.ts';
import { bundleActions, type Bundle } from './bundle.ts';
import { checkProject, type ProjectCheck } from './check.ts';
import { BUNDLE_CHECKS, secretValues } from './checks.ts';
import { errorsIn, findingsOf, type Finding } from './findings.ts';
import { commonTarget, DIST_DIR } from './limits.ts';

export interface BuildOptions {
  tenantFile: string;
  env: Env;
  /** `.env.<name>` instead of `.env`. */
  envName?: string;
  /** false: check and bundle in memory only. */
  write?: boolean;
  /** Install progress (a TTY display) and, for tests, the installer of the dependency cache. */
  dependencies?: EnsureOptions;
}

export interface BuiltAction {
  name: string;
  file: string;
  bytes: number;
  code: string;
  /** Source files bundled into it. */
  inputs: string[];
}

export interface BuildResult {
  ok: boolean;
  findings: Finding[];
  actions: BuiltAction[];
  check: ProjectCheck;
  steps: Array<{ name: string; ms: number }>;
}

interface State {
  options: BuildOptions;
  result: BuildResult;
  bundles: Bundle[];
  /** Action name → its declared packages, installed in the project's cache. */
  packages: Map<string, ReadonlyMap<string, string>>;
}

const STEPS: ReadonlyArray<{ name: string; run(s: State): Promise<void> | void }> = [
  {
    name: 'check',
    run(s) {
      s.result.check = checkProject(s.options.tenantFile, s.options.env, s.options.envName);
      s.result.findings.push(...s.result.check.findings);
    },
  },
  {
    name: 'bundle',
    async run(s) {
      const project = s.result.check.project;
      if (!project) return;
      const actions = project.tenant.actions.filter((a) => project.sources.has(a.name));
      try {
        s.bundles = await bundleActions(
          actions.map((a) => ({ name: a.name, file: project.sources.get(a.name) as string })),
          {
            external: [...new Set(actions.flatMap((a) => a.dependencies.map((d) => d.name)))],
            target: commonTarget(actions.map((a) => a.runtime)),
            env: project.env,
            root: project.root,
          },
        );
      } catch (err) {
        s.result.findings.push(...findingsOf(err, project.tenant.file));
      }
    },
  },
  {
    // Every declared dependency at exactly its declared version, as Auth0 installs it (cached after the first time).
    name: 'dependencies',
    async run(s) {
      const project = s.result.check.project;
      if (!project) return;
      for (const [i, action] of project.tenant.actions.entries()) {
        if (!project.sources.has(action.name)) continue;
        try {
          s.packages.set(action.name, await ensureDependencies(action.dependencies, stateDirOf(project.root), s.options.dependencies));
        } catch (err) {
          s.result.findings.push(...findingsOf(err, project.tenant.file).map((f) => ({ ...f, location: locate(project.tenant.yaml, ['actions', i, 'dependencies']) })));
        }
      }
    },
  },
  {
    name: 'verify',
    async run(s) {
      const project = s.result.check.project;
      if (!project) return;
      const mappings = s.result.check.mappings;
      const secrets = secretValues(project);
      // Every check of every bundle at once (the load checks run in the Action engine); findings in order.
      const checked = await Promise.all(
        s.bundles.map(async (bundle) => {
          const index = project.tenant.actions.findIndex((a) => a.name === bundle.name);
          const action = project.tenant.actions[index];
          if (!action) return undefined;
          const file = path.join(project.root, DIST_DIR, `${bundle.name}.js`);
          const ctx = { project, bundle, action, index, file, mappings, secretValues: secrets, packages: s.packages.get(action.name) ?? new Map<string, string>() };
          const findings = await Promise.all(BUNDLE_CHECKS.map(({ check }) => check(ctx)));
          return { findings: findings.flat(), built: { name: bundle.name, file, bytes: Buffer.byteLength(bundle.code, 'utf8'), code: bundle.code, inputs: bundle.inputs } };
        }),
      );
      for (const c of checked) {
        if (!c) continue;
        s.result.findings.push(...c.findings);
        s.result.actions.push(c.built);
      }
    },
  },
  {
    name: 'write',
    async run(s) {
      if (s.options.write === false || s.result.actions.length === 0) return;
      const dir = path.dirname((s.result.actions[0] as BuiltAction).file);
      await fs.mkdir(dir, { recursive: true });
      // All temporary files first, then the renames: a failure leaves the previous bundles whole.
      const tmp = await Promise.all(
        s.result.actions.map(async (a) => {
          const t = `${a.file}.${process.pid}.tmp`;
          await fs.writeFile(t, a.code);
          return [t, a.file] as const;
        }),
      );
      for (const [t, f] of tmp) await fs.rename(t, f);
    },
  },
];

export async function buildProject(options: BuildOptions): Promise<BuildResult> {
  const s: State = { options, bundles: [], packages: new Map(), result: { ok: false, findings: [], actions: [], check: { project: undefined, claims: undefined, mappings: {}, findings: [] }, steps: [] } };
  for (const step of STEPS) {
    if (errorsIn(s.result.findings).length > 0) break;
    const start = performance.now();
    await step.run(s);
    s.result.steps.push({ name: step.name, ms: Math.round(performance.now() - start) });
  }
  s.result.ok = errorsIn(s.result.findings).length === 0;
  if (!s.result.ok) s.result.actions = [];
  return s.result;
}
