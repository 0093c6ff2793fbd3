import { ApiError } from '../http/errors.ts';
import { parseFaultSpec, type BuildEffect, type EndpointEffect, type FaultRule } from './spec.ts';

function globMatch(pattern: readonly string[], parts: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    if (p === '**') return true;
    if (i >= parts.length) return false;
    if (p !== '*' && p !== parts[i]) return false;
  }
  return pattern.length === parts.length;
}

const MESSAGES: Record<number, string> = {
  429: 'Global limit has been reached',
  500: 'An internal server error occurred',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Applies the rules of a fault spec, using up their counts. */
export class FaultInjector {
  private readonly rules: FaultRule[];

  constructor(spec: string | FaultRule[] = []) {
    this.rules = typeof spec === 'string' ? parseFaultSpec(spec) : spec;
  }

  /** The effect for this request, if a rule with count left matches (first match wins). */
  forRequest(method: string, path: string): EndpointEffect | null {
    const parts = path.split('/').filter(Boolean);
    for (const rule of this.rules) {
      if (rule.target !== 'endpoint' || rule.remaining <= 0) continue;
      if ((rule.method === '*' || rule.method === method) && globMatch(rule.pattern, parts)) {
        rule.remaining -= 1;
        return rule.effect;
      }
    }
    return null;
  }

  /** What the next build should do: fail, and/or take longer. */
  forBuild(): { failed: boolean; delayMs: number | undefined } {
    let failed = false;
    let delayMs: number | undefined;
    for (const rule of this.rules) {
      if (rule.target !== 'build' || rule.remaining <= 0) continue;
      const effect: BuildEffect = rule.effect;
      if (effect.kind === 'failed' && !failed) {
        failed = true;
        rule.remaining -= 1;
      } else if (effect.kind === 'slow' && delayMs === undefined) {
        delayMs = effect.ms;
        rule.remaining -= 1;
      }
    }
    return { failed, delayMs };
  }
}

/** The error a status effect answers with, as Auth0 sends it (429s carry Retry-After and rate-limit headers). */
export function faultError(effect: Extract<EndpointEffect, { kind: 'status' }>, now: number): ApiError {
  const headers: Record<string, string> = {};
  if (effect.status === 429) {
    headers['retry-after'] = String(effect.retryAfter);
    headers['x-ratelimit-limit'] = '50';
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset'] = String(Math.ceil(now / 1000) + effect.retryAfter);
  }
  const errorCode = effect.status === 429 ? 'too_many_requests' : undefined;
  return new ApiError(effect.status, MESSAGES[effect.status] ?? 'Error', { headers, ...(errorCode ? { errorCode } : {}) });
}
