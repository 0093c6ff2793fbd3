import type { ClaimkitError } from '../../errors.ts';
import { isPlainObject } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { invalidArgument, notAllowed } from './errors.ts';

/** Length as Auth0's JSON-schema validators count it: Unicode code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A short name for a value's type in error messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Throws unless `value` is a string of at most `max` code points (and not empty when `nonEmpty`). */
export function checkText(value: unknown, what: string, max: number, nonEmpty = false): asserts value is string {
  if (typeof value !== 'string') throw invalidArgument(`${what} must be a string, got ${typeName(value)}.`);
  if (nonEmpty && value.length === 0) throw invalidArgument(`${what} must not be empty.`);
  if (codePoints(value) > max) throw invalidArgument(`${what} must be at most ${max} characters long.`);
}

/** Throws unless `value` is undefined or a plain object whose keys are all in `allowed`. */
export function checkOptions(value: unknown, what: string, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw invalidArgument(`${what} must be an object, got ${typeName(value)}.`);
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw invalidArgument(`${what} has an unknown property "${extra}"; allowed: ${allowed.join(', ')}.`);
}

/**
 * The runtime's `abort`: the execution is stopped and the login fails even if the Action catches what
 * we throw here (the runtime itself does not throw; it fails the execution once the Action returns).
 */
export function abortExecution(ctx: ActionContext, message: string): ClaimkitError {
  ctx.flow.error ??= { message, action: ctx.name };
  return notAllowed(message);
}

/** The effect stored under `key` as a plain object, created on first use. */
export function effectRecord(ctx: ActionContext, key: string): Record<string, unknown> {
  const existing = ctx.flow.effects.get(key);
  if (isPlainObject(existing)) return existing;
  const fresh: Record<string, unknown> = {};
  ctx.flow.effects.set(key, fresh);
  return fresh;
}
