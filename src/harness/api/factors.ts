import { isPlainObject } from '../clone.ts';
import { typeName } from './checks.ts';
import { invalidArgument } from './errors.ts';

// Factor types from the @auth0/actions post-login types (FactorSelector, EnrollmentFactorSelector):
// 'email' can be challenged but not enrolled through an Action.
export const CHALLENGE_FACTORS: ReadonlySet<string> = new Set([
  'otp', 'email', 'webauthn-platform', 'webauthn-roaming', 'recovery-code', 'phone', 'push', 'push-notification',
]);
export const ENROLL_FACTORS: ReadonlySet<string> = new Set([
  'otp', 'webauthn-platform', 'webauthn-roaming', 'recovery-code', 'phone', 'push', 'push-notification',
]);
const PHONE_METHODS: readonly unknown[] = ['sms', 'voice', 'both'];

function checkFactor(factor: unknown, known: ReadonlySet<string>, where: string): void {
  if (!isPlainObject(factor)) throw invalidArgument(`${where} must be an object like { type: 'otp' }, got ${typeName(factor)}.`);
  const { type, options } = factor;
  if (typeof type !== 'string' || !known.has(type)) {
    throw invalidArgument(`${where}.type must be one of ${[...known].join(', ')}; got ${JSON.stringify(type) ?? 'undefined'}.`);
  }
  if (options === undefined) return;
  if (!isPlainObject(options)) throw invalidArgument(`${where}.options must be an object, got ${typeName(options)}.`);
  if (type === 'phone' && options['preferredMethod'] !== undefined && !PHONE_METHODS.includes(options['preferredMethod'])) {
    throw invalidArgument(`${where}.options.preferredMethod must be 'sms', 'voice' or 'both'.`);
  }
  if ((type === 'push' || type === 'push-notification') && options['otpFallback'] !== undefined && typeof options['otpFallback'] !== 'boolean') {
    throw invalidArgument(`${where}.options.otpFallback must be a boolean.`);
  }
}

/**
 * A list of factor selectors. An empty list for challengeWithAny/enrollWithAny can never be satisfied,
 * and Auth0 fails such a login; the harness refuses it at the call.
 */
export function checkFactorList(list: unknown, known: ReadonlySet<string>, where: string, allowEmpty: boolean): void {
  if (!Array.isArray(list)) throw invalidArgument(`${where} must be an array of factors, got ${typeName(list)}.`);
  if (!allowEmpty && list.length === 0) throw invalidArgument(`${where} must name at least one factor.`);
  list.forEach((f: unknown, i) => checkFactor(f, known, `${where}[${i}]`));
}

/** challengeWith / enrollWith: one factor plus optional { additionalFactors }. */
export function checkFactorWithOptions(factor: unknown, options: unknown, known: ReadonlySet<string>, method: string): void {
  checkFactor(factor, known, `${method}: the factor`);
  if (options === undefined) return;
  if (!isPlainObject(options)) throw invalidArgument(`${method}: options must be an object, got ${typeName(options)}.`);
  if (options['additionalFactors'] !== undefined) {
    checkFactorList(options['additionalFactors'], known, `${method}: options.additionalFactors`, true);
  }
}
