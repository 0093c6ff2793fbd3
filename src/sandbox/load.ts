import path from 'node:path';
import vm from 'node:vm';
import { ClaimkitError, errorMessage } from '../errors.ts';
import type { PostLoginAction, PostLoginHandler } from '../types/action.ts';
import { runtimeGlobals } from './globals.ts';
import { sandboxRequire } from './require.ts';

export interface SandboxOptions {
  /** File name shown in stack traces and errors. */
  filename: string;
  /** The Action's declared npm packages, each → its installed folder (ensureDependencies): the only ones `require` finds. */
  packages?: ReadonlyMap<string, string>;
  /** The Action's name, for messages. */
  action?: string;
}

function syntaxLocation(err: unknown, filename: string): { file: string; line?: number } {
  // vm reports "file:LINE" as the first line of a SyntaxError's stack.
  const stack = typeof err === 'object' && err !== null && typeof (err as { stack?: unknown }).stack === 'string' ? (err as { stack: string }).stack : '';
  const m = new RegExp(`${filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(stack);
  return m?.[1] ? { file: filename, line: Number(m[1]) } : { file: filename };
}

/**
 * Evaluates Action code as Auth0's runtime does: CommonJS (`module`, `exports`, `require`) in its own
 * context, `require` limited to built-ins and declared dependencies, module scope run once. The
 * returned module is reused for every execution, as a warm Auth0 instance reuses it.
 */
export function loadActionCode(code: string, options: SandboxOptions): PostLoginAction {
  const context = vm.createContext(runtimeGlobals(), { name: `action ${options.filename}` });
  vm.runInContext('globalThis.global = globalThis;', context);
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
  let fn: (...args: unknown[]) => void;
  try {
    fn = new vm.Script(wrapper, { filename: options.filename }).runInContext(context) as typeof fn;
  } catch (cause) {
    const message = errorMessage(cause);
    throw new ClaimkitError('ERR_ACTION_LOAD', `The Action does not compile: ${message}`, { cause, location: syntaxLocation(cause, options.filename) });
  }
  const module = { exports: {} as Record<string, unknown> };
  const require = sandboxRequire(options.packages ?? new Map(), options.action === undefined ? undefined : `the Action "${options.action}"`);
  try {
    fn.call(module.exports, module.exports, require, module, `/${path.basename(options.filename)}`, '/');
  } catch (cause) {
    const message = errorMessage(cause);
    throw new ClaimkitError('ERR_ACTION_LOAD', `The Action throws while loading: ${message}`, { cause, location: { file: options.filename } });
  }
  return checkActionModule(module.exports, options.filename);
}

type HandlerName = 'onExecutePostLogin' | 'onContinuePostLogin';

/** Auth0's loader check for one handler: a real AsyncFunction (@auth0/actions loader, fn.constructor.name). */
export function assertHandler(handler: unknown, name: HandlerName, filename?: string): asserts handler is PostLoginHandler {
  const location = filename === undefined ? {} : { location: { file: filename } };
  if (typeof handler !== 'function') {
    throw new ClaimkitError('ERR_ACTION_NO_HANDLER', `The Action does not export an "${name}" function. Add "exports.${name} = async (event, api) => { … }".`, location);
  }
  if (handler.constructor?.name !== 'AsyncFunction') {
    throw new ClaimkitError(
      'ERR_ACTION_NOT_ASYNC',
      `Invalid function signature for the "${name}" handler. Use "exports.${name} = async function(event, api) { }" as the signature.`,
      location,
    );
  }
}

/** Checks the exports Auth0's loader checks: an async onExecutePostLogin, and onContinuePostLogin if any. */
export function checkActionModule(exports: unknown, filename: string): PostLoginAction {
  const mod = (exports ?? {}) as Record<string, unknown>;
  assertHandler(mod['onExecutePostLogin'], 'onExecutePostLogin', filename);
  if (mod['onContinuePostLogin'] !== undefined) assertHandler(mod['onContinuePostLogin'], 'onContinuePostLogin', filename);
  return mod as unknown as PostLoginAction;
}
