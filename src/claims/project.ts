// claims.yaml in a project: validated against the project's tenant.yaml and keyword mappings.
import fs from 'node:fs';
import path from 'node:path';
import { readTenantYaml } from '../project/tenant-yaml.ts';
import type { ClaimsConfig } from '../runtime/claims/config.ts';
import { envKeywordMappings } from './keywords.ts';
import { CLAIMS_FILE, loadClaimsConfig, type LoadedClaims } from './load.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Loads <dir>/claims.yaml, checking audiences and clients against <dir>/tenant.yaml when there is one. */
export function loadProjectClaims(file: string, env: Env): LoadedClaims {
  const tenantFile = path.join(path.dirname(file), 'tenant.yaml');
  const tenant = fs.existsSync(tenantFile) ? readTenantYaml(tenantFile) : undefined;
  return loadClaimsConfig(file, { ...(tenant ? { audiences: tenant.audiences, clients: tenant.clients } : {}), mappings: envKeywordMappings(env) });
}

/** The keyword values a project runs with locally: claims.yaml `keywords:` overridden by the environment. */
export function projectKeywordMappings(root: string, env: Env): Record<string, unknown> {
  const file = path.join(root, CLAIMS_FILE);
  return fs.existsSync(file) ? loadProjectClaims(file, env).mappings : { ...envKeywordMappings(env) };
}

/**
 * The JavaScript module an `import config from '…/claims.yaml'` becomes. Bundles keep the keywords for
 * auth0-deploy-cli to replace per tenant; local runs (jest, the require hook) get them resolved.
 */
export function claimsModuleSource(file: string, env: Env, keepKeywords: boolean): string {
  const loaded = loadProjectClaims(file, env);
  const config: ClaimsConfig = keepKeywords ? loaded.config : loaded.resolved;
  return `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.default = ${JSON.stringify(config, null, 2)};\n`;
}
