// What the Rules pipeline leaves in `context` once every Rule has called back, applied to the flow as
// Auth0 applied it: claims "will be included in the ID Token after all rules have run" (docs:
// customize/rules/context-object), `context.accessToken.scope` replaces the granted scopes, and
// `context.multifactor` / `context.redirect` / `context.primaryUser` take effect then too (docs: Rules
// execution best practices, "Setting context.redirect triggers a redirection once all rules have completed").
import { ClaimkitError } from '../errors.ts';
import { isPlainObject } from '../harness/clone.ts';
import { tokenContext } from '../harness/issue.ts';
import type { FlowState } from '../harness/state.ts';
import type { ClaimValue } from '../types/api.ts';
import type { RuleContext } from './types.ts';

/** The token's claims as JSON, the way the token is built: a value JSON leaves out sets no claim. */
export function jsonClaims(claims: unknown, rule: string, which: string): Map<string, ClaimValue> {
  const out = new Map<string, ClaimValue>();
  if (!isPlainObject(claims)) return out;
  for (const key of Object.keys(claims)) {
    if (which === 'accessToken' && key === 'scope') continue;
    let text: string | undefined;
    try {
      text = JSON.stringify(claims[key]);
    } catch (cause) {
      throw new ClaimkitError('ERR_API_INVALID_ARGUMENT', `context.${which}["${key}"] cannot be put into a token: ${(cause as Error).message}. Auth0 fails the login.`, { cause });
    }
    if (text !== undefined) out.set(key, JSON.parse(text) as ClaimValue);
  }
  return out;
}

/** The parts of a context that take effect after the Rules, each with the Rule that last changed it. */
export const EFFECT_PARTS = ['idToken', 'accessToken', 'multifactor', 'redirect', 'primaryUser'] as const;
export type EffectPart = (typeof EFFECT_PARTS)[number];
export type LastWriters = Partial<Record<EffectPart, string>>;

/** A snapshot of those parts, to tell which Rule last changed each. */
export function effectSnapshot(context: RuleContext): Record<EffectPart, string> {
  const safe = (v: unknown) => {
    try {
      return JSON.stringify(v) ?? '';
    } catch {
      return '[unserialisable]';
    }
  };
  const out = {} as Record<EffectPart, string>;
  for (const part of EFFECT_PARTS) out[part] = safe(context[part]);
  return out;
}

/** Records `rule` as the last writer of every part that changed since `before`. */
export function noteWriters(writers: LastWriters, before: Record<EffectPart, string>, after: Record<EffectPart, string>, rule: string): void {
  for (const part of EFFECT_PARTS) if (before[part] !== after[part]) writers[part] = rule;
}

/** `context.accessToken.scope`: "When provided, it is an array containing permissions in string format." */
function applyScopes(flow: FlowState, scope: unknown, rule: string): void {
  if (scope === undefined) return;
  const list = Array.isArray(scope) ? scope : typeof scope === 'string' ? scope.split(' ') : null;
  if (list === null || list.some((s) => typeof s !== 'string')) {
    throw new ClaimkitError('ERR_API_INVALID_ARGUMENT', `context.accessToken.scope must be an array of strings; the Rule "${rule}" set ${JSON.stringify(scope) ?? typeof scope}.`);
  }
  const wanted = new Set((list as string[]).map((s) => s.trim()).filter(Boolean));
  const granted = tokenContext(flow).scopes;
  for (const s of wanted) if (!granted.has(s)) flow.scopes.added.add(s);
  for (const s of granted) if (!wanted.has(s)) flow.scopes.removed.add(s);
  flow.calls.push({ action: rule, method: 'context.accessToken.scope', args: [[...wanted]] });
}

function applyMultifactor(flow: FlowState, multifactor: unknown, rule: string): void {
  if (multifactor === undefined || multifactor === null) return;
  const mf = isPlainObject(multifactor) ? multifactor : {};
  const provider = typeof mf['provider'] === 'string' ? mf['provider'] : 'any';
  const allowRememberBrowser = mf['allowRememberBrowser'] === true;
  flow.effects.set('multifactor.enable', { provider, allowRememberBrowser });
  flow.calls.push({ action: rule, method: 'context.multifactor', args: [{ provider, allowRememberBrowser }] });
}

function applyRedirect(flow: FlowState, redirect: unknown, rule: string): void {
  if (redirect === undefined || redirect === null) return;
  const url = isPlainObject(redirect) ? redirect['url'] : undefined;
  let target: URL;
  try {
    target = new URL(String(url));
  } catch {
    throw new ClaimkitError('ERR_API_INVALID_ARGUMENT', `context.redirect needs { url: "https://…" } with an absolute URL; the Rule "${rule}" set ${JSON.stringify(redirect) ?? typeof redirect}.`);
  }
  flow.redirect = { url: target.href, action: rule };
  flow.calls.push({ action: rule, method: 'context.redirect', args: [{ url: target.href }] });
}

/** Applies the final context of a Rules pass to the flow (claims, scopes, MFA, redirect, primary user). */
export function applyRuleContext(flow: FlowState, context: RuleContext, writers: LastWriters, lastRule: string): void {
  const by = (part: EffectPart) => writers[part] ?? lastRule;
  for (const [token, which] of [['id', 'idToken'], ['access', 'accessToken']] as const) {
    const claims = jsonClaims(context[which], by(which), which);
    for (const [key, value] of claims) {
      flow.claims[token].set(key, value);
      flow.calls.push({ action: by(which), method: `context.${which}`, args: [key, value] });
    }
    if (claims.size > 0) flow.lastWriter[token] = by(which);
  }
  applyScopes(flow, isPlainObject(context.accessToken) ? context.accessToken['scope'] : undefined, by('accessToken'));
  applyMultifactor(flow, context.multifactor, by('multifactor'));
  if (typeof context.primaryUser === 'string' && context.primaryUser !== flow.event.user.user_id) {
    flow.primaryUser = context.primaryUser;
    flow.calls.push({ action: by('primaryUser'), method: 'context.primaryUser', args: [context.primaryUser] });
  }
  applyRedirect(flow, context.redirect, by('redirect'));
}
