// Where a project's Rules are, in auth0-deploy-cli's two formats (read from its yaml and directory
// handlers for rules and rulesConfigs):
//   tenant.yaml   rules: [{ name, script: ./rules/<name>.js, order, enabled, stage }]   (script: relative to the yaml)
//                 rulesConfigs: [{ key, value }]
//   directory     rules/<name>.json { name, script: ./<name>.js, order, enabled, stage } (script: relative to rules/)
//                 rules-configs/<key>.json { key, value }
import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import { isPlainObject } from '../harness/clone.ts';
import { INPUT_LIMITS } from '../project/input-limits.ts';
import { readJsonFile } from '../project/json-file.ts';
import { readTenantYaml } from '../project/tenant-yaml.ts';
import { locate } from '../project/yaml-file.ts';
import { ruleNameOf } from './load.ts';

export interface TenantRule {
  name: string;
  /** The script file, absolute. */
  file: string;
  /** Lower runs first; Rules without an order run last (deploy-cli schema: "order"). */
  order: number | null;
  enabled: boolean;
  /** Only `login_success` Rules run in the login pipeline. */
  stage: string;
  /** Where the Rule is declared, for messages. */
  declaredIn: string;
}

export interface TenantRules {
  /** Every declared Rule, in the order the pipeline runs the enabled login ones. */
  rules: TenantRule[];
  /** rulesConfigs: key → value (undefined when the file gives no value, as exports never do). */
  configs: Map<string, string | undefined>;
}

function ruleFrom(raw: unknown, base: string, declaredIn: string, fail: (m: string) => never): TenantRule {
  if (!isPlainObject(raw)) fail('A Rule must be a mapping with name and script.');
  const { name, script, order, enabled, stage } = raw;
  if (typeof name !== 'string' || name === '') fail('A Rule needs a "name".');
  if (typeof script !== 'string' || script === '') fail(`The Rule "${name}" needs a "script": the path of its .js file.`);
  if (order !== undefined && order !== null && typeof order !== 'number') fail(`The Rule "${name}" has an "order" that is not a number.`);
  if (enabled !== undefined && typeof enabled !== 'boolean') fail(`The Rule "${name}" has an "enabled" that is not true or false.`);
  if (stage !== undefined && typeof stage !== 'string') fail(`The Rule "${name}" has a "stage" that is not a string.`);
  return { name, file: path.resolve(base, script), order: typeof order === 'number' ? order : null, enabled: enabled !== false, stage: stage ?? 'login_success', declaredIn };
}

function fromYaml(file: string, rules: TenantRule[], configs: Map<string, string | undefined>): void {
  const tenant = readTenantYaml(file);
  const data = isPlainObject(tenant.yaml.data) ? tenant.yaml.data : {};
  const failAt = (at: ReadonlyArray<string | number>) => (message: string): never => {
    throw new ClaimkitError('ERR_TENANT_YAML_INVALID', message, { location: locate(tenant.yaml, at) });
  };
  const list = data['rules'];
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) failAt(['rules'])('"rules" must be a list.');
    (list as unknown[]).forEach((raw, i) => rules.push(ruleFrom(raw, tenant.dir, file, failAt(['rules', i]))));
  }
  const rc = data['rulesConfigs'];
  if (Array.isArray(rc)) {
    rc.forEach((raw, i) => {
      if (!isPlainObject(raw) || typeof raw['key'] !== 'string') failAt(['rulesConfigs', i])('Each rulesConfigs entry needs a "key".');
      configs.set(raw['key'] as string, typeof raw['value'] === 'string' ? raw['value'] : undefined);
    });
  }
}

function jsonFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

function fromDirectory(root: string, rules: TenantRule[], configs: Map<string, string | undefined>): void {
  for (const file of jsonFiles(path.join(root, 'rules'))) {
    const json = readJsonFile(file, { ...INPUT_LIMITS.eventJson, what: 'A Rule file' });
    const fail = (message: string): never => {
      throw new ClaimkitError('ERR_TENANT_YAML_INVALID', message, { location: { file } });
    };
    rules.push(ruleFrom(json.value, path.dirname(file), file, fail));
  }
  for (const file of jsonFiles(path.join(root, 'rules-configs'))) {
    const json = readJsonFile(file, { ...INPUT_LIMITS.eventJson, what: 'A rules-configs file' });
    const v = json.value;
    if (!isPlainObject(v) || typeof v['key'] !== 'string') throw new ClaimkitError('ERR_TENANT_YAML_INVALID', 'A rules-configs file needs a "key".', { location: { file } });
    configs.set(v['key'], typeof v['value'] === 'string' ? v['value'] : undefined);
  }
}

/** The pipeline's order: by `order`, Rules without one last, ties by name. */
function pipelineOrder(a: TenantRule, b: TenantRule): number {
  if (a.order !== b.order) return a.order === null ? 1 : b.order === null ? -1 : a.order - b.order;
  return a.name.localeCompare(b.name);
}

/**
 * The project's Rules: tenant.yaml's `rules:` (with `tenantFile`) and an auth0-deploy-cli directory
 * export's `rules/` folder (in `root`), in pipeline order, with the rulesConfigs keys.
 */
export function readTenantRules(root: string, tenantFile?: string): TenantRules {
  const rules: TenantRule[] = [];
  const configs = new Map<string, string | undefined>();
  if (tenantFile !== undefined && fs.existsSync(tenantFile)) fromYaml(tenantFile, rules, configs);
  fromDirectory(root, rules, configs);
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.name)) throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `Two Rules are named "${r.name}". Rule names are unique in a tenant.`, { location: { file: r.declaredIn } });
    seen.add(r.name);
  }
  return { rules: rules.sort(pipelineOrder), configs };
}

/** The Rules the login pipeline runs: enabled, stage login_success, in order. */
export function loginRules(t: TenantRules): TenantRule[] {
  return t.rules.filter((r) => r.enabled && r.stage === 'login_success');
}

/** A Rule given on the command line: a .js file, or the name of a Rule the project declares. */
export interface RuleRef {
  name: string;
  file: string;
}

/**
 * `--rule X` arguments as Rules to run, in the order given: X is a file (its name is the file name), or
 * the name of a Rule in tenant.yaml or the directory export. With `all`, every enabled login Rule of the
 * project in pipeline order comes first.
 */
export function resolveRuleRefs(args: readonly string[], all: boolean, cwd: string, project: TenantRules): RuleRef[] {
  const out: RuleRef[] = all ? loginRules(project).map((r) => ({ name: r.name, file: r.file })) : [];
  for (const arg of args) {
    const file = path.resolve(cwd, arg);
    const declared = project.rules.find((r) => r.name === arg || r.file === file);
    if (declared) out.push({ name: declared.name, file: declared.file });
    else if (fs.existsSync(file)) out.push({ name: ruleNameOf(file), file });
    else {
      const names = project.rules.map((r) => r.name);
      throw new ClaimkitError(
        'ERR_RULE_NOT_FOUND',
        `No Rule file ${file} and no Rule named "${arg}" in tenant.yaml's rules: or a rules/ folder.${names.length ? ` Declared Rules: ${names.join(', ')}.` : ''}`,
      );
    }
  }
  for (const r of out) {
    if (!fs.existsSync(r.file)) throw new ClaimkitError('ERR_FILE_NOT_FOUND', `The Rule "${r.name}" has its script at ${r.file}, which does not exist.`);
  }
  return out;
}
