// Parity: a Rule and the Action meant to replace it, run on the same generated logins, compared on
// what reaches the application. On a difference, fast-check shrinks the login to the smallest one that
// still differs; a seed replays the run.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { errorMessage } from '../errors.ts';
import { fuzzSettings } from '../harness/fuzz.ts';
import type { FlowResult } from '../harness/result.ts';
import { isTimeBudgetFailure } from '../harness/time-budget-text.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { compareResults, type Difference } from './compare.ts';
import { CoverageCounter, type Coverage } from './coverage.ts';
import type { RuleLiterals } from './literals.ts';

/** Runs one side (the Rule, or the Action) on a batch of logins. */
export type ParitySide = (events: readonly PostLoginEvent[]) => Promise<FlowResult[]>;

/** Both sides at once, answering only how they differ (the engine's parity jobs); undefined: ask each side. */
export type ParityCompare = (events: readonly PostLoginEvent[]) => Promise<Array<{ differences: Difference[]; ruleOutcome: FlowResult['outcome'] } | undefined>>;

export interface ParityOptions {
  rule: ParitySide;
  action: ParitySide;
  /** A faster way to tell whether logins agree; the sides still give the full results of a difference. */
  compare?: ParityCompare;
  events: fc.Arbitrary<PostLoginEvent>;
  literals: RuleLiterals;
  /** Default: 10,000 in CI or with CLAIMKIT_FUZZ_SEED, else 1,000. */
  runs?: number;
  /** Default: CLAIMKIT_FUZZ_SEED, else a fixed one in CI, else random. */
  seed?: number;
  /** Logins run at once (the engine runs a batch in parallel). */
  batch?: number;
  /** Where CI and CLAIMKIT_FUZZ_SEED are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface Divergence {
  /** The smallest login found on which they differ. */
  event: PostLoginEvent;
  differences: Difference[];
  /** The two results on that login. */
  rule: FlowResult;
  action: FlowResult;
  /** How many logins ran before the first difference (including it). */
  foundAfter: number;
  shrinks: number;
}

export interface ParityReport {
  /** Logins asked for. */
  runs: number;
  /** Logins run: all of them, or up to the first difference. */
  ran: number;
  seed: number;
  ok: boolean;
  divergence: Divergence | null;
  coverage: Coverage;
}

const outOfTime = (result: FlowResult): boolean => result.outcome === 'error' && result.error !== null && isTimeBudgetFailure(result.error.message);

const hash = (event: PostLoginEvent) => createHash('sha1').update(JSON.stringify(event)).digest('base64');

async function both(o: ParityOptions, events: readonly PostLoginEvent[]): Promise<Array<{ rule: FlowResult; action: FlowResult; differences: Difference[] }>> {
  const [rules, actions] = await Promise.all([o.rule(events), o.action(events)]);
  return events.map((_, i) => {
    const rule = rules[i] as FlowResult;
    const action = actions[i] as FlowResult;
    return { rule, action, differences: compareResults(rule, action) };
  });
}

/**
 * Runs the Rule and the Action on `runs` generated logins (in batches), counts what the logins covered,
 * and on the first difference shrinks it with fast-check to the smallest differing login.
 */
export async function parity(o: ParityOptions): Promise<ParityReport> {
  const settings = fuzzSettings({ ...(o.runs === undefined ? {} : { runs: o.runs }) }, o.env ?? process.env);
  const seed = o.seed ?? settings.seed;
  const runs = settings.runs;
  const events = fc.sample(o.events, { seed, numRuns: runs });
  const coverage = new CoverageCounter(o.literals);
  const passed = new Set<string>();
  const batch = o.batch ?? 256;
  let first = -1;
  let found: Divergence | undefined;
  for (let at = 0; at < events.length && first === -1; at += batch) {
    const chunk = events.slice(at, at + batch);
    const quick = o.compare ? await o.compare(chunk) : [];
    for (let i = 0; i < chunk.length && first === -1; i++) {
      const event = chunk[i] as PostLoginEvent;
      const q = quick[i];
      if (q && q.differences.length === 0) {
        coverage.count(event, q.ruleOutcome);
        passed.add(hash(event));
        continue;
      }
      // A difference, a stopped job, or no quick way: the full results of both sides.
      const [r] = await both(o, [event]);
      if (!r) continue;
      coverage.count(event, r.rule.outcome);
      if (r.differences.length === 0) passed.add(hash(event));
      else {
        first = at + i;
        found = { event, differences: r.differences, rule: r.rule, action: r.action, foundAfter: first + 1, shrinks: 0 };
      }
    }
  }
  if (first === -1) return { runs, ran: runs, seed, ok: true, divergence: null, coverage: coverage.counts };
  // A side that ran out of time (a Rule that never calls back, a loop) costs the whole 20 s budget on
  // every login fast-check would try while shrinking: minutes to hours. The login found stands.
  if (found && (outOfTime(found.rule) || outOfTime(found.action))) {
    return { runs, ran: first + 1, seed, ok: false, divergence: found, coverage: coverage.counts };
  }
  // Shrink: the same seed generates the same logins; those known to agree are not run again.
  let smallest: Divergence | undefined;
  let shrinks = 0;
  const property = fc.asyncProperty(o.events, async (event) => {
    if (passed.has(hash(event))) return;
    const [r] = await both(o, [event]);
    if (!r || r.differences.length === 0) return;
    if (smallest) shrinks++;
    smallest = { event, differences: r.differences, rule: r.rule, action: r.action, foundAfter: first + 1, shrinks };
    throw new Error(r.differences.map((d) => d.path).join(', '));
  });
  try {
    await fc.assert(property, { seed, numRuns: runs });
  } catch (err) {
    if (!smallest) throw new Error(`parity: fast-check failed without a difference: ${errorMessage(err)}`);
  }
  // Had the replay not reproduced it (a login that depends on timing), the first one found stands.
  return { runs, ran: first + 1, seed, ok: false, divergence: smallest ?? found ?? null, coverage: coverage.counts };
}
