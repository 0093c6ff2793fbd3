import path from 'node:path';
import { checkProject } from '../../build/check.ts';
import { errorsIn, formatFinding, type Finding } from '../../build/findings.ts';
import type { SizeEstimate } from '../../claims/estimate.ts';
import { triggerBindings } from '../../project/tenant-yaml.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface CheckOptions {
  tenantFile?: string;
  /** claims.yaml to check instead of the one next to tenant.yaml. */
  claimsFile?: string;
  envName?: string;
  json: boolean;
}

export interface CheckReport {
  ok: boolean;
  findings: Finding[];
  claims: null | { file: string; count: number; machineCount: number; worstCase: SizeEstimate };
  tenant: null | { file: string; actions: number; postLoginBindings: number; credentialsExchangeBindings: number };
}

/** Validates the project's configuration (tenant.yaml, claims.yaml, actions/): every problem at once. */
export function check(options: CheckOptions, io: CliIo): CheckReport {
  const result = checkProject(
    path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml'),
    io.env,
    options.envName,
    options.claimsFile === undefined ? undefined : path.resolve(io.cwd, options.claimsFile),
  );
  const t = result.project?.tenant;
  const c = result.claims;
  return {
    ok: errorsIn(result.findings).length === 0,
    findings: result.findings,
    claims: c ? { file: c.file, count: c.config.claims.length, machineCount: c.config.machine_claims?.length ?? 0, worstCase: c.worstCase } : null,
    tenant: t ? { file: t.file, actions: t.actions.length, postLoginBindings: t.postLogin?.length ?? 0, credentialsExchangeBindings: triggerBindings(t, 'credentials-exchange')?.length ?? 0 } : null,
  };
}

export async function checkCommand(options: CheckOptions, io: CliIo): Promise<number> {
  const report = check(options, io);
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const f of report.findings) io.stderr(`${formatFinding(f)}\n`);
    const t = report.tenant;
    if (t) {
      const machines = t.credentialsExchangeBindings > 0 ? `, ${t.credentialsExchangeBindings} credentials-exchange binding(s)` : '';
      io.stdout(`${path.relative(io.cwd, t.file)}: ${t.actions} Action(s), ${t.postLoginBindings} post-login binding(s)${machines}\n`);
    }
    if (report.claims) {
      const w = report.claims.worstCase;
      const machine = report.claims.machineCount > 0 ? [`${report.claims.machineCount} machine claim(s)`, `, machine access token ~${w.machine_access_token} bytes`] : ['', ''];
      io.stdout(
        `${path.relative(io.cwd, report.claims.file)}: ${report.claims.count} claim(s)${machine[0] ? `, ${machine[0]}` : ''}; worst case per token: ID token ~${w.id_token} bytes, access token ~${w.access_token} bytes${machine[1]} (budget ${w.max_token_bytes})\n`,
      );
    }
    const errors = errorsIn(report.findings).length;
    io.stdout(report.ok ? 'check passed\n' : `check failed: ${errors} error(s)\n`);
  }
  return report.ok ? EXIT.ok : EXIT.usage;
}
