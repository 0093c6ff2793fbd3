// tenant.yaml's `exclude` and `include` (auth0-deploy-cli's): per section, the names a deploy leaves
// alone / keeps to. A misspelt section or a name given as a string rather than a list would be ignored
// silently — and with --allow-delete the item meant to be left alone would be deleted — so each must be
// a known section mapped to a list of names.
import { closest } from '../lib/similar.ts';
import { isRecord } from '../lib/records.ts';
import { locate } from '../project/yaml-file.ts';
import type { TenantConfig } from '../project/tenant-yaml.ts';
import { FILTER_SECTIONS, PASSTHROUGH_SECTIONS, RESOURCE_HANDLERS } from '../deploy/resources/registry.ts';
import { error, type Finding } from './findings.ts';

export function checkFilters(tenant: TenantConfig): Finding[] {
  const root = tenant.yaml.data;
  if (!isRecord(root)) return [];
  const sections = [...Object.keys(RESOURCE_HANDLERS), ...PASSTHROUGH_SECTIONS];
  const out: Finding[] = [];
  const fail = (at: Array<string | number>, message: string) => out.push(error('ERR_TENANT_YAML_INVALID', locate(tenant.yaml, at), message));
  for (const filter of FILTER_SECTIONS) {
    const value = root[filter];
    if (value === undefined || value === null) continue;
    if (!isRecord(value)) {
      fail([filter], `"${filter}" must map section names to lists of item names, such as ${filter}: { clients: [Legacy App] }.`);
      continue;
    }
    for (const [section, names] of Object.entries(value)) {
      if (!sections.includes(section)) {
        const hint = closest(section, sections);
        fail([filter, section], `${filter}: "${section}" is not a tenant.yaml section${hint ? ` (did you mean "${hint}"?)` : ''}; a deploy would ignore it. Rename or remove it.`);
      } else if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
        fail([filter, section], `${filter}.${section} must be a list of names (${filter}: { ${section}: [name, …] }); anything else would be ignored by a deploy.`);
      }
    }
  }
  return out;
}
