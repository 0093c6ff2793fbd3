// The generic claims Action's logic as a pure function: event + configuration → claims per token,
// already within budget, or a denial. It never throws on any event Auth0 can send.
import type { ClaimValue } from '../../types/api.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import type { ClaimConditions, ClaimRule, ClaimsConfig, TokenTarget } from './config.ts';
import { isAuth0ApiAudience } from '../../policy/context.ts';
import { namespaceKind } from '../../policy/namespace.ts';
import { readSource, roleNames } from './sources.ts';

export interface ComputedClaims {
  id_token: Record<string, ClaimValue>;
  access_token: Record<string, ClaimValue>;
  /** Claims left out to stay within the budget, per token. */
  dropped: Array<{ token: TokenTarget; key: string; bytes: number }>;
  /** Set when a claim configured with on_oversize: deny does not fit. */
  deny: string | null;
}

function requestedScopes(event: PostLoginEvent): string[] {
  const listed: unknown = event.transaction?.requested_scopes;
  if (Array.isArray(listed)) return listed.filter((s): s is string => typeof s === 'string');
  const scope = event.request?.query?.['scope'];
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
}

export function conditionsHold(when: ClaimConditions | undefined, event: PostLoginEvent): boolean {
  if (!when) return true;
  // By client id or by the name tenant.yaml gives it (ids are only known once Auth0 assigns them), as for machine claims.
  if (when.clients && !when.clients.some((c) => c === event.client?.client_id || c === event.client?.name)) return false;
  if (when.audiences) {
    const aud = event.resource_server?.identifier;
    if (aud === undefined || !when.audiences.includes(aud)) return false;
  }
  if (when.scopes) {
    const granted = requestedScopes(event);
    if (!when.scopes.every((s) => granted.includes(s))) return false;
  }
  if (when.organization !== undefined && (event.organization !== undefined && event.organization !== null) !== when.organization) return false;
  return true;
}

function selectRoles(rule: ClaimRule, roles: string[]): string[] {
  let out = roles;
  const { filter, rename } = rule;
  if (filter?.prefix !== undefined) out = out.filter((r) => r.startsWith(filter.prefix as string));
  if (filter?.pattern !== undefined) {
    const re = new RegExp(filter.pattern);
    out = out.filter((r) => re.test(r));
  }
  if (rename) {
    out = out.map((r) => {
      const mapped = rename.map && Object.prototype.hasOwnProperty.call(rename.map, r) ? rename.map[r] : undefined;
      if (mapped !== undefined) return mapped;
      return rename.strip_prefix && r.startsWith(rename.strip_prefix) ? r.slice(rename.strip_prefix.length) : r;
    });
  }
  return [...new Set(out)];
}

/** Deepest nesting of a claim value kept (objects and arrays below it are left out). */
export const MAX_CLAIM_VALUE_DEPTH = 32;

