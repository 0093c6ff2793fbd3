import { invalidArgument } from './errors.ts';

// Source: @auth0/actions runtime validators (addScope/removeScope) and auth0-facts §2.
export const MAX_SCOPE_LENGTH = 280;
export const MAX_ADDED_SCOPES = 1000;

/** Validates a scope as api.accessToken.addScope/removeScope do, returning it trimmed. */
export function validScope(scope: unknown): string {
  if (typeof scope !== 'string') throw new TypeError(`The scope must be a string, got ${typeof scope}.`);
  const trimmed = scope.trim();
  if (trimmed.length === 0) throw invalidArgument('The scope must not be empty.');
  if (trimmed.length > MAX_SCOPE_LENGTH) throw invalidArgument(`The scope must be at most ${MAX_SCOPE_LENGTH} characters long.`);
  if (/\s/.test(trimmed)) throw invalidArgument(`The scope "${trimmed}" must not contain whitespace; add one scope per call.`);
  return trimmed;
}
