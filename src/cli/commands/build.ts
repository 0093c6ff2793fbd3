import path from 'node:path';
import { buildProject, type BuildResult } from '../../build/build.ts';
import { formatFinding } from '../../build/findings.ts';
import { EXIT, type CliIo } from '../io.ts';
import { installProgress } from '../progress.ts';

export interface BuildCommandOptions {
  tenantFile?: string;
  envName?: string;
  json: boolean;
}

/** `claimkit build`: bundles every Action into dist/actions/<name>.js, or writes nothing and explains why. */
export async function buildCommand(options: BuildCommandOptions, io: CliIo): Promise<{ code: number; result: BuildResult }> {
  const result = await buildProject({
    tenantFile: path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml'),
    env: io.env,
    dependencies: installProgress(io),
    ...(options.envName === undefined ? {} : { envName: options.envName }),
  });
  if (options.json) {
    const { check: _check, ...rest } = result;
    io.stdout(`${JSON.stringify({ ...rest, actions: result.actions.map(({ code: _code, inputs: _inputs, ...a }) => a) }, null, 2)}\n`);
  } else {
    for (const f of result.findings) io.stderr(`${formatFinding(f)}\n`);
    for (const a of result.actions) io.stdout(`${path.relative(io.cwd, a.file)}  ${(a.bytes / 1024).toFixed(1)} kB\n`);
    const ms = result.steps.reduce((n, s) => n + s.ms, 0);
    io.stdout(result.ok ? `built ${result.actions.length} Action(s) in ${ms} ms\n` : 'build failed: nothing was written\n');
  }
  return { code: result.ok ? EXIT.ok : EXIT.usage, result };
}
