// Validates one entry of claims.yaml `claims:` into a ClaimRule (key still holding keywords).
import type { ClaimConditions, ClaimRule, ClaimSource, OnOversize, RoleFilter, RoleRename, Shape, TokenTarget } from '../runtime/claims/config.ts';
import { isRecord } from '../lib/records.ts';
import { CLAIM_KEYS, FILTER_KEYS, ON_OVERSIZE, parseSource, RENAME_KEYS, SHAPES, TOKENS, WHEN_KEYS } from './fields.ts';
import type { IssueList, YamlPath } from './issues.ts';
import { keywordsIn, replaceKeywords, type KeywordMappings } from './keywords.ts';
import { MAX_CLAIM_VALUE_DEPTH } from '../runtime/claims/compute.ts';

export interface ClaimContext {
  namespace: string;
  onOversize: OnOversize;
  /** API identifiers declared in tenant.yaml; undefined when there is no tenant.yaml to compare with. */
  audiences: readonly string[] | undefined;
  /** Client names declared in tenant.yaml (when.clients); undefined without a tenant.yaml. */
  clients?: readonly string[] | undefined;
  /** Keyword values: an audience is compared with tenant.yaml's as both are deployed, keywords replaced. */
  mappings?: KeywordMappings;
}

export interface ValidatedClaim {
  rule: ClaimRule;
  path: YamlPath;
  /** Sizing hints for the worst-case estimate. */
  maxItems: number | undefined;
  maxBytes: number | undefined;
}

export function stringList(issues: IssueList, v: unknown, path: YamlPath, what: string): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && x !== '')) {
    issues.add(path, `${what} must be a non-empty list of strings.`);
    return undefined;
  }
  return v as string[];
}

export function positiveInt(issues: IssueList, v: unknown, path: YamlPath, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    issues.add(path, `${what} must be a positive whole number.`);
    return undefined;
  }
  return v;
}

/** Why a YAML value cannot be a claim's value as written (a tag's Date, Buffer, Set…, .inf, too deep), or undefined. */
function jsonProblem(v: unknown, depth: number): string | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${String(v)} is not a JSON number`;
  if (typeof v !== 'object') return `a ${typeof v} is not JSON`;
  if (depth > MAX_CLAIM_VALUE_DEPTH) return `it nests deeper than ${MAX_CLAIM_VALUE_DEPTH} levels`;
  if (Array.isArray(v)) {
    for (const x of v) {
      const p = jsonProblem(x, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return `a ${(v as { constructor?: { name?: string } }).constructor?.name ?? 'non-plain object'} (from a YAML tag) is not JSON`;
  for (const x of Object.values(v)) {
    const p = jsonProblem(x, depth + 1);
    if (p) return p;
  }
  return undefined;
}

/** A static `value` or `default` must reach the token as written: plain JSON (no !!binary, !!set, !!timestamp, .inf, .nan). */
export function checkJsonValue(issues: IssueList, v: unknown, path: YamlPath, what: string): boolean {
  const problem = jsonProblem(v, 0);
  if (problem) issues.add(path, `${what} must be plain JSON (a string, number, boolean, null, list or mapping): ${problem}. Write the value out as JSON would.`);
  return problem === undefined;
}

/** A client id as Auth0 makes them: 32 letters and digits. */
const CLIENT_ID = /^[A-Za-z0-9]{32}$/;

/** when.clients names clients declared in tenant.yaml (by name) or client ids, keywords replaced on both sides. */
export function checkClients(issues: IssueList, clients: readonly string[] | undefined, path: YamlPath, ctx: ClaimContext): void {
  if (clients === undefined || ctx.clients === undefined) return;
  const resolve = (c: string) => replaceKeywords(c, ctx.mappings ?? {});
  const known = ctx.clients.map(resolve);
  clients.forEach((raw, i) => {
    const c = resolve(raw);
    // A keyword with no value is reported on its own.
    if (known.includes(c) || CLIENT_ID.test(c) || keywordsIn(c).length > 0) return;
    issues.add([...path, 'clients', i], `"${c}" is neither a client declared in tenant.yaml (clients[].name: ${known.length > 0 ? known.join(', ') : 'none'}) nor a client id. Name a declared client, or give its client_id.`);
  });
}

/** `https://x.com/` + `roles` → `https://x.com/roles`; a name that is already a URL or URN is kept. */
export function claimKey(namespace: string, name: string, namespaced: boolean): string {
  if (!namespaced || /^(https?:\/\/|urn:)/i.test(name)) return name;
  if (namespace.endsWith('/') || namespace.endsWith(':') || namespace.endsWith('##')) return `${namespace}${name}`;
  return `${namespace}/${name}`;
}

