// claims.yaml → a validated ClaimsConfig, with every problem reported at once at file:line:column.
import { ClaimkitError, formatIssue } from '../errors.ts';
import { isRecord } from '../lib/records.ts';
import { MAX_CUSTOM_CLAIMS_BYTES } from '../policy/index.ts';
import { INPUT_LIMITS } from '../project/input-limits.ts';
import { readYamlFile, type YamlFile } from '../project/yaml-file.ts';
import type { ClaimRule, ClaimsConfig, MachineClaimRule, OnOversize } from '../runtime/claims/config.ts';
import { validateClaim, type ClaimContext, type ValidatedClaim } from './claim.ts';
import { BUDGET_KEYS, ON_OVERSIZE, TOP_KEYS } from './fields.ts';
import { IssueList, type YamlPath } from './issues.ts';
import { keywordsIn, replaceKeywords, replaceKeywordsDeep, type KeywordMappings } from './keywords.ts';
import { lintClaims, lintMachineClaims } from './lint.ts';
import { validateMachineClaim, type ValidatedMachineClaim } from './machine-claim.ts';

/** The configuration file's default name, at the project root next to tenant.yaml. */
export const CLAIMS_FILE = 'claims.yaml';

export interface LoadOptions {
  /** API identifiers declared in tenant.yaml; when given, `when.audiences` must be among them. */
  audiences?: readonly string[];
  /** Client names declared in tenant.yaml; when given, `when.clients` must name one (or a client id). */
  clients?: readonly string[];
  /** Keyword values from the environment (AUTH0_KEYWORD_REPLACE_MAPPINGS); they override `keywords:`. */
  mappings?: KeywordMappings;
}

export interface LoadedClaims {
  file: string;
  /** As embedded in the bundle: keys keep their ##KEYWORD##s for auth0-deploy-cli to replace per tenant. */
  config: ClaimsConfig;
  /** With keywords replaced: what runs locally (tests, claimkit run, the local tenant). */
  resolved: ClaimsConfig;
  /** `keywords:` defaults merged with the environment's mappings. */
  mappings: Record<string, unknown>;
  claims: ValidatedClaim[];
  /** `machine_claims:`, for machine-to-machine access tokens. */
  machineClaims: ValidatedMachineClaim[];
}

/**
 * Replaces keywords in every string of a configuration (keys, values, conditions, role names…), as
 * a0deploy does in the bundle that embeds it: what runs locally is what the tenant runs.
 */
export function resolveConfig(config: ClaimsConfig, mappings: KeywordMappings): ClaimsConfig {
  return {
    ...config,
    namespace: replaceKeywords(config.namespace, mappings),
    claims: config.claims.map((c) => ({ ...(replaceKeywordsDeep(c, mappings) as ClaimRule), key: replaceKeywords(c.key, mappings) })),
    ...(config.machine_claims
      ? { machine_claims: config.machine_claims.map((c) => ({ ...(replaceKeywordsDeep(c, mappings) as MachineClaimRule), key: replaceKeywords(c.key, mappings) })) }
      : {}),
  };
}

function readKeywords(issues: IssueList, v: unknown): Record<string, string> {
  if (v === undefined) return {};
  if (!isRecord(v) || !Object.values(v).every((x) => typeof x === 'string')) {
    issues.add(['keywords'], '"keywords" must map keyword names to string values (local defaults; AUTH0_KEYWORD_REPLACE_MAPPINGS overrides them).');
    return {};
  }
  return v as Record<string, string>;
}

function readBudget(issues: IssueList, v: unknown): { max: number; onOversize: OnOversize } {
  const out = { max: MAX_CUSTOM_CLAIMS_BYTES, onOversize: 'drop' as OnOversize };
  if (v === undefined) return out;
  if (!isRecord(v)) {
    issues.add(['budget'], '"budget" must be a mapping with max_token_bytes and/or on_oversize.');
    return out;
  }
  issues.unknownKeys(v, BUDGET_KEYS, ['budget'], '"budget"');
  const max = v['max_token_bytes'];
  if (max !== undefined) {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_CUSTOM_CLAIMS_BYTES) {
      issues.add(['budget', 'max_token_bytes'], `"max_token_bytes" must be a whole number from 1 to ${MAX_CUSTOM_CLAIMS_BYTES} (Auth0's limit per token).`);
    } else out.max = max;
  }
  const on = v['on_oversize'];
  if (on !== undefined) {
    if (!(ON_OVERSIZE as readonly unknown[]).includes(on)) issues.add(['budget', 'on_oversize'], '"on_oversize" must be drop or deny.');
    else out.onOversize = on as OnOversize;
  }
  return out;
}

function readNamespace(issues: IssueList, v: unknown, mappings: KeywordMappings): string {
  if (typeof v !== 'string' || v.trim() === '') {
    issues.add(['namespace'], '"namespace" is required: a URL you own, such as https://claims.example.com/ (or "##CLAIM_NAMESPACE##").');
    return '';
  }
  for (const k of keywordsIn(v)) {
    if (!Object.prototype.hasOwnProperty.call(mappings, k)) {
      issues.add(['namespace'], `The keyword ${k} has no value. Give it a local default under "keywords:" or set it in AUTH0_KEYWORD_REPLACE_MAPPINGS.`);
    }
  }
  return v.trim();
}

