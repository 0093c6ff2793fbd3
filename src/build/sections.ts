// tenant.yaml's sections against what a deploy can do with them: each section claimkit deploys is read
// by its resource handler (every problem reported at its line), auth0-deploy-cli's other sections are
// passed through, and any other key is an error — a deploy never skips part of tenant.yaml silently.
import { closest } from '../lib/similar.ts';
import { isRecord } from '../lib/records.ts';
import { locate } from '../project/yaml-file.ts';
import type { TenantConfig } from '../project/tenant-yaml.ts';
import { databaseScriptProblems } from '../deploy/database-scripts.ts';
import { passthroughFileProblems } from '../deploy/passthrough-files.ts';
import { FILTER_SECTIONS, isSection, PASSTHROUGH_SECTIONS, RESOURCE_HANDLERS } from '../deploy/resources/registry.ts';
import { error, type Finding } from './findings.ts';

export function checkSections(tenant: TenantConfig): Finding[] {
  const root = tenant.yaml.data;
  if (!isRecord(root)) return [];
  const known = [...Object.keys(RESOURCE_HANDLERS), ...PASSTHROUGH_SECTIONS, ...FILTER_SECTIONS];
  const out: Finding[] = [];
  for (const [name, value] of Object.entries(root)) {
    if (isSection(name)) {
      for (const issue of RESOURCE_HANDLERS[name].parse(value).issues) out.push(error('ERR_TENANT_YAML_INVALID', locate(tenant.yaml, [name, ...issue.path]), `${name}: ${issue.message}`));
    } else if (!known.includes(name)) {
      const hint = closest(name, known);
      out.push(error('ERR_TENANT_YAML_INVALID', locate(tenant.yaml, [name]), `"${name}" is not a tenant.yaml section that claimkit or auth0-deploy-cli knows${hint ? ` (did you mean "${hint}"?)` : ''}. A deploy would not know what to do with it: rename or remove it.`));
    }
  }
  for (const p of [...passthroughFileProblems(root, tenant.dir, true), ...databaseScriptProblems(root['databases'], tenant.dir)]) out.push(error('ERR_TENANT_YAML_INVALID', locate(tenant.yaml, p.path), `${p.path.join('.')}: ${p.message}`));
  return out;
}
