// The texts Auth0 starts its time-out failures with, in one place: the harness, the engine and the Rules
// pipeline build their messages from them, and parity recognises a login that ran out of time by them.

/** An Action execution past the trigger's 20 s (Auth0's log: "Script execution time exceeded"). */
export const ACTIONS_TIMEOUT_TEXT = 'Script execution time exceeded';

/** Rules that did not all call back in time (Auth0's log: "Request to Webtask exceeded allowed execution time"). */
export const RULES_TIMEOUT_TEXT = 'Request to Webtask exceeded allowed execution time';

/** Whether a failed login's message is one of the time-out failures above. */
export function isTimeBudgetFailure(message: string): boolean {
  return message.startsWith(ACTIONS_TIMEOUT_TEXT) || message.startsWith(RULES_TIMEOUT_TEXT);
}
