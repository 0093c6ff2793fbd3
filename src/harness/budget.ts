import { ClaimkitError } from '../errors.ts';

/**
 * One execution's time budget. Auth0: "Each execution of a trigger must complete in 20 seconds or less"
 * (Actions Limitations, Executions) — all Actions of the flow share it; a redirect ends the execution and
 * the /continue request starts a new one ("a separate timeout before the redirect and after").
 * Measured on the monotonic clock (the global `performance`, read at each call so test clocks apply), not
 * on HarnessOptions.now (a fake clock for cache and tokens).
 */
export interface Budget {
  readonly totalMs: number;
  readonly deadline: number;
}

export function startBudget(totalMs: number): Budget {
  return { totalMs, deadline: performance.now() + totalMs };
}

function exceeded(budget: Budget): ClaimkitError {
  return new ClaimkitError(
    'ERR_ACTION_THREW',
    `Script execution time exceeded: the trigger's Actions together took more than ${budget.totalMs} ms (Auth0 allows 20 s per execution of the trigger).`,
  );
}

/** Runs `work` within what is left of the budget; rejects when the budget runs out first. */
export async function withinBudget(budget: Budget, work: () => Promise<void>): Promise<void> {
  const left = budget.deadline - performance.now();
  if (left <= 0) throw exceeded(budget);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(exceeded(budget)), left);
  });
  try {
    await Promise.race([work(), limit]);
  } finally {
    clearTimeout(timer);
  }
}
