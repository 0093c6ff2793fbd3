import fs from 'node:fs';
import path from 'node:path';
import { CLAIMS_FILE } from '../../claims/load.ts';
import { estimateWorstCase, type SizeEstimate } from '../../claims/estimate.ts';
import { loadProjectClaims } from '../../claims/project.ts';
import { formatIssue, isClaimkitError, type Issue } from '../../errors.ts';
import { readTenantYaml } from '../../project/tenant-yaml.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface CheckOptions {
  claimsFile?: string;
  tenantFile?: string;
  json: boolean;
}

export interface CheckReport {
  ok: boolean;
  errors: Array<{ file: string; line?: number; column?: number; message: string; code: string }>;
  warnings: string[];
  claims: null | { file: string; count: number; worstCase: SizeEstimate };
  tenant: null | { file: string; actions: number; postLoginBindings: number };
}

function toErrors(err: unknown, fallbackFile: string): CheckReport['errors'] {
  if (!isClaimkitError(err)) throw err;
  const issues: readonly Issue[] = err.issues.length > 0 ? err.issues : [{ location: err.location ?? { file: fallbackFile }, message: err.message.replace(/^[^ ]+:\d+(:\d+)?: /, '') }];
  return issues.map((i) => ({ ...i.location, message: i.message, code: err.code }));
}

/** Validates the project's configuration (claims.yaml, tenant.yaml); every error at once. */
export function check(options: CheckOptions, io: CliIo): CheckReport {
  const report: CheckReport = { ok: true, errors: [], warnings: [], claims: null, tenant: null };
  const tenantFile = path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml');
  if (fs.existsSync(tenantFile)) {
    try {
      const t = readTenantYaml(tenantFile);
      report.tenant = { file: tenantFile, actions: t.actions.length, postLoginBindings: t.postLogin?.length ?? 0 };
    } catch (err) {
      report.errors.push(...toErrors(err, tenantFile));
    }
  }
  const claimsFile = path.resolve(io.cwd, options.claimsFile ?? CLAIMS_FILE);
  if (fs.existsSync(claimsFile) || options.claimsFile !== undefined) {
    try {
      const loaded = loadProjectClaims(claimsFile, io.env);
      const worstCase = estimateWorstCase(loaded.resolved, loaded.claims);
      report.claims = { file: claimsFile, count: loaded.config.claims.length, worstCase };
      for (const token of ['id_token', 'access_token'] as const) {
        if (worstCase[token] > worstCase.max_token_bytes) {
          report.warnings.push(
            `${claimsFile}: in the worst case the ${token}'s claims reach ~${worstCase[token]} bytes, over the ${worstCase.max_token_bytes}-byte budget; at login the Action drops or denies as configured (on_oversize). Bound role lists with max_items or values with max_bytes.`,
          );
        }
      }
    } catch (err) {
      report.errors.push(...toErrors(err, claimsFile));
    }
  }
  report.ok = report.errors.length === 0;
  return report;
}

export async function checkCommand(options: CheckOptions, io: CliIo): Promise<number> {
  const report = check(options, io);
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const e of report.errors) io.stderr(`${formatIssue({ location: e, message: e.message })} [${e.code}]\n`);
    for (const w of report.warnings) io.stderr(`warning: ${w}\n`);
    if (report.tenant) io.stdout(`${path.relative(io.cwd, report.tenant.file)}: ${report.tenant.actions} Action(s), ${report.tenant.postLoginBindings} post-login binding(s)\n`);
    if (report.claims) {
      const w = report.claims.worstCase;
      io.stdout(`${path.relative(io.cwd, report.claims.file)}: ${report.claims.count} claim(s); worst case per token: ID token ~${w.id_token} bytes, access token ~${w.access_token} bytes (budget ${w.max_token_bytes})\n`);
    }
    io.stdout(report.ok ? 'check passed\n' : `check failed: ${report.errors.length} error(s)\n`);
  }
  return report.ok ? EXIT.ok : EXIT.usage;
}
