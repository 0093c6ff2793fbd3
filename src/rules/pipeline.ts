// One pass of the Rules pipeline over a flow: each Rule in order, called with the user and context the
// previous one called back with, until one denies, throws or the pipeline runs out of time.
import { errorMessage } from '../errors.ts';
import { cloneJson, isPlainObject } from '../harness/clone.ts';
import { withLogCapture } from '../harness/logs.ts';
import { redirectRefusal } from '../harness/redirect-rules.ts';
import type { FlowState } from '../harness/state.ts';
import type { RuleFactory } from './compile.ts';
import { ruleContext, ruleUser, type RulesPass } from './context.ts';
import { applyRuleContext, effectSnapshot, noteWriters, type LastWriters } from './effects.ts';
import { auth0Global, UnauthorizedError } from './globals.ts';
import type { RuleContext, RuleUser } from './types.ts';
import { rulesTimeoutMessage } from './timeout.ts';

/** "An Auth0 serverless Webtask container typically has a circa 20-second execution limit" (docs: Rules execution best practices). */
export const RULES_TIMEOUT_MS = 20_000;

export interface CompiledRule {
  name: string;
  factory: RuleFactory;
}

export interface PassOptions {
  pass: RulesPass;
  configuration: Readonly<Record<string, string>>;
  global: Record<string, unknown>;
  require: (id: string) => unknown;
  timeoutMs: number;
}

type Outcome = { error: unknown; user: unknown; context: unknown };


class RulesTimeout extends Error {}

/** Calls one Rule; settles when it calls back (first call wins), throws, or its promise rejects. */
function callRule(fn: ReturnType<RuleFactory>, user: RuleUser, context: RuleContext, note: (late: string) => void): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    let called = false;
    const callback = (error?: unknown, u?: unknown, c?: unknown) => {
      if (called) return note('callback() was called more than once; Auth0 uses the first call only.');
      called = true;
      resolve({ error, user: u, context: c });
    };
    try {
      const returned = fn(user, context, callback) as { then?: unknown } | undefined;
      // An async Rule that throws after an await rejects its promise: the same failure as a throw.
      if (returned && typeof returned.then === 'function') (returned as Promise<unknown>).then(undefined, reject);
    } catch (err) {
      reject(err);
    }
  });
}

async function within<T>(deadline: number, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RulesTimeout(rulesTimeoutMessage(ms))), Math.max(0, deadline - performance.now()));
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The denial a Rule's callback error makes: its message; `unauthorized` for an UnauthorizedError. */
function denial(error: unknown): { reason: string; code?: string } {
  const reason = typeof error === 'object' && error !== null && typeof (error as Error).message === 'string' ? (error as Error).message : String(error);
  return (error as Error)?.name === 'UnauthorizedError' ? { reason, code: 'unauthorized' } : { reason };
}

/**
 * Runs the Rules on `flow` in order and applies what they leave in the context. Stops at the first Rule
 * that denies (the flow's `denied`), throws or times out (its `error`). Returns how many Rules ran.
 */
export async function runRulesPass(flow: FlowState, rules: readonly CompiledRule[], o: PassOptions): Promise<number> {
  let user: RuleUser = ruleUser(flow.event);
  let context: RuleContext = ruleContext(flow.event, o.pass);
  const writers: LastWriters = {};
  const deadline = performance.now() + o.timeoutMs;
  const host = flow.event.request.hostname ?? `${flow.event.tenant.id}.auth0.com`;
  let ran = 0;
  for (const rule of rules) {
    ran++;
    const before = effectSnapshot(context);
    let outcome: Outcome;
    try {
      const fn = rule.factory({ require: o.require, configuration: o.configuration, global: o.global, UnauthorizedError, auth0: auth0Global(flow, rule.name, host), console });
      const note = (message: string) => flow.logs.push({ action: rule.name, level: 'warn', message: `[claimkit] ${message}` });
      let settled: Outcome | undefined;
      await withLogCapture(rule.name, flow.logs, async () => {
        settled = await within(deadline, o.timeoutMs, callRule(fn, user, context, note));
      });
      outcome = settled as unknown as Outcome;
    } catch (err) {
      flow.error = { message: err instanceof RulesTimeout ? err.message : errorMessage(err), action: rule.name };
      return ran;
    }
    flow.calls.push({ action: rule.name, method: 'callback', args: outcome.error == null ? [null] : [denial(outcome.error).reason] });
    if (outcome.error != null) {
      flow.denied = denial(outcome.error);
      return ran;
    }
    if (isPlainObject(outcome.user)) user = outcome.user as RuleUser;
    if (isPlainObject(outcome.context)) context = outcome.context as RuleContext;
    noteWriters(writers, before, effectSnapshot(context), rule.name);
  }
  const last = rules[rules.length - 1]?.name ?? '';
  try {
    applyRuleContext(flow, context, writers, last);
  } catch (err) {
    flow.error = { message: errorMessage(err), action: last };
    return ran;
  }
  if (flow.redirect) flow.error = redirectRefusal(flow.event, flow.redirect.action) ?? null;
  if (flow.metadataChanged) {
    // What the Rules wrote through the Management API is the user the Actions see (auth0-facts §3).
    flow.event.user.app_metadata = cloneJson(flow.metadata.app);
    flow.event.user.user_metadata = cloneJson(flow.metadata.user);
    flow.metadataChanged = false;
  }
  return ran;
}
