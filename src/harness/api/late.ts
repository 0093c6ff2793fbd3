import { cloneJson } from '../clone.ts';
import type { ApiCall } from '../result.ts';

// Once an Action's handler has settled, Auth0 has collected its commands: a call made later — from a
// callback or a promise nobody awaited — changes nothing ("This method should not be used in callbacks",
// docs, post-login api object, api.user.setAppMetadata). Such calls are recorded with `ignored: true`.
// Reads still answer.
const READS: ReadonlySet<string> = new Set([
  'cache.get', 'rules.wasExecuted', 'redirect.canRedirect', 'redirect.encodeToken', 'redirect.validateToken',
  'roles.getUserEffectiveRoles', 'roles.getUserEffectiveRolesByIds', 'roles.getUserEffectiveRolesByNames',
  'groups.getUserGroups', 'groups.hasGroupMembership',
]);
/** Methods that return the api, so a chain of late calls does not break on undefined. */
const CHAINABLE: ReadonlySet<string> = new Set([
  'access.deny', 'accessToken.setCustomClaim', 'idToken.setCustomClaim', 'authentication.recordMethod', 'multifactor.enable',
  'redirect.sendUserTo', 'user.setAppMetadata', 'user.setUserMetadata', 'validation.error',
]);
const LATE_RESULTS: Readonly<Record<string, unknown>> = {
  'cache.set': { type: 'error', code: 'FailedToSetCacheRecord' },
  'cache.delete': { type: 'error', code: 'FailedToDeleteCacheRecord' },
};

type Method = (...args: unknown[]) => unknown;

/** What the guard needs of an Action's context (any trigger's). */
export interface LateCallContext {
  readonly name: string;
  finished(): boolean;
  readonly flow: { readonly calls: ApiCall[] };
}

/** `namespace` with every writing method turned into a no-op once the Action has finished. */
export function ignoreLateCalls<T extends object>(ctx: LateCallContext, api: object, ns: string, namespace: T): T {
  const src = namespace as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in src) {
    const value = src[key];
    const method = `${ns}.${key}`;
    if (typeof value !== 'function' || READS.has(method)) {
      out[key] = value;
      continue;
    }
    const chainable = CHAINABLE.has(method);
    out[key] = (...args: unknown[]): unknown => {
      if (!ctx.finished()) return (value as Method).apply(namespace, args);
      ctx.flow.calls.push({ action: ctx.name, method, args, ignored: true });
      return chainable ? api : cloneJson(LATE_RESULTS[method]);
    };
  }
  return out as T;
}
