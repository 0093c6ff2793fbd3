import { ClaimkitError } from '../errors.ts';

// A date, or a date and time with its zone: 2026-11-25, 2026-11-25T10:00:00Z, 2026-11-25T10:00:00.5+01:00.
// A time without a zone would depend on the machine's time zone, so it is refused.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** `--now ISO`: the clock of a run, in milliseconds since the epoch. */
export function parseNow(text: string): number {
  const m = ISO.exec(text);
  const ms = m ? Date.parse(text) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March 2; a round trip of the date part catches that.
  const sameDay = m !== null && !Number.isNaN(ms) && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().startsWith(`${m[1]}-${m[2]}-${m[3]}`);
  if (!sameDay || Number(m?.[4] ?? 0) > 23) {
    throw new ClaimkitError(
      'ERR_USAGE',
      `--now ${JSON.stringify(text)} is not a valid ISO 8601 date or date-time. Give a date (2026-11-25) or a date and time with its zone (2026-11-25T10:00:00Z).`,
    );
  }
  return ms;
}
