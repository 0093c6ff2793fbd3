import vm from 'node:vm';
import type { PostLoginAction } from '../../types/action.ts';
import type { LoadFailure, ModuleSpec } from '../protocol.ts';
import { actionRequire } from './require.ts';

export class LoadError extends Error {
  constructor(readonly failure: LoadFailure) {
    super(failure.message);
  }
}

function message(err: unknown): string {
  return typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string' ? (err as { message: string }).message : String(err);
}

/** The line of a SyntaxError in the Action's file: V8 puts "file:LINE" first in its stack. */
function syntaxLine(err: unknown, filename: string): number | undefined {
  const stack = typeof (err as { stack?: unknown })?.stack === 'string' ? (err as { stack: string }).stack : '';
  const at = stack.indexOf(`${filename}:`);
  if (at === -1) return undefined;
  const n = Number.parseInt(stack.slice(at + filename.length + 1), 10);
  return Number.isFinite(n) ? n : undefined;
}

/** Auth0's loader check for one handler: a real AsyncFunction (@auth0/actions loader, fn.constructor.name). */
export function handlerFailure(handler: unknown, name: string): LoadFailure | null {
  if (typeof handler !== 'function') {
    return { code: 'ERR_ACTION_NO_HANDLER', message: `The Action does not export an "${name}" function. Add "exports.${name} = async (event, api) => { … }".` };
  }
  if (handler.constructor?.name !== 'AsyncFunction') {
    return { code: 'ERR_ACTION_NOT_ASYNC', message: `Invalid function signature for the "${name}" handler. Use "exports.${name} = async function(event, api) { }" as the signature.` };
  }
  return null;
}

/**
 * Evaluates Action code as Auth0's runtime does: CommonJS (`module`, `exports`, `require`), module scope
 * run once, in the same realm as the event and api it will receive (so `instanceof Array` and
 * `instanceof Error` hold as on Auth0). Isolation comes from the process it runs in, not from a context.
 */
export function loadModule(spec: ModuleSpec): PostLoginAction {
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${spec.code}\n})`;
  let fn: (...args: unknown[]) => void;
  try {
    fn = new vm.Script(wrapper, { filename: spec.filename }).runInThisContext() as typeof fn;
  } catch (cause) {
    const line = syntaxLine(cause, spec.filename);
    throw new LoadError({ code: 'ERR_ACTION_LOAD', message: `The Action does not compile: ${message(cause)}`, ...(line === undefined ? {} : { line }) });
  }
  const module = { exports: {} as Record<string, unknown> };
  try {
    fn.call(module.exports, module.exports, actionRequire(spec.dependencies), module, `/${spec.filename.split('/').pop() ?? 'action.js'}`, '/');
  } catch (cause) {
    throw new LoadError({ code: 'ERR_ACTION_LOAD', message: `The Action throws while loading: ${message(cause)}` });
  }
  const exports = (module.exports ?? {}) as Record<string, unknown>;
  // The trigger's handler must be there; the optional second one (post-login's onContinuePostLogin) only if exported.
  const second = spec.continueHandler;
  const failure = handlerFailure(exports[spec.handler], spec.handler) ?? (second === undefined || exports[second] === undefined ? null : handlerFailure(exports[second], second));
  if (failure) throw new LoadError(failure);
  return exports as unknown as PostLoginAction;
}
