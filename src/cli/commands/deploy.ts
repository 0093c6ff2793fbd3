import path from 'node:path';
import { deploy, type StepReport } from '../../deploy/deploy.ts';
import { formatDeploySummary, MARK } from './deploy-report.ts';

export { formatDeploySummary };
import type { ClaimkitErrorCode } from '../../errors.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface DeployCommandOptions {
  tenantFile?: string;
  envName?: string;
  dryRun: boolean;
  allowDelete: boolean;
  local: boolean;
  resendPassthrough?: boolean;
  json: boolean;
}

/** Errors in what the user gave (exit 2), as opposed to a tenant that failed (exit 1). */
const BAD_INPUT: readonly ClaimkitErrorCode[] = ['ERR_BUILD_FAILED', 'ERR_DEPLOY_TARGET', 'ERR_FILE_NOT_FOUND', 'ERR_CONFIG_INVALID', 'ERR_TENANT_YAML_INVALID', 'ERR_YAML_INVALID', 'ERR_INPUT_TOO_LARGE', 'ERR_INPUT_UNSAFE_KEY'];

/** `claimkit deploy`: the main job. Exit 0 when deployed and verified (or a clean dry run), else 1 or 2. */
export async function deployCommand(options: DeployCommandOptions, io: CliIo): Promise<number> {
  // On a terminal the running step shows until it ends, then its line replaces it; logs print above.
  let running: string | undefined;
  const clear = () => {
    if (running !== undefined && io.isTTY) io.stderr('\r\u001b[K');
  };
  const progress = (step: StepReport) => {
    clear();
    running = undefined;
    if (!options.json) io.stderr(`${MARK[step.status]} ${step.name.padEnd(7)} ${step.detail.split('\n')[0]} (${step.ms} ms)\n`);
  };
  const start = (name: string) => {
    if (options.json || !io.isTTY) return;
    running = name;
    io.stderr(`… ${name.padEnd(7)} running`);
  };
  const log = (line: string) => {
    clear();
    io.stderr(`${line}\n`);
    if (running !== undefined && io.isTTY) io.stderr(`… ${running.padEnd(7)} running`);
  };
  const summary = await deploy({
    tenantFile: path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml'),
    env: io.env,
    ...(options.envName === undefined ? {} : { envName: options.envName }),
    dryRun: options.dryRun,
    allowDelete: options.allowDelete,
    local: options.local,
    resendPassthrough: options.resendPassthrough === true,
    log,
    onStepStart: start,
    onStep: progress,
  });
  io.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatDeploySummary(summary));
  if (summary.ok) return EXIT.ok;
  return summary.error !== null && BAD_INPUT.includes(summary.error.code) ? EXIT.usage : EXIT.failed;
}
