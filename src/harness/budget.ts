import { ClaimkitError } from '../errors.ts';
import { ACTIONS_TIMEOUT_TEXT } from './time-budget-text.ts';

/**
 * One execution's time budget. Auth0: "Each execution of a trigger must complete in 20 seconds or less"
 * (Actions Limitations, Executions) — all Actions of the flow share it; a redirect ends the execution and
 * the /continue request starts a new one ("a separate timeout before the redirect and after").
 * Measured on the monotonic clock (the global `performance`, read at each call so test clocks apply), not
 * on HarnessOptions.now (a fake clock for cache and tokens). One timer serves the whole execution; `end`
 * stops it.
 */
export class Budget {
  readonly deadline: number;
  #limit: Promise<never> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly totalMs: number) {
    this.deadline = performance.now() + totalMs;
  }

  exceeded(): ClaimkitError {
    return new ClaimkitError(
      'ERR_ACTION_THREW',
      `${ACTIONS_TIMEOUT_TEXT}: the trigger's Actions together took more than ${this.totalMs} ms (Auth0 allows 20 s per execution of the trigger).`,
    );
  }

  /** Rejects when the budget runs out; armed on first use. */
  limit(): Promise<never> {
    this.#limit ??= new Promise<never>((_, reject) => {
      this.#timer = setTimeout(() => reject(this.exceeded()), Math.max(0, this.deadline - performance.now()));
    });
    return this.#limit;
  }

  end(): void {
    clearTimeout(this.#timer);
  }
}

export function startBudget(totalMs: number): Budget {
  return new Budget(totalMs);
}

/** Runs `work` within what is left of the budget; rejects when the budget runs out first. */
export async function withinBudget(budget: Budget, work: () => Promise<void>): Promise<void> {
  if (budget.deadline - performance.now() <= 0) throw budget.exceeded();
  await Promise.race([work(), budget.limit()]);
}
