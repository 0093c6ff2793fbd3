import vm from 'node:vm';
import { ClaimkitError } from '../errors.ts';
import type { RuleFunction } from './types.ts';

/** What a Rule's script sees besides its arguments: the Rules sandbox's globals. */
export interface RuleGlobals {
  require: (id: string) => unknown;
  configuration: Readonly<Record<string, string>>;
  global: Record<string, unknown>;
  UnauthorizedError: new (message?: string) => Error;
  auth0: unknown;
  /** The harness's console (its output goes to the flow's logs), whatever realm the Rule was compiled in. */
  console: Console;
}

/** A compiled Rule: call it with one execution's globals to get the Rule's function. */
export type RuleFactory = (globals: RuleGlobals) => RuleFunction;

const GLOBAL_NAMES = ['require', 'configuration', 'global', 'UnauthorizedError', 'auth0', 'console'] as const;

function message(err: unknown): string {
  return typeof (err as { message?: unknown })?.message === 'string' ? (err as { message: string }).message : String(err);
}

/** The line of a SyntaxError in the Rule's file (V8 puts "file:LINE" first in its stack); the wrapper adds one line. */
function syntaxLine(err: unknown, filename: string): number | undefined {
  const stack = typeof (err as { stack?: unknown })?.stack === 'string' ? (err as { stack: string }).stack : '';
  const at = stack.indexOf(`${filename}:`);
  if (at === -1) return undefined;
  const n = Number.parseInt(stack.slice(at + filename.length + 1), 10);
  return Number.isFinite(n) ? Math.max(1, n - 1) : undefined;
}

/**
 * Compiles a Rule's script as Auth0 stored it: one function expression, `function (user, context,
 * callback) { … }` (a trailing semicolon is tolerated). The script is compiled once; each execution
 * evaluates it with that execution's globals, in this realm, so it shares `Array` and `Error` with
 * the harness as Actions do. A script that does not compile or is not a function is ERR_RULE_LOAD.
 */
export function compileRule(script: string, filename: string): RuleFactory {
  // An initialiser, not a bare expression: a trailing semicolon after the function stays harmless.
  const source = `(function (${GLOBAL_NAMES.join(', ')}) { const claimkitRule =\n${script}\n;return claimkitRule; })`;
  let outer: (...globals: unknown[]) => unknown;
  try {
    outer = new vm.Script(source, { filename }).runInThisContext() as typeof outer;
  } catch (cause) {
    const line = syntaxLine(cause, filename);
    throw new ClaimkitError('ERR_RULE_LOAD', `The Rule does not compile: ${message(cause)}. A Rule is one function expression: function (user, context, callback) { … }.`, {
      cause,
      location: { file: filename, ...(line === undefined ? {} : { line }) },
    });
  }
  return (globals) => {
    const fn = outer(...GLOBAL_NAMES.map((n) => globals[n]));
    if (typeof fn !== 'function') {
      throw new ClaimkitError('ERR_RULE_LOAD', `The Rule's script is ${fn === null ? 'null' : typeof fn}, not a function. Write it as function (user, context, callback) { … }.`, {
        location: { file: filename },
      });
    }
    return fn as RuleFunction;
  };
}
