import type { ClaimValue } from '../types/api.ts';
import type { TokenContext, TokenKind } from './context.ts';
import { MAX_CUSTOM_CLAIMS_BYTES } from './names.ts';
import { CLAIM_RULES, type ClaimRule, type ClaimRuleId } from './rules.ts';

export interface ClaimFinding {
  token: TokenKind;
  claim: string;
  rule: ClaimRuleId;
  reason: string;
}

/** Every rule that applies to one claim name on one token, drops first (`rules`: a table, by default a login's). */
export function evaluateClaim(token: TokenKind, name: string, ctx: TokenContext, rules: readonly ClaimRule[] = CLAIM_RULES): { drop?: ClaimFinding; warnings: ClaimFinding[] } {
  let warnings: ClaimFinding[] | undefined;
  for (const rule of rulesFor(rules, token)) {
    const reason = rule.test(name, ctx);
    if (reason === undefined) continue;
    const finding = { token, claim: name, rule: rule.id, reason };
    if (rule.effect === 'drop') return { drop: finding, warnings: [] };
    (warnings ??= []).push(finding);
  }
  return { warnings: warnings ?? [] };
}

const byToken = new WeakMap<readonly ClaimRule[], Readonly<Record<TokenKind, readonly ClaimRule[]>>>();

/** A table's rules for one token, in the table's order; worked out once per table. */
function rulesFor(rules: readonly ClaimRule[], token: TokenKind): readonly ClaimRule[] {
  let split = byToken.get(rules);
  if (split === undefined) {
    split = { id: rules.filter((r) => r.tokens.includes('id')), access: rules.filter((r) => r.tokens.includes('access')) };
    byToken.set(rules, split);
  }
  return split[token];
}

export interface FilteredClaims {
  claims: Record<string, ClaimValue>;
  dropped: ClaimFinding[];
  warnings: ClaimFinding[];
}

/** The claims Auth0 would really put into the token, and what it would drop silently. */
export function filterClaims(token: TokenKind, claims: Readonly<Record<string, ClaimValue>>, ctx: TokenContext, rules: readonly ClaimRule[] = CLAIM_RULES): FilteredClaims {
  const kept: Record<string, ClaimValue> = {};
  const dropped: ClaimFinding[] = [];
  const warnings: ClaimFinding[] = [];
  for (const [name, value] of Object.entries(claims)) {
    const verdict = evaluateClaim(token, name, ctx, rules);
    if (verdict.drop) dropped.push(verdict.drop);
    // An own property even for "__proto__" (an assignment would set kept's prototype and lose the claim).
    else if (name === '__proto__') Object.defineProperty(kept, name, { value, enumerable: true, writable: true, configurable: true });
    else kept[name] = value;
    for (const w of verdict.warnings) warnings.push(w);
  }
  return { claims: kept, dropped, warnings };
}

/** Bytes of a token's custom claims, names and values, as JSON. */
export function customClaimsBytes(claims: Readonly<Record<string, ClaimValue>>): number {
  return Buffer.byteLength(JSON.stringify(claims), 'utf8');
}

export function exceedsTokenBudget(claims: Readonly<Record<string, ClaimValue>>): boolean {
  return customClaimsBytes(claims) > MAX_CUSTOM_CLAIMS_BYTES;
}
