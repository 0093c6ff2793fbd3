// Auth0's claim rules (src/policy) applied to a configuration before anything is built: what Auth0
// would silently drop at login becomes an error here.
import { evaluateClaim, MACHINE_CLAIM_RULES, namespaceKind, PROFILE_CLAIM_SCOPE, reservedNamespace, SCOPE_CLAIM, SCOPE_CLAIM_MESSAGE, type ClaimRuleId, type TokenKind } from '../policy/index.ts';
import { entryBytes, toClaimValue } from '../runtime/claims/compute.ts';
import type { ClaimConditions, ClaimsConfig, TokenTarget } from '../runtime/claims/config.ts';
import type { ValidatedMachineClaim } from './machine-claim.ts';
import type { ValidatedClaim } from './claim.ts';
import type { IssueList, YamlPath } from './issues.ts';

const TOKEN_KIND: Record<TokenTarget, TokenKind> = { id_token: 'id', access_token: 'access' };

function disjoint(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a !== undefined && b !== undefined && !a.some((x) => b.includes(x));
}

/** Whether two claims' conditions can both hold for one login. */
function canOverlap(a: ClaimConditions | undefined, b: ClaimConditions | undefined): boolean {
  if (disjoint(a?.audiences, b?.audiences) || disjoint(a?.clients, b?.clients)) return false;
  return !(a?.organization !== undefined && b?.organization !== undefined && a.organization !== b.organization);
}

/**
 * [j, i] for each claim j that writes the same key as an earlier claim i whose conditions can hold with
 * its own (and `alsoShare(i, j)`: the same token), with the first such i; in order of j.
 */
function firstCollisions<R extends { key: string; when?: ClaimConditions }>(rules: readonly R[], alsoShare: (a: R, b: R) => boolean): Array<[number, number]> {
  const byKey = new Map<string, number[]>();
  const out: Array<[number, number]> = [];
  rules.forEach((b, j) => {
    const earlier = byKey.get(b.key) ?? [];
    const i = earlier.find((k) => {
      const a = rules[k];
      return a !== undefined && canOverlap(a.when, b.when) && alsoShare(a, b);
    });
    if (i !== undefined) out.push([j, i]);
    earlier.push(j);
    byKey.set(b.key, earlier);
  });
  return out;
}

/** How to fix a claim the rule would drop, when there is a fix within claims.yaml. */
function fixFor(rule: ClaimRuleId, key: string): string {
  if (rule === 'profile-claim-without-scope') return ` Add when.scopes: [${PROFILE_CLAIM_SCOPE.get(key)}] or rename the claim.`;
  if (rule === 'restricted-name') return ' Keep the claim namespaced (remove namespaced: false) or rename it.';
  return '';
}

/**
 * A static value that alone does not fit the budget can never be set: at every login (or token request)
 * it applies to, the Action leaves it out or denies. The worst-case estimate only warns; this is certain.
 */
function staticOverBudget(issues: IssueList, at: YamlPath, rule: { key: string; source: { kind: string; value?: unknown }; on_oversize: 'drop' | 'deny' }, max: number): void {
  if (rule.source.kind !== 'static') return;
  const value = toClaimValue(rule.source.value);
  if (value === undefined) return;
  const bytes = 1 + entryBytes(rule.key, value);
  if (bytes <= max) return;
  const effect = rule.on_oversize === 'deny' ? 'deny every login or token request it applies to (on_oversize: deny)' : 'always leave it out (on_oversize: drop)';
  issues.add(at, `The claim "${rule.key}" alone is ${bytes} bytes of claims, over the ${max}-byte budget (budget.max_token_bytes; Auth0's limit is 102400): the Action would ${effect}. Shorten the value.`);
}

/** Auth0's api refuses the "scope" claim outright: the Action throws and the login (or token request) fails. */
function scopeIssue(issues: IssueList, at: YamlPath, key: string, what: string): boolean {
  if (key !== SCOPE_CLAIM) return false;
  issues.add(at, `Auth0 refuses the ${what} "${key}": setCustomClaim throws "${SCOPE_CLAIM_MESSAGE}", so the Action would fail every ${what === 'claim' ? 'login' : 'token request'} it applies to. Rename it, or keep it namespaced (remove namespaced: false).`);
  return true;
}