export function validateWhen(issues: IssueList, v: unknown, path: YamlPath, ctx: ClaimContext): ClaimConditions | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) {
    issues.add(path, '"when" must be a mapping of conditions (clients, audiences, scopes, organization).');
    return undefined;
  }
  issues.unknownKeys(v, WHEN_KEYS, path, '"when"');
  const when: ClaimConditions = {};
  if (v['clients'] !== undefined) {
    const clients = stringList(issues, v['clients'], [...path, 'clients'], '"when.clients"');
    if (clients) when.clients = clients;
  }
  if (v['audiences'] !== undefined) {
    const audiences = stringList(issues, v['audiences'], [...path, 'audiences'], '"when.audiences"');
    if (audiences) when.audiences = audiences;
    const resolve = (a: string) => replaceKeywords(a, ctx.mappings ?? {});
    const declared = ctx.audiences?.map(resolve);
    audiences?.forEach((aud, i) => {
      if (declared !== undefined && !declared.includes(resolve(aud))) {
        issues.add([...path, 'audiences', i], `The audience "${aud}" is not declared in tenant.yaml (resourceServers[].identifier). Declare the API there or fix the identifier.`);
      }
    });
  }
  if (v['scopes'] !== undefined) {
    const scopes = stringList(issues, v['scopes'], [...path, 'scopes'], '"when.scopes"');
    scopes?.forEach((s, i) => /\s/.test(s) && issues.add([...path, 'scopes', i], `The scope "${s}" contains whitespace: list one scope per entry.`));
    if (scopes) when.scopes = scopes;
  }
  if (v['organization'] !== undefined) {
    if (typeof v['organization'] !== 'boolean') issues.add([...path, 'organization'], '"when.organization" must be true (only inside an organization) or false (only outside one).');
    else when.organization = v['organization'];
  }
  return when;
}

function validateRoleOptions(issues: IssueList, c: Record<string, unknown>, path: YamlPath): { filter?: RoleFilter; rename?: RoleRename } {
  const out: { filter?: RoleFilter; rename?: RoleRename } = {};
  const f = c['filter'];
  if (f !== undefined) {
    if (!isRecord(f)) issues.add([...path, 'filter'], '"filter" must be a mapping with "prefix" or "pattern".');
    else {
      issues.unknownKeys(f, FILTER_KEYS, [...path, 'filter'], '"filter"');
      const filter: RoleFilter = {};
      if (f['prefix'] !== undefined) {
        if (typeof f['prefix'] !== 'string' || f['prefix'] === '') issues.add([...path, 'filter', 'prefix'], '"filter.prefix" must be a non-empty string.');
        else filter.prefix = f['prefix'];
      }
      if (f['pattern'] !== undefined) {
        if (typeof f['pattern'] !== 'string') issues.add([...path, 'filter', 'pattern'], '"filter.pattern" must be a regular expression string.');
        else {
          try {
            new RegExp(f['pattern']);
            filter.pattern = f['pattern'];
          } catch (err) {
            issues.add([...path, 'filter', 'pattern'], `"filter.pattern" is not a valid regular expression: ${(err as Error).message}.`);
          }
        }
      }
      out.filter = filter;
    }
  }
  const r = c['rename'];
  if (r !== undefined) {
    if (!isRecord(r)) issues.add([...path, 'rename'], '"rename" must be a mapping with "strip_prefix" and/or "map".');
    else {
      issues.unknownKeys(r, RENAME_KEYS, [...path, 'rename'], '"rename"');
      const rename: RoleRename = {};
      if (r['strip_prefix'] !== undefined) {
        if (typeof r['strip_prefix'] !== 'string' || r['strip_prefix'] === '') issues.add([...path, 'rename', 'strip_prefix'], '"rename.strip_prefix" must be a non-empty string.');
        else rename.strip_prefix = r['strip_prefix'];
      }
      const map = r['map'];
      if (map !== undefined) {
        if (!isRecord(map) || !Object.values(map).every((x) => typeof x === 'string' && x !== '')) {
          issues.add([...path, 'rename', 'map'], '"rename.map" must map role names to non-empty strings.');
        } else rename.map = map as Record<string, string>;
      }
      out.rename = rename;
    }
  }
  return out;
}

/**
 * A claim's `source` (parsed by `parse`, which returns a message when the text is wrong) or its static
 * `value`: exactly one of them. `messages` say what a claim of this kind needs.
 */
export function validateSourceOf<S>(
  issues: IssueList,
  c: Record<string, unknown>,
  path: YamlPath,
  parse: (text: string) => S | string,
  messages: { oneOf: string; notString: string },
): S | { kind: 'static'; value: unknown } | undefined {
  const hasSource = c['source'] !== undefined;
  const hasValue = Object.prototype.hasOwnProperty.call(c, 'value');
  if (hasSource === hasValue) {
    issues.add(path, messages.oneOf);
    return undefined;
  }
  if (hasValue) return checkJsonValue(issues, c['value'], [...path, 'value'], '"value"') ? { kind: 'static', value: c['value'] } : undefined;
  if (typeof c['source'] !== 'string') {
    issues.add([...path, 'source'], messages.notString);
    return undefined;
  }
  const parsed = parse(c['source']);
  if (typeof parsed === 'string') {
    issues.add([...path, 'source'], parsed);
    return undefined;
  }
  return parsed;
}

