// `claimkit check`: everything that can be known about a project without building it.
import fs from 'node:fs';
import path from 'node:path';
import { estimateWorstCase, type SizeEstimate } from '../claims/estimate.ts';
import { envKeywordMappings } from '../claims/keywords.ts';
import { CLAIMS_FILE, loadClaimsConfig, type LoadedClaims } from '../claims/load.ts';
import { loadProjectClaims } from '../claims/project.ts';
import type { Env } from '../project/dotenv.ts';
import { checkConsistency } from './consistency.ts';
import { findingsOf, warning, type Finding } from './findings.ts';
import { loadProject, type Project } from './project.ts';

export interface ProjectCheck {
  project: Project | undefined;
  claims: (LoadedClaims & { worstCase: SizeEstimate }) | undefined;
  /** Keyword values a deploy applies: claims.yaml `keywords:` under AUTH0_KEYWORD_REPLACE_MAPPINGS. */
  mappings: Record<string, unknown>;
  findings: Finding[];
}

/**
 * Checks tenant.yaml, claims.yaml (the project's, or `claimsFile`: then it must exist) and actions/.
 */
export function checkProject(tenantFile: string, env: Env, envName?: string, claimsFile?: string): ProjectCheck {
  const out: ProjectCheck = { project: undefined, claims: undefined, mappings: {}, findings: [] };
  try {
    out.project = loadProject(tenantFile, env, envName);
  } catch (err) {
    out.findings.push(...findingsOf(err, tenantFile));
    return out;
  }
  const claims = claimsFile ?? path.join(out.project.root, CLAIMS_FILE);
  if (claimsFile !== undefined || fs.existsSync(claims)) {
    try {
      const loaded =
        claimsFile === undefined
          ? loadProjectClaims(claims, out.project.env)
          : loadClaimsConfig(claims, { audiences: out.project.tenant.audiences, clients: out.project.tenant.clients, mappings: envKeywordMappings(out.project.env) });
      const worstCase = estimateWorstCase(loaded.resolved, loaded.claims, loaded.machineClaims);
      out.claims = { ...loaded, worstCase };
      for (const token of ['id_token', 'access_token', 'machine_access_token'] as const) {
        if (worstCase[token] > worstCase.max_token_bytes) {
          const when = token === 'machine_access_token' ? "at a machine's token request" : 'at login';
          out.findings.push(
            warning('ERR_TOKEN_TOO_LARGE', { file: claims }, `In the worst case the ${token}'s claims reach ~${worstCase[token]} bytes, over the ${worstCase.max_token_bytes}-byte budget; ${when} the Action drops or denies as configured (on_oversize). Bound role lists with max_items or values with max_bytes.`),
          );
        }
      }
    } catch (err) {
      out.findings.push(...findingsOf(err, claims));
    }
  }
  try {
    out.mappings = out.claims?.mappings ?? { ...envKeywordMappings(out.project.env) };
  } catch (err) {
    out.findings.push(...findingsOf(err, tenantFile));
  }
  out.findings.push(...checkConsistency(out.project));
  return out;
}
