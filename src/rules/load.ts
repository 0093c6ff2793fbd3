import path from 'node:path';
import { replaceKeywords } from '../claims/keywords.ts';
import { projectKeywordMappings } from '../claims/project.ts';
import { ensureDependencies, stateDirOf, type EnsureOptions } from '../dependencies/index.ts';
import { sharedEngine, type EngineRule } from '../engine/index.ts';
import { ClaimkitError } from '../errors.ts';
import type { Env } from '../project/dotenv.ts';
import type { InputLimit } from '../project/input-limits.ts';
import { notUtf8, readInputFile } from '../project/read-input.ts';
import { NO_OVERRIDES, type SecretOverrides } from '../project/secrets.ts';
import { analyseRule, type RuleNeeds } from './analyse.ts';
import { parseRule, type ParsedRule } from './parse.ts';

/** A Rule's script: Auth0 stored it as a string; 1 MB is far above any real one. */
export const RULE_SCRIPT_LIMIT: InputLimit = { what: 'The Rule script', maxBytes: 1024 * 1024 };

/**
 * A Rule's script, bounded and UTF-8 (as Auth0 stored it): a Latin-1 file decoded anyway would turn its
 * "Zoë" into "Zo\uFFFD", in the claims `run` shows and in the Action `migrate` writes.
 */
export function readRuleScript(file: string): string {
  const text = readInputFile(file, RULE_SCRIPT_LIMIT);
  const bad = notUtf8(file, text);
  if (!bad) return text;
  throw new ClaimkitError('ERR_RULE_LOAD', `The Rule's script is not UTF-8 text (line ${bad.line} holds bytes that are not). Save the file as UTF-8.`, { location: { file, line: bad.line }, cause: bad.cause });
}

export interface LoadedRule {
  rule: EngineRule;
  parsed: ParsedRule;
  needs: RuleNeeds;
}

export interface LoadRuleOptions {
  /** The Rule's name; default: the file name without `.js`. */
  name?: string;
  /** Project root: keyword mappings and the dependency cache. */
  root: string;
  env: Env;
  install?: EnsureOptions;
}

export function ruleNameOf(file: string): string {
  const base = path.basename(file);
  return base.endsWith('.js') ? base.slice(0, -3) : base;
}

/** The versioned packages a Rule requires; an unversioned npm package is an error naming the fix. */
function dependenciesOf(needs: RuleNeeds, file: string): Array<{ name: string; version: string }> {
  const out = new Map<string, string>();
  for (const r of needs.requires) {
    if (r.builtin) continue;
    if (r.version === undefined || r.version === '') {
      throw new ClaimkitError(
        'ERR_DEPENDENCY_UNDECLARED',
        `The Rule requires '${r.id}' without a version. Rules name the version in the require, as Auth0 did: require('${r.name}@<version>') (the version you used on Auth0; Auth0's sandbox had one preinstalled).`,
        { location: { file, line: r.line } },
      );
    }
    const known = out.get(r.name);
    if (known !== undefined && known !== r.version) {
      throw new ClaimkitError('ERR_DEPENDENCY_INVALID', `The Rule requires ${r.name} at ${known} and at ${r.version}; require one version.`, { location: { file, line: r.line } });
    }
    out.set(r.name, r.version);
  }
  return [...out].map(([name, version]) => ({ name, version }));
}

/**
 * A Rule file as Auth0 would run it: keywords replaced as a deploy does, parsed (a syntax error is
 * ERR_RULE_LOAD at file:line:column), its versioned packages installed into the dependency cache, and
 * loaded by the Action engine.
 */
export async function loadRuleFile(file: string, options: LoadRuleOptions): Promise<LoadedRule> {
  const raw = readRuleScript(file);
  const script = replaceKeywords(raw, projectKeywordMappings(options.root, options.env));
  const parsed = parseRule(script, file);
  const needs = analyseRule(parsed);
  const dependencies = dependenciesOf(needs, file);
  const packages = await ensureDependencies(dependencies, stateDirOf(options.root), options.install);
  const rule: EngineRule = { name: options.name ?? ruleNameOf(file), code: script, filename: file, dependencies, packages };
  const failure = await sharedEngine().loadRule(rule);
  if (failure) throw new ClaimkitError('ERR_RULE_LOAD', failure.message, { location: { file, ...(failure.line === undefined ? {} : { line: failure.line }) } });
  return { rule, parsed, needs };
}

/**
 * The Rules' global `configuration`: every rulesConfigs key with a value, and every key a Rule reads.
 * A value comes from the event file's "secrets", then the environment and .env (`KEY`), then a value
 * given in tenant.yaml's rulesConfigs. A key a Rule reads with no value is ERR_SECRET_MISSING.
 */
export function ruleConfiguration(rules: readonly LoadedRule[], configs: ReadonlyMap<string, string | undefined>, env: Env, overrides: SecretOverrides = NO_OVERRIDES): Record<string, string> {
  const out: Record<string, string> = {};
  const valueOf = (key: string) => overrides.shared[key] ?? env[key] ?? configs.get(key);
  for (const key of configs.keys()) {
    const v = valueOf(key);
    if (v !== undefined) out[key] = v;
  }
  for (const r of rules) {
    for (const key of r.needs.configurationKeys) {
      const v = valueOf(key);
      if (v === undefined) {
        throw new ClaimkitError(
          'ERR_SECRET_MISSING',
          `The Rule "${r.rule.name}" reads configuration.${key}, which has no value. Set ${key}=… in .env or the environment, give it in the event file's "secrets", or add it to rulesConfigs in tenant.yaml.`,
        );
      }
      out[key] = v;
    }
  }
  return out;
}
