import type { ClaimkitErrorCode, Location } from '../errors.ts';
import { formatLocation } from '../errors.ts';

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
