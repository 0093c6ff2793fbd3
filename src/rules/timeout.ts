// The Rules pipeline's time limit, in one place: the harness (a Rule that never calls back) and the
// engine's supervisor (a Rule stuck in a synchronous loop) fail a login with the same message.
import { RULES_TIMEOUT_TEXT } from '../harness/time-budget-text.ts';

/** The message Auth0 logs when a webtask runs out of time (Auth0 community, "Request to Webtask exceeded allowed execution time"). */
export function rulesTimeoutMessage(ms: number): string {
  return `${RULES_TIMEOUT_TEXT}: the Rules did not all call back within ${ms / 1000} s. A Rule must call callback() exactly once, on every path.`;
}
