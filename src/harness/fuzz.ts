import fc from 'fast-check';
import { ClaimkitError, errorMessage } from '../errors.ts';
import type { CredentialsExchangeEvent } from '../types/credentials-exchange/event.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { arbitraryEvent } from './arbitrary.ts';
import { arbitraryCredentialsExchangeEvent } from './arbitrary/credentials-exchange.ts';
import type { CredentialsExchangeResult } from './credentials-exchange/result.ts';
import { runCredentialsExchange, type ExchangeInput } from './credentials-exchange/run.ts';
import type { FlowResult } from './result.ts';
import { runPostLogin, type FlowInput } from './run.ts';

// Defaults, in one place. CI runs more and with a fixed seed so that a red build is reproducible.
export const FUZZ_RUNS_CI = 10_000;
export const FUZZ_RUNS_LOCAL = 1_000;
export const FUZZ_SEED_CI = 20261124;
/** Replays a failure: it overrides every other seed, so no test needs editing. */
export const FUZZ_SEED_ENV = 'CLAIMKIT_FUZZ_SEED';
/** fast-check prints the whole counterexample; an event with a 100 KB string would flood the terminal. */
const MAX_COUNTEREXAMPLE_CHARS = 8_000;

export type FuzzCheck<R = FlowResult, E = PostLoginEvent> = (result: R, event: E) => void | Promise<void>;

export interface FuzzOptions<R = FlowResult, E = PostLoginEvent> {
  /** Default: 10,000 when CI or CLAIMKIT_FUZZ_SEED is set, else 1,000. */
  runs?: number;
  /** Default: CLAIMKIT_FUZZ_SEED, else 20261124 when CI is set, else random. */
  seed?: number;
  /** Default: arbitraryEvent() (arbitraryCredentialsExchangeEvent() for fuzzCredentialsExchange). */
  event?: fc.Arbitrary<E>;
  /** Replaces the default check, assertLoginInvariants (assertExchangeInvariants); call it from yours to keep it. */
  check?: FuzzCheck<R, E>;
}

/** A property run that failed; the message has fast-check's report (seed, path, counterexample) and how to replay. */
export class FuzzFailure<E = PostLoginEvent> extends Error {
  readonly code = 'ERR_FUZZ_FAILED';
  readonly seed: number;
  /** The (shrunk) event of the last failing run. */
  readonly event: E | undefined;

  constructor(seed: number, event: E | undefined, report: unknown) {
    const reason = report instanceof Error && report.cause !== undefined ? `${errorMessage(report.cause)}\n\n` : '';
    super(`${reason}${shorten(errorMessage(report))}\n\nReplay with ${FUZZ_SEED_ENV}=${seed}`, { cause: report });
    this.name = 'FuzzFailure';
    this.seed = seed;
    this.event = event;
  }
}

function shorten(report: string): string {
  return report
    .split('\n')
    .map((line) =>
      line.startsWith('Counterexample:') && line.length > MAX_COUNTEREXAMPLE_CHARS
        ? `${line.slice(0, MAX_COUNTEREXAMPLE_CHARS)}… (${line.length - MAX_COUNTEREXAMPLE_CHARS} more characters; the whole event is in error.event)`
        : line,
    )
    .join('\n');
}

/**
 * What every Action should keep, on any login: it never fails the login with an error (a throw, a
 * timeout, or a token over Auth0's 100 KB budget), and it sets no claim Auth0 would silently drop.
 */
export function assertLoginInvariants(result: FlowResult): void {
  if (result.outcome === 'error' && result.error) {
    throw new Error(`The login failed in Action "${result.error.action}": ${result.error.message}`);
  }
  if (result.dropped.length > 0) {
    const list = result.dropped.map((d) => `  - ${d.token === 'id' ? 'ID' : 'access'} token, "${d.claim}" (${d.rule}): ${d.reason}`).join('\n');
    throw new Error(`Auth0 would silently drop ${result.dropped.length} claim(s):\n${list}`);
  }
}

function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(seed)) {
    throw new ClaimkitError('ERR_USAGE', `${FUZZ_SEED_ENV} must be an integer, as printed by a failed fuzz run; got "${text}".`);
  }
  return seed;
}

/** The runs and seed of a property run: explicit options, else CLAIMKIT_FUZZ_SEED, else CI's fixed defaults, else random. */
export function fuzzSettings(options: { runs?: number; seed?: number }, env: Readonly<Record<string, string | undefined>>): { runs: number; seed: number } {
  const fromEnv = env[FUZZ_SEED_ENV];
  const seedFromEnv = fromEnv !== undefined && fromEnv !== '';
  // fast-check picks a random 32-bit seed by default; we pick it ourselves so the message can name it.
  const seed = seedFromEnv ? parseSeed(fromEnv) : (options.seed ?? (isCi(env) ? FUZZ_SEED_CI : (Math.random() * 0x1_0000_0000) | 0));
  // A replay runs as many logins as CI does, so that a failure CI found late is found again.
  const runs = options.runs ?? (isCi(env) || seedFromEnv ? FUZZ_RUNS_CI : FUZZ_RUNS_LOCAL);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new ClaimkitError('ERR_USAGE', `fuzzAction: runs must be a whole number ≥ 1; got ${String(runs)}.`);
  return { runs, seed };
}

/**
 * What every credentials-exchange Action should keep, on any exchange: it never fails it with an error
 * (a throw, a timeout, a token over 100 KB), and it sets no claim Auth0 would silently drop.
 */
export function assertExchangeInvariants(result: CredentialsExchangeResult): void {
  if (result.outcome === 'error' && result.error) {
    throw new Error(`The exchange failed in Action "${result.error.action}": ${result.error.message}`);
  }
  if (result.dropped.length > 0) {
    const list = result.dropped.map((d) => `  - "${d.claim}" (${d.rule}): ${d.reason}`).join('\n');
    throw new Error(`Auth0 would silently drop ${result.dropped.length} claim(s) from the machine's access token:\n${list}`);
  }
}

/**
 * Runs the Action(s) over generated logins and checks each result (by default, assertLoginInvariants).
 * Rejects with a FuzzFailure naming the seed, fast-check's path and the shrunk event.
 */
export async function fuzzAction(actions: FlowInput, options: FuzzOptions = {}): Promise<void> {
  return fuzz((event) => runPostLogin(actions, event), options.event ?? arbitraryEvent(), options.check ?? assertLoginInvariants, options);
}

/** The same for credentials-exchange Actions, over generated client-credentials exchanges (by default, assertExchangeInvariants). */
export async function fuzzCredentialsExchange(actions: ExchangeInput, options: FuzzOptions<CredentialsExchangeResult, CredentialsExchangeEvent> = {}): Promise<void> {
  return fuzz((event) => runCredentialsExchange(actions, event), options.event ?? arbitraryCredentialsExchangeEvent(), options.check ?? assertExchangeInvariants, options);
}

async function fuzz<E, R>(run: (event: E) => Promise<R>, events: fc.Arbitrary<E>, check: FuzzCheck<R, E>, options: { runs?: number; seed?: number }): Promise<void> {
  const { runs, seed } = fuzzSettings(options, process.env);
  let failing: E | undefined;
  const property = fc.asyncProperty(events, async (event) => {
    try {
      await check(await run(event), event);
    } catch (err) {
      // While shrinking, the last failure seen is the smallest counterexample.
      failing = event;
      throw err;
    }
  });
  try {
    await fc.assert(property, { numRuns: runs, seed });
  } catch (err) {
    throw new FuzzFailure(seed, failing, err);
  }
}