/**
 * Every keyword used in a string of claims.yaml (names, values, conditions…) needs a value: the bundle
 * embeds them all, a0deploy would leave an unmapped one as it is, and the build refuses it. The namespace
 * and `keywords:` itself are checked on their own.
 */
function checkKeywordValues(issues: IssueList, v: unknown, path: YamlPath, mappings: KeywordMappings): void {
  if (typeof v === 'string') {
    for (const k of new Set(keywordsIn(v))) {
      if (!Object.prototype.hasOwnProperty.call(mappings, k)) issues.add(path, `The keyword ${k} has no value. Give it a local default under "keywords:" or set it in AUTH0_KEYWORD_REPLACE_MAPPINGS.`);
    }
  } else if (Array.isArray(v)) v.forEach((x, i) => checkKeywordValues(issues, x, [...path, i], mappings));
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) checkKeywordValues(issues, x, [...path, k], mappings);
}

/**
 * A namespace ending in a keyword takes claim names right after the keyword's value (claimKey: the
 * separator cannot depend on a value a0deploy only puts in at deploy time), so that value must end with
 * its own separator, or "https://claims.example.com" + "roles" becomes one host name.
 */
function checkKeywordSeparator(issues: IssueList, namespace: string, resolved: string): void {
  if (!namespace.endsWith('##') || resolved.endsWith('/') || resolved.endsWith(':') || keywordsIn(resolved).length > 0) return;
  issues.add(['namespace'], `The namespace ${namespace} is "${resolved}" here, and claim names are appended to it as they are ("${resolved}roles"). End the keyword's value with "/" (or ":" for a URN), such as "${resolved}/".`);
}

/**
 * A list of claims: each entry validated by `item`. `required`: it must be there and not empty (claims,
 * unless machine_claims are declared); a list that is present may not be empty either way.
 */
function readList<T>(issues: IssueList, raw: unknown, key: 'claims' | 'machine_claims', required: boolean, item: (raw: unknown, i: number) => T | undefined): T[] {
  if (raw === undefined && !required) return [];
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.add([key], `"${key}" must be a non-empty list of claims.`);
    return [];
  }
  return raw.flatMap((r, i) => {
    const v = item(r, i);
    return v === undefined ? [] : [v];
  });
}

/** Validates a parsed claims.yaml. Returns the configuration and the list of issues (empty when valid). */
export function validateClaimsYaml(yaml: YamlFile, options: LoadOptions = {}): { loaded?: LoadedClaims; issues: IssueList } {
  const issues = new IssueList(yaml);
  const root: unknown = yaml.data;
  if (!isRecord(root)) {
    issues.add([], 'claims.yaml must be a mapping with "namespace" and "claims".');
    return { issues };
  }
  issues.unknownKeys(root, TOP_KEYS, [], 'claims.yaml');
  const mappings = { ...readKeywords(issues, root['keywords']), ...(options.mappings ?? {}) };
  const namespace = readNamespace(issues, root['namespace'], mappings);
  const budget = readBudget(issues, root['budget']);
  for (const key of ['claims', 'machine_claims']) checkKeywordValues(issues, root[key], [key], mappings);
  const ctx: ClaimContext = { namespace, onOversize: budget.onOversize, audiences: options.audiences, clients: options.clients, mappings };
  const rawMachine = root['machine_claims'];
  const claims = readList(issues, root['claims'], 'claims', rawMachine === undefined, (raw, i) => validateClaim(issues, raw, ['claims', i], ctx));
  const machineClaims = readList(issues, rawMachine, 'machine_claims', false, (raw, i) => validateMachineClaim(issues, raw, ['machine_claims', i], ctx));
  const config: ClaimsConfig = {
    namespace,
    max_token_bytes: budget.max,
    claims: claims.map((c) => c.rule),
    ...(rawMachine === undefined ? {} : { machine_claims: machineClaims.map((c) => c.rule) }),
  };
  const resolved = resolveConfig(config, mappings);
  if (namespace !== '') checkKeywordSeparator(issues, namespace, resolved.namespace);
  if (issues.items.length === 0) {
    lintClaims(issues, resolved, claims);
    lintMachineClaims(issues, resolved, machineClaims);
  }
  return { loaded: { file: yaml.file, config, resolved, mappings, claims, machineClaims }, issues };
}

/** Reads and validates claims.yaml; throws ERR_CONFIG_INVALID listing every problem. */
export function loadClaimsConfig(file: string, options: LoadOptions = {}): LoadedClaims {
  const yaml = readYamlFile(file, 'ERR_CONFIG_INVALID', INPUT_LIMITS.claimsYaml);
  const { loaded, issues } = validateClaimsYaml(yaml, options);
  if (issues.items.length > 0 || !loaded) {
    const n = issues.items.length;
    throw new ClaimkitError('ERR_CONFIG_INVALID', `${file} has ${n} problem${n === 1 ? '' : 's'}:\n${issues.items.map((i) => `  ${formatIssue(i)}`).join('\n')}`, {
      issues: issues.items,
    });
  }
  return loaded;
}
