// `claimkit check`: everything that can be known about a project without building it.
import fs from 'node:fs';
import path from 'node:path';
import { estimateWorstCase, type SizeEstimate } from '../claims/estimate.ts';
import { CLAIMS_FILE, type LoadedClaims } from '../claims/load.ts';
import { loadProjectClaims } from '../claims/project.ts';
import { errorMessage, isClaimkitError } from '../errors.ts';
import type { Env } from '../project/dotenv.ts';
import { checkConsistency } from './consistency.ts';
import { error, warning, type Finding } from './findings.ts';
import { loadProject, type Project } from './project.ts';

export interface ProjectCheck {
  project: Project | undefined;
  claims: (LoadedClaims & { worstCase: SizeEstimate }) | undefined;
  findings: Finding[];
}

function asFindings(err: unknown, file: string): Finding[] {
  if (!isClaimkitError(err)) throw err;
  if (err.issues.length > 0) return err.issues.map((i) => error(err.code, i.location, i.message));
  return [error(err.code, err.location ?? { file }, errorMessage(err).replace(/^[^ ]+:\d+(:\d+)? ?: /, '').replace(/^[^ ]+: /, ''))];
}

export function checkProject(tenantFile: string, env: Env, envName?: string): ProjectCheck {
  const out: ProjectCheck = { project: undefined, claims: undefined, findings: [] };
  try {
    out.project = loadProject(tenantFile, env, envName);
  } catch (err) {
    out.findings.push(...asFindings(err, tenantFile));
    return out;
  }
  const claimsFile = path.join(out.project.root, CLAIMS_FILE);
  if (fs.existsSync(claimsFile)) {
    try {
      const loaded = loadProjectClaims(claimsFile, out.project.env);
      const worstCase = estimateWorstCase(loaded.resolved, loaded.claims);
      out.claims = { ...loaded, worstCase };
      for (const token of ['id_token', 'access_token'] as const) {
        if (worstCase[token] > worstCase.max_token_bytes) {
          out.findings.push(
            warning('ERR_TOKEN_TOO_LARGE', { file: claimsFile }, `In the worst case the ${token}'s claims reach ~${worstCase[token]} bytes, over the ${worstCase.max_token_bytes}-byte budget; at login the Action drops or denies as configured (on_oversize). Bound role lists with max_items or values with max_bytes.`),
          );
        }
      }
    } catch (err) {
      out.findings.push(...asFindings(err, claimsFile));
    }
  }
  out.findings.push(...checkConsistency(out.project));
  return out;
}
