import { isClaimkitError } from '../../../src/errors.ts';
import { makeEvent, runPostLogin, type EventOverrides, type FlowResult, type HarnessOptions } from '../../../src/harness/index.ts';
import type { PostLoginHandler } from '../../../src/types/action.ts';

/** The fixed clock of these tests: 2026-11-24T10:00:00Z. */
export const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

/** Runs a single Action whose onExecutePostLogin is `body`, with the fixed clock. */
export function runOne(body: PostLoginHandler, overrides: EventOverrides = {}, options: HarnessOptions = {}): Promise<FlowResult> {
  return runPostLogin({ onExecutePostLogin: body }, makeEvent(overrides), { now: () => NOW, ...options });
}

/** How a thrown value is told apart in assertions: its ClaimkitError code, 'TypeError', or its message. */
function kind(err: unknown): string {
  if (isClaimkitError(err)) return err.code;
  if (err instanceof TypeError) return 'TypeError';
  return `unexpected: ${err instanceof Error ? err.message : String(err)}`;
}

/** What `fn` throws (see `kind`), or 'ok' when it returns. */
export function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return kind(err);
  }
}

/** What the promise `fn` returns rejects with (see `kind`), or 'ok' when it resolves. */
export async function asyncOutcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    return kind(err);
  }
}
