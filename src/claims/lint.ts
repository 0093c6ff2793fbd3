// Auth0's claim rules (src/policy) applied to a configuration before anything is built: what Auth0
// would silently drop at login becomes an error here.
import { evaluateClaim, namespaceKind, PROFILE_CLAIM_SCOPE, reservedNamespace, type TokenKind } from '../policy/index.ts';
import type { ClaimConditions, ClaimsConfig, TokenTarget } from '../runtime/claims/config.ts';
import type { ValidatedClaim } from './claim.ts';
import type { IssueList } from './issues.ts';

const TOKEN_KIND: Record<TokenTarget, TokenKind> = { id_token: 'id', access_token: 'access' };

function disjoint(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a !== undefined && b !== undefined && !a.some((x) => b.includes(x));
}

/** Whether two claims' conditions can both hold for one login. */
function canOverlap(a: ClaimConditions | undefined, b: ClaimConditions | undefined): boolean {
  if (disjoint(a?.audiences, b?.audiences) || disjoint(a?.clients, b?.clients)) return false;
  return !(a?.organization !== undefined && b?.organization !== undefined && a.organization !== b.organization);
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
    for (const target of rule.tokens) {
      const token = TOKEN_KIND[target];
      // Every scope the claim's conditions guarantee; the audience is a real API when targeting access tokens.
      const scopes = new Set(rule.when?.scopes ?? []);
      const verdict = evaluateClaim(token, rule.key, { audience: 'https://api.invalid', scopes, tenantHosts: [] });
      const drop = verdict.drop;
      if (!drop) continue;
      if (drop.rule === 'reserved-namespace' && reservedNamespace(`${ns}x`)) continue; // already said for the namespace
      const fix =
        drop.rule === 'profile-claim-without-scope'
          ? ` Add when.scopes: [${PROFILE_CLAIM_SCOPE.get(rule.key)}] or rename the claim.`
          : drop.rule === 'restricted-name'
            ? ' Keep the claim namespaced (remove namespaced: false) or rename it.'
            : '';
      issues.add(at, `Auth0 would silently drop the claim "${rule.key}" from the ${target}: ${drop.reason}${fix}`);
    }
  });
  for (let i = 0; i < resolved.claims.length; i++) {
    for (let j = i + 1; j < resolved.claims.length; j++) {
      const a = resolved.claims[i];
      const b = resolved.claims[j];
      const cb = claims[j];
      if (!a || !b || !cb || a.key !== b.key || !canOverlap(a.when, b.when)) continue;
      const shared = a.tokens.filter((t) => b.tokens.includes(t));
      if (shared.length === 0) continue;
      issues.add([...cb.path, 'name'], `Claims ${i + 1} and ${j + 1} both write "${b.key}" to the ${shared.join(' and ')}: the last would silently win. Rename one, or give them conditions that cannot both hold (different audiences or clients).`);
    }
  }
}
