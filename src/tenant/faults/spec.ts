import { ClaimkitError } from '../../errors.ts';

/**
 * Fault injection for tests: `--faults SPEC` or CLAIMKIT_TENANT_FAULTS=SPEC.
 *
 *   SPEC   := RULE ("," RULE)*
 *   RULE   := TARGET "=" EFFECT ["x" COUNT]          (no COUNT: every time)
 *   TARGET := METHOD " " PATH                        METHOD: GET POST PATCH PUT DELETE or *
 *           | "build"                                PATH: "*" matches one segment, "**" the rest
 *   EFFECT := "429" [":" RETRY_AFTER_SECONDS]        (endpoint) 429 with Retry-After (default 1)
 *           | "500" | "502" | "503"                  (endpoint) that status, Auth0-style body
 *           | "delay:" MS                            (endpoint) answer MS later
 *           | "failed"                               (build) the next builds fail
 *           | "slow:" MS                             (build) the next builds take MS
 *
 * Examples: "POST /api/v2/actions/actions/*\/deploy=429x2,build=failed"
 *           "GET /api/v2/**=500x1"   "build=slow:5000x1"   "* /oauth/token=delay:300"
 * Counts are per tenant process; each matching request (or build) uses one.
 */

export type EndpointEffect = { kind: 'status'; status: number; retryAfter: number } | { kind: 'delay'; ms: number };
export type BuildEffect = { kind: 'failed' } | { kind: 'slow'; ms: number };

export type FaultRule =
  | { target: 'endpoint'; method: string; pattern: string[]; effect: EndpointEffect; remaining: number }
  | { target: 'build'; effect: BuildEffect; remaining: number };

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', '*']);

function fail(rule: string, why: string): never {
  throw new ClaimkitError('ERR_TENANT_FAULT_SPEC', `Fault rule "${rule}" is invalid: ${why}. Example: "POST /api/v2/actions/actions/*/deploy=429x2,build=failed".`);
}

function splitCount(rule: string, text: string): { effect: string; count: number } {
  const m = /^(.*?)(?:x(\d+))?$/.exec(text);
  const effect = m?.[1] ?? text;
  const count = m?.[2] === undefined ? Infinity : Number(m[2]);
  if (count === 0) fail(rule, 'a count must be at least 1');
  return { effect, count };
}

function endpointEffect(rule: string, text: string): EndpointEffect {
  const status = /^(429|500|502|503)(?::(\d+))?$/.exec(text);
  if (status) {
    if (status[2] !== undefined && status[1] !== '429') fail(rule, 'only 429 takes a Retry-After (":SECONDS")');
    return { kind: 'status', status: Number(status[1]), retryAfter: Number(status[2] ?? 1) };
  }
  const delay = /^delay:(\d+)$/.exec(text);
  if (delay) return { kind: 'delay', ms: Number(delay[1]) };
  return fail(rule, `unknown endpoint effect "${text}" (429[:SECONDS], 500, 502, 503, delay:MS)`);
}

function buildEffect(rule: string, text: string): BuildEffect {
  if (text === 'failed') return { kind: 'failed' };
  const slow = /^slow:(\d+)$/.exec(text);
  if (slow) return { kind: 'slow', ms: Number(slow[1]) };
  return fail(rule, `unknown build effect "${text}" (failed, slow:MS)`);
}

export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',')) {
    const rule = raw.trim();
    if (rule === '') continue;
    const eq = rule.lastIndexOf('=');
    if (eq <= 0) fail(rule, 'expected TARGET=EFFECT');
    const target = rule.slice(0, eq).trim();
    const { effect, count } = splitCount(rule, rule.slice(eq + 1).trim());
    if (target === 'build') {
      rules.push({ target: 'build', effect: buildEffect(rule, effect), remaining: count });
      continue;
    }
    const [method, path, ...rest] = target.split(/\s+/);
    if (method === undefined || path === undefined || rest.length > 0) fail(rule, 'expected "METHOD /path" or "build" before "="');
    if (!METHODS.has(method.toUpperCase())) fail(rule, `unknown method "${method}"`);
    if (!path.startsWith('/')) fail(rule, 'the path must start with "/"');
    rules.push({ target: 'endpoint', method: method.toUpperCase(), pattern: path.split('/').filter(Boolean), effect: endpointEffect(rule, effect), remaining: count });
  }
  return rules;
}
