// The sections claimkit deploys, read from an export by their own handlers (the parse a deploy runs):
// an item a deploy would refuse is an error here, with every problem and where it is.
import type { YamlItem } from '../deploy/resources/contract.ts';
import { APPLY_ORDER, RESOURCE_HANDLERS, type Section } from '../deploy/resources/registry.ts';
import { invalid } from './export-files.ts';

const pathText = (section: string, path: ReadonlyArray<string | number>) => [section, ...path].map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

export function fromSections(values: Partial<Record<Section, unknown>>, file: string): Partial<Record<Section, YamlItem[]>> {
  const out: Partial<Record<Section, YamlItem[]>> = {};
  const problems: string[] = [];
  for (const section of APPLY_ORDER) {
    if (values[section] === undefined) continue;
    const { items, issues } = RESOURCE_HANDLERS[section].parse(values[section]);
    problems.push(...issues.map((i) => `${pathText(section, i.path)}: ${i.message}`));
    out[section] = items;
  }
  if (problems.length > 0) throw invalid(file, `The export cannot be converted; fix these and convert again:\n${problems.slice(0, 20).map((p) => `  - ${p}`).join('\n')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`);
  return out;
}
