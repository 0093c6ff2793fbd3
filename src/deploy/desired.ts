// What tenant.yaml asks for, as a deploy sends it: keywords replaced in the yaml and in every Action's
// code (the code being our built bundles), each section claimkit deploys parsed by its handler, the
// sections auth0-deploy-cli applies for us kept as written.
import path from 'node:path';
import type { BuiltAction } from '../build/build.ts';
import { replaceKeywords, type KeywordMappings } from '../claims/keywords.ts';
import { ClaimkitError } from '../errors.ts';
import { asRecord, isRecord } from '../lib/records.ts';
import { withDatabaseScripts } from './database-scripts.ts';
import { withEmailBodies, withLoginPages } from './html-files.ts';
import { parseReplacedTenantYaml } from './replaced-yaml.ts';
import type { YamlItem } from './resources/contract.ts';
import { withSchemaDefaults } from './resources/defaults.ts';
import { FILTER_SECTIONS, isSection, PASSTHROUGH_SECTIONS, RESOURCE_HANDLERS, type Section } from './resources/registry.ts';

export interface DesiredTenant {
  /** The items of each section claimkit deploys, for the sections tenant.yaml has. */
  sections: Partial<Record<Section, YamlItem[]>>;
  /** auth0-deploy-cli sections claimkit does not compare, as written (after keyword replacement). */
  passthrough: Record<string, unknown>;
  /** a0deploy's `exclude` and `include`: per section, the item names a deploy leaves alone / keeps to. */
  exclude: Readonly<Record<string, readonly string[]>>;
  include: Readonly<Record<string, readonly string[]>>;
}

const names = (v: unknown): Record<string, string[]> =>
  Object.fromEntries(Object.entries(asRecord(v)).map(([k, list]) => [k, Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []]));

/** The files auth0-deploy-cli's YAML format names in claimkit's sections, read as it reads them. */
function withFiles(section: Section, items: YamlItem[], root: string, mappings: KeywordMappings): YamlItem[] {
  if (section === 'databases') return withDatabaseScripts(items, root, mappings);
  if (section === 'clients') return withLoginPages(items, root, mappings);
  if (section === 'connections') return withEmailBodies(items, root, mappings);
  return items;
}

export function desiredTenant(yamlText: string, built: readonly BuiltAction[], mappings: KeywordMappings, file = 'tenant.yaml'): DesiredTenant {
  // The build step has already read and checked this file within the input limits; its keywords' values are checked here.
  const document = asRecord(parseReplacedTenantYaml(yamlText, mappings, file));
  const code = new Map(built.map((b) => [b.name, replaceKeywords(b.code, mappings)]));
  const sections: Partial<Record<Section, YamlItem[]>> = {};
  const passthrough: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(document)) {
    if (isSection(name)) {
      const { items, issues } = RESOURCE_HANDLERS[name].parse(withSchemaDefaults(name, value));
      if (issues.length > 0) throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `tenant.yaml ${name}: ${issues.map((i) => `${[name, ...i.path].join('.')}: ${i.message}`).join('; ')}`);
      // An Action's `code` is its bundle from here on: that is what the tenant must run.
      sections[name] = name === 'actions' ? items.map((a) => ({ ...a, code: code.get(String(a['name'])) ?? '' })) : withFiles(name, items, path.dirname(file), mappings);
    } else if (PASSTHROUGH_SECTIONS.includes(name)) {
      passthrough[name] = value;
    } else if (!FILTER_SECTIONS.includes(name)) {
      throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `tenant.yaml has a section "${name}" that neither claimkit nor auth0-deploy-cli knows; nothing was sent.`);
    }
  }
  return { sections, passthrough, exclude: names(document['exclude']), include: names(document['include']) };
}

/** The Actions tenant.yaml declares (with their bundles), for secrets and smoke tests. */
export const desiredActions = (desired: DesiredTenant): YamlItem[] => desired.sections.actions ?? [];

/** An Action's declared secrets: `{ name, value? }` entries as written. */
export function declaredSecrets(action: YamlItem): Array<{ name: string; value?: string }> {
  const list = Array.isArray(action['secrets']) ? action['secrets'] : [];
  return list.filter(isRecord).map((s) => ({ name: String(s['name']), ...(typeof s['value'] === 'string' ? { value: s['value'] } : {}) }));
}
