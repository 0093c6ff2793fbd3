import type { ClaimkitError } from '../../errors.ts';
import { typeName } from './checks.ts';
import { invalidArgument } from './errors.ts';
import { MAX_ADDED_SCOPES, validScope } from './scope.ts';

// api.transaction's target scopes, validated as the runtime's TargetScopesAPIImpl does: each scope as
// accessToken.addScope checks it, at most 1000 of them. The list starts as the requested scopes.

/** A transaction holding target scopes (post-login's, credentials-exchange's). */
type Transaction = { target_scopes?: string[]; requested_scopes?: string[] };

function current(tx: Transaction): Set<string> {
  return new Set(tx.target_scopes ?? tx.requested_scopes ?? []);
}

/** A fresh array each time, so a list an Action read earlier does not change under it. */
function store(tx: Transaction, scopes: Iterable<string>): void {
  tx.target_scopes = [...scopes];
}

function tooMany(count: number): ClaimkitError {
  return invalidArgument(`There would be ${count} target scopes; Auth0 allows ${MAX_ADDED_SCOPES}.`);
}

export function addTargetScope(tx: Transaction, scope: unknown): void {
  const s = validScope(scope);
  const scopes = current(tx);
  if (!scopes.has(s) && scopes.size >= MAX_ADDED_SCOPES) throw tooMany(scopes.size + 1);
  store(tx, scopes.add(s));
}

export function removeTargetScope(tx: Transaction, scope: unknown): void {
  const s = validScope(scope);
  const scopes = current(tx);
  scopes.delete(s);
  store(tx, scopes);
}

export function setTargetScopes(tx: Transaction, scopes: unknown): void {
  if (!Array.isArray(scopes)) throw new TypeError(`setTargetScopes needs an array of scopes, got ${typeName(scopes)}.`);
  const unique = new Set(scopes.map((s: unknown) => validScope(s)));
  if (unique.size > MAX_ADDED_SCOPES) throw tooMany(unique.size);
  store(tx, unique);
}
