import { formatLocation, isClaimkitError, type ClaimkitErrorCode, type Location } from '../errors.ts';

/** One result of a check: an error stops the build; a warning is reported. */
export interface Finding {
  code: ClaimkitErrorCode;
  severity: 'error' | 'warning';
  message: string;
  location: Location;
}

export const error = (code: ClaimkitErrorCode, location: Location, message: string): Finding => ({ code, severity: 'error', message, location });
export const warning = (code: ClaimkitErrorCode, location: Location, message: string): Finding => ({ code, severity: 'warning', message, location });

export function formatFinding(f: Finding): string {
  return `${f.severity === 'warning' ? 'warning: ' : ''}${formatLocation(f.location)}: ${f.message} [${f.code}]`;
}

export const errorsIn = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error');

/** A ClaimkitError as findings: one per issue it carries, or itself at its location (else `file`). */
export function findingsOf(err: unknown, file: string): Finding[] {
  if (!isClaimkitError(err)) throw err;
  if (err.issues.length > 0) return err.issues.map((i) => error(err.code, i.location, i.message));
  return [error(err.code, err.location ?? { file }, err.detail)];
}
