import { ClaimkitError } from '../../errors.ts';

/** An argument the Auth0 runtime would refuse: it throws, and the Action fails unless it catches. */
export function invalidArgument(message: string): ClaimkitError {
  return new ClaimkitError('ERR_API_INVALID_ARGUMENT', message);
}

/** A call the runtime refuses in this situation (wrong phase, called twice, missing session…). */
export function notAllowed(message: string): ClaimkitError {
  return new ClaimkitError('ERR_API_NOT_ALLOWED', message);
}
