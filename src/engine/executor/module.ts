import vm from 'node:vm';
import { TRIGGER_SPECS, triggerSpec, type TriggerSpec } from '../../triggers.ts';
import { isTriggerId } from '../../types/triggers.ts';
import type { LoadFailure, ModuleSpec } from '../protocol.ts';
import { actionRequire } from './require.ts';

export class LoadError extends Error {
  constructor(readonly failure: LoadFailure) {
    super(failure.message);
  }
}

/** What was thrown, as text, whatever it is (a Proxy whose every trap throws included). */
function message(err: unknown): string {
  try {
    return typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string' ? (err as { message: string }).message : String(err);
  } catch {
    return 'a value that cannot be read';
  }
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

/** What a module exports after its scope ran. */
export type ModuleExports = Record<string, unknown>;

/**
 * Evaluates Action code as Auth0's runtime does: CommonJS (`module`, `exports`, `require`), module scope
 * run once, in the same realm as the event and api it will receive (so `instanceof Array` and
 * `instanceof Error` hold as on Auth0). Isolation comes from the process it runs in, not from a context.
 */
export function evaluateModule(spec: ModuleSpec): ModuleExports {
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${spec.code}\n})`;
  let fn: (...args: unknown[]) => void;
  try {
    fn = new vm.Script(wrapper, { filename: spec.filename }).runInThisContext() as typeof fn;
  } catch (cause) {
    const line = syntaxLine(cause, spec.filename);
    throw new LoadError({ code: 'ERR_ACTION_LOAD', message: `The Action does not compile: ${message(cause)}`, ...(line === undefined ? {} : { line }) });
  }
  const module = { exports: {} as ModuleExports };
  try {
    fn.call(module.exports, module.exports, actionRequire(spec.dependencies), module, `/${spec.filename.split('/').pop() ?? 'action.js'}`, '/');
  } catch (cause) {
    throw new LoadError({ code: 'ERR_ACTION_LOAD', message: `The Action throws while loading: ${message(cause)}` });
  }
  return (module.exports ?? {}) as ModuleExports;
}

/** A module written for another trigger: say which, so the fix is obvious. */
function otherTrigger(exports: ModuleExports, trigger: TriggerSpec): string {
  const other = TRIGGER_SPECS.find((t) => t.id !== trigger.id && typeof exports[t.handler] === 'function');
  return other === undefined
    ? ''
    : ` It exports "${other.handler}": it is a ${other.id} Action. Declare supported_triggers: [{ id: ${other.id}, version: ${other.version} }] for it in tenant.yaml${isTriggerId(other.id) ? ` (claimkit run: --trigger ${other.id})` : ''}.`;
}

/**
 * Auth0's loader check for one trigger (any of src/triggers.ts): its handler, and the optional second one
 * if exported. Exports that throw when read (a getter, a Proxy) fail the load like a throwing module scope.
 */
export function triggerFailure(exports: ModuleExports, triggerId: string): LoadFailure | null {
  try {
    return checkTrigger(exports, triggerId);
  } catch (cause) {
    return { code: 'ERR_ACTION_LOAD', message: `The Action's exports throw when read: ${message(cause)}` };
  }
}

function checkTrigger(exports: ModuleExports, triggerId: string): LoadFailure | null {
  const trigger = triggerSpec(triggerId);
  if (trigger === undefined) return { code: 'ERR_ACTION_LOAD', message: `"${triggerId}" is not an Auth0 Actions trigger.` };
  const missing = handlerFailure(exports[trigger.handler], trigger.handler);
  if (missing) return missing.code === 'ERR_ACTION_NO_HANDLER' ? { ...missing, message: `${missing.message}${otherTrigger(exports, trigger)}` } : missing;
  const second = trigger.continueHandler;
  return second === undefined || exports[second] === undefined ? null : handlerFailure(exports[second], second);
}

/** Evaluates the code and checks its handlers for `trigger`, as Auth0's loader does; a LoadError otherwise. */
export function loadModule(spec: ModuleSpec, trigger = 'post-login'): ModuleExports {
  const exports = evaluateModule(spec);
  const failure = triggerFailure(exports, trigger);
  if (failure) throw new LoadError(failure);
  return exports;
}