/** Keeps only what JSON can carry into a token; anything else counts as missing. */
export function toClaimValue(v: unknown, depth = 0): ClaimValue | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (depth > MAX_CLAIM_VALUE_DEPTH || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) return v.map((x) => toClaimValue(x, depth + 1)).filter((x): x is ClaimValue => x !== undefined);
  const out: Record<string, ClaimValue> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const cv = toClaimValue(x, depth + 1);
    if (cv !== undefined) Object.defineProperty(out, k, { value: cv, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The claim's value for this event, or undefined to leave the claim out. */
export function claimValue(rule: ClaimRule, event: PostLoginEvent): ClaimValue | undefined {
  const raw = readSource(event, rule.source);
  let value: ClaimValue | undefined;
  if (rule.source.kind === 'roles') {
    const roles = raw === undefined ? undefined : selectRoles(rule, roleNames(event));
    if (rule.shape === 'has_role') value = roles === undefined ? undefined : roleNames(event).some((r) => rule.roles?.includes(r) ?? false);
    else if (roles !== undefined) value = rule.shape === 'value' ? (roles[0] ?? undefined) : roles;
  } else {
    const cv = raw === undefined ? undefined : toClaimValue(raw);
    if (cv !== undefined) value = rule.shape === 'list' && !Array.isArray(cv) ? [cv] : cv;
  }
  return value !== undefined ? value : (toClaimValue(rule.default) ?? undefined);
}

function bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes one claim adds to a token's JSON claims object: "key":value plus a comma. */
export function entryBytes(key: string, value: ClaimValue): number {
  return bytes(JSON.stringify(key)) + 1 + bytes(JSON.stringify(value)) + 1;
}

const TOKENS: readonly TokenTarget[] = ['id_token', 'access_token'];

/**
 * Whether Auth0 would keep this claim on the access token of this login: without an audience the token
 * is opaque, and Auth0's own APIs take no private (non-namespaced) claims (docs "Create Custom Claims").
 */
function reachesAccessToken(key: string, event: PostLoginEvent): boolean {
  const audience = event.resource_server?.identifier;
  if (audience === undefined) return false;
  const hosts = [event.request?.hostname, event.custom_domain?.domain].filter((h): h is string => typeof h === 'string');
  return namespaceKind(key) !== 'none' || !isAuth0ApiAudience(audience, hosts);
}

/** A claim that applies to this event, with its value and size. */
export interface SizedClaim<R extends { key: string; on_oversize: ClaimRule['on_oversize'] }> {
  rule: R;
  value: ClaimValue;
  size: number;
}

/**
 * Keeps a token's claims within `max` bytes: the largest go first, so as few claims as possible are left
 * out; a claim that must not be dropped (on_oversize: deny) denies instead. `label` names the token.
 */
export function fitBudget<R extends { key: string; on_oversize: ClaimRule['on_oversize'] }>(entries: ReadonlyArray<SizedClaim<R>>, max: number, label: string): { kept: Array<SizedClaim<R>>; dropped: Array<{ key: string; bytes: number }>; deny: string | null } {
  const kept = [...entries];
  const dropped: Array<{ key: string; bytes: number }> = [];
  let deny: string | null = null;
  let total = 2 + kept.reduce((n, e) => n + e.size, 0) - (kept.length > 0 ? 1 : 0);
  if (total > max) {
    for (const e of [...kept].sort((a, b) => b.size - a.size)) {
      if (total <= max) break;
      if (e.rule.on_oversize === 'deny') {
        deny ??= `The ${label}'s claims would exceed ${max} bytes (claim ${e.rule.key} alone is ${e.size} bytes).`;
        continue;
      }
      kept.splice(kept.indexOf(e), 1);
      total -= e.size;
      dropped.push({ key: e.rule.key, bytes: e.size });
    }
    if (total > max) deny ??= `The ${label}'s claims would exceed ${max} bytes.`;
  }
  return { kept, dropped, deny };
}

/** The claims object of a token: own properties even for keys like "__proto__". */
export function claimsObject(entries: ReadonlyArray<{ rule: { key: string }; value: ClaimValue }>): Record<string, ClaimValue> {
  const out: Record<string, ClaimValue> = {};
  for (const e of entries) Object.defineProperty(out, e.rule.key, { value: e.value, enumerable: true, writable: true, configurable: true });
  return out;
}

export function computeClaims(config: ClaimsConfig, event: PostLoginEvent): ComputedClaims {
  const out: ComputedClaims = { id_token: {}, access_token: {}, dropped: [], deny: null };
  const sized: Record<TokenTarget, Array<SizedClaim<ClaimRule>>> = { id_token: [], access_token: [] };
  for (const rule of config.claims) {
    if (!conditionsHold(rule.when, event)) continue;
    const value = claimValue(rule, event);
    if (value === undefined) continue;
    const size = entryBytes(rule.key, value);
    for (const token of rule.tokens) {
      // Setting a claim Auth0 would drop only hides a mistake: leave it out.
      if (token === 'access_token' && !reachesAccessToken(rule.key, event)) continue;
      sized[token].push({ rule, value, size });
    }
  }
  for (const token of TOKENS) {
    const fitted = fitBudget(sized[token], config.max_token_bytes, token === 'id_token' ? 'ID token' : 'access token');
    out.dropped.push(...fitted.dropped.map((d) => ({ token, ...d })));
    out.deny ??= fitted.deny;
    out[token] = claimsObject(fitted.kept);
  }
  return out;
}