export function lintClaims(issues: IssueList, resolved: ClaimsConfig, claims: readonly ValidatedClaim[]): void {
  const ns = resolved.namespace;
  if (namespaceKind(`${ns}x`) === 'none') {
    issues.add(['namespace'], `The namespace "${ns}" must be an http(s) URL or a URN, such as https://claims.example.com/.`);
  } else {
    const reserved = reservedNamespace(`${ns}x`);
    if (reserved) issues.add(['namespace'], `The namespace "${ns}" is under ${reserved}, which Auth0 reserves: every claim under it is silently dropped. Use a domain you own.`);
  }
  claims.forEach((c, i) => {
    const rule = resolved.claims[i];
    if (!rule) return;
    const at = [...c.path, 'name'];
    if (scopeIssue(issues, at, rule.key, 'claim')) return;
    staticOverBudget(issues, [...c.path, 'value'], rule, resolved.max_token_bytes);
    for (const target of rule.tokens) {
      const token = TOKEN_KIND[target];
      // Every scope the claim's conditions guarantee; the audience is a real API when targeting access tokens.
      const scopes = new Set(rule.when?.scopes ?? []);
      const verdict = evaluateClaim(token, rule.key, { audience: 'https://api.invalid', scopes, tenantHosts: [] });
      const drop = verdict.drop;
      if (!drop) continue;
      if (drop.rule === 'reserved-namespace' && reservedNamespace(`${ns}x`)) continue; // already said for the namespace
      issues.add(at, `Auth0 would silently drop the claim "${rule.key}" from the ${target}: ${drop.reason}${fixFor(drop.rule, rule.key)}`);
    }
  });
  // Each claim is reported once, with the first earlier claim it collides with: n copies of one claim
  // are n - 1 errors, not n² (a hostile file of a few thousand lines made millions).
  for (const [j, i] of firstCollisions(resolved.claims, (a, b) => a.tokens.some((t) => b.tokens.includes(t)))) {
    const a = resolved.claims[i];
    const b = resolved.claims[j];
    const cb = claims[j];
    if (!a || !b || !cb) continue;
    const shared = a.tokens.filter((t) => b.tokens.includes(t));
    issues.add([...cb.path, 'name'], `Claims ${i + 1} and ${j + 1} both write "${b.key}" to the ${shared.join(' and ')}: the last would silently win. Rename one, or give them conditions that cannot both hold (different audiences or clients).`);
  }
}

/**
 * The same for machine claims, with the rules of a machine's access token (policy/machine.ts): names
 * Auth0 drops, and two machine claims writing one key when their conditions can both hold.
 */
export function lintMachineClaims(issues: IssueList, resolved: ClaimsConfig, claims: readonly ValidatedMachineClaim[]): void {
  const rules = resolved.machine_claims ?? [];
  const namespaceReserved = reservedNamespace(`${resolved.namespace}x`) !== undefined;
  claims.forEach((c, i) => {
    const rule = rules[i];
    if (!rule || scopeIssue(issues, [...c.path, 'name'], rule.key, 'machine claim')) return;
    staticOverBudget(issues, [...c.path, 'value'], rule, resolved.max_token_bytes);
    const ctx = { audience: 'https://api.invalid', scopes: new Set(rule.when?.scopes ?? []), tenantHosts: [] };
    const drop = evaluateClaim('access', rule.key, ctx, MACHINE_CLAIM_RULES).drop;
    if (!drop || (drop.rule === 'reserved-namespace' && namespaceReserved)) return;
    issues.add([...c.path, 'name'], `Auth0 would silently drop the machine claim "${rule.key}" from the access token: ${drop.reason}${fixFor(drop.rule, rule.key)}`);
  });
  for (const [j, i] of firstCollisions(rules, () => true)) {
    const b = rules[j];
    const cb = claims[j];
    if (!b || !cb) continue;
    issues.add([...cb.path, 'name'], `Machine claims ${i + 1} and ${j + 1} both write "${b.key}": the last would silently win. Rename one, or give them conditions that cannot both hold (different audiences or clients).`);
  }
}