function validateSource(issues: IssueList, c: Record<string, unknown>, path: YamlPath): ClaimSource | undefined {
  return validateSourceOf(issues, c, path, parseSource, {
    oneOf: 'A claim needs exactly one of "source" (where the value comes from) or "value" (a static value).',
    notString: '"source" must be a string such as roles or app_metadata.tenant_id.',
  });
}

export function validateClaim(issues: IssueList, raw: unknown, path: YamlPath, ctx: ClaimContext): ValidatedClaim | undefined {
  if (!isRecord(raw)) {
    issues.add(path, 'Each claim must be a mapping with at least name, source (or value) and tokens.');
    return undefined;
  }
  const c = raw;
  issues.unknownKeys(c, CLAIM_KEYS, path, 'a claim');
  const before = issues.items.length;
  const name = c['name'];
  if (typeof name !== 'string' || name.trim() === '') issues.add([...path, 'name'], '"name" must be a non-empty string, such as roles.');
  const source = validateSource(issues, c, path);
  const tokens = stringList(issues, c['tokens'], [...path, 'tokens'], '"tokens"');
  tokens?.forEach((t, i) => !(TOKENS as readonly string[]).includes(t) && issues.add([...path, 'tokens', i], `Unknown token "${t}". Use id_token and/or access_token.`));
  if (tokens && new Set(tokens).size !== tokens.length) issues.add([...path, 'tokens'], '"tokens" lists a token twice.');
  const shapeRaw = c['shape'] ?? (source?.kind === 'roles' ? 'list' : 'value');
  if (!(SHAPES as readonly unknown[]).includes(shapeRaw)) issues.add([...path, 'shape'], `"shape" must be one of ${SHAPES.join(', ')}.`);
  const shape = shapeRaw as Shape;
  let roles: string[] | undefined;
  if (shape === 'has_role') {
    if (source && source.kind !== 'roles') issues.add([...path, 'shape'], '"has_role" needs source: roles.');
    if ((c['role'] === undefined) === (c['roles'] === undefined)) issues.add(path, '"has_role" needs exactly one of "role: <name>" or "roles: [<names>]".');
    else if (c['role'] !== undefined) {
      if (typeof c['role'] !== 'string' || c['role'] === '') issues.add([...path, 'role'], '"role" must be a role name.');
      else roles = [c['role']];
    } else roles = stringList(issues, c['roles'], [...path, 'roles'], '"roles"');
  } else {
    for (const k of ['role', 'roles'] as const) if (c[k] !== undefined) issues.add([...path, k], `"${k}" is only used with shape: has_role.`);
  }
  for (const k of ['filter', 'rename', 'max_items'] as const) {
    if (c[k] !== undefined && (source?.kind !== 'roles' || shape === 'has_role')) issues.add([...path, k], `"${k}" applies to role lists only (source: roles, shape list or value).`);
  }
  const roleOptions = source?.kind === 'roles' ? validateRoleOptions(issues, c, path) : {};
  const when = validateWhen(issues, c['when'], [...path, 'when'], ctx);
  checkClients(issues, when?.clients, [...path, 'when'], ctx);
  const namespaced = c['namespaced'] ?? true;
  if (typeof namespaced !== 'boolean') issues.add([...path, 'namespaced'], '"namespaced" must be true or false.');
  const onOversize = c['on_oversize'] ?? ctx.onOversize;
  if (!(ON_OVERSIZE as readonly unknown[]).includes(onOversize)) issues.add([...path, 'on_oversize'], '"on_oversize" must be drop or deny.');
  const maxItems = positiveInt(issues, c['max_items'], [...path, 'max_items'], '"max_items"');
  const maxBytes = positiveInt(issues, c['max_bytes'], [...path, 'max_bytes'], '"max_bytes"');
  if (c['default'] !== undefined) checkJsonValue(issues, c['default'], [...path, 'default'], '"default"');
  if (issues.items.length > before || typeof name !== 'string' || !source || !tokens) return undefined;
  const rule: ClaimRule = {
    key: claimKey(ctx.namespace, name.trim(), namespaced === true),
    source,
    tokens: tokens as TokenTarget[],
    shape,
    on_oversize: onOversize as OnOversize,
    ...(roles ? { roles } : {}),
    ...roleOptions,
    ...(Object.prototype.hasOwnProperty.call(c, 'default') ? { default: c['default'] } : {}),
    ...(when ? { when } : {}),
  };
  return { rule, path, maxItems, maxBytes };
}
