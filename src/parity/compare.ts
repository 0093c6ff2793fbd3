// What must be the same for a Rule and its Action on one login: the outcome, the claims of each token
// (after the claim policy), the scopes, the denial's reason, the metadata written back, the MFA asked
// for and the redirect. Messages of errors and the denial's OAuth code are not compared: a Rule's
// UnauthorizedError answered `unauthorized` where api.access.deny answers `access_denied`, always.
import type { ApiCall, FlowResult } from '../harness/result.ts';

export interface Verdict {
  outcome: FlowResult['outcome'];
  idToken?: unknown;
  accessToken?: unknown;
  scopes?: { added: string[]; removed: string[] };
  denied?: string;
  app_metadata?: unknown;
  user_metadata?: unknown;
  mfa?: unknown;
  redirect?: string | null;
}

export interface Difference {
  /** Where: `idToken["https://…/roles"]`, `denied`, `app_metadata.plan`… */
  path: string;
  rule: unknown;
  action: unknown;
}

function lastCall(calls: readonly ApiCall[], methods: readonly string[]): ApiCall | undefined {
  for (let i = calls.length - 1; i >= 0; i--) {
    const c = calls[i] as ApiCall;
    if (methods.includes(c.method) && !c.ignored) return c;
  }
  return undefined;
}

/** The MFA a login asked for: api.multifactor.enable in an Action, context.multifactor in a Rule. */
function mfaOf(result: FlowResult): unknown {
  const c = lastCall(result.calls, ['multifactor.enable', 'context.multifactor']);
  if (!c) return null;
  if (c.method === 'context.multifactor') return c.args[0];
  const options = c.args[1] as { allowRememberBrowser?: unknown } | undefined;
  return { provider: c.args[0], allowRememberBrowser: options?.allowRememberBrowser === true };
}

/** JSON as a token or the Management API carries it: undefined members left out. */
function json(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? 'null');
}

export function verdictOf(result: FlowResult): Verdict {
  if (result.outcome === 'error') return { outcome: 'error' };
  const v: Verdict = { outcome: result.outcome, app_metadata: json(result.user.app_metadata), user_metadata: json(result.user.user_metadata) };
  if (result.outcome === 'denied') return { ...v, denied: result.denied?.reason ?? '' };
  const url = result.redirect ? new URL(result.redirect.url) : null;
  url?.searchParams.delete('state');
  return {
    ...v,
    idToken: json(result.idToken.claims),
    accessToken: json(result.accessToken.claims),
    scopes: { added: [...result.accessToken.scopes.added].sort(), removed: [...result.accessToken.scopes.removed].sort() },
    mfa: json(mfaOf(result)),
    redirect: url ? url.href : null,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function key(path: string, k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]`;
}

function walk(path: string, a: unknown, b: unknown, out: Difference[]): void {
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(key(path, k), a[k], b[k], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, rule: a, action: b });
}

/** Every difference between what the Rule and the Action did on one login; empty when they agree. */
export function compareResults(rule: FlowResult, action: FlowResult): Difference[] {
  const a = verdictOf(rule);
  const b = verdictOf(action);
  const out: Difference[] = [];
  if (a.outcome !== b.outcome) {
    out.push({ path: 'outcome', rule: describe(rule), action: describe(action) });
    return out;
  }
  for (const part of ['idToken', 'accessToken', 'scopes', 'denied', 'app_metadata', 'user_metadata', 'mfa', 'redirect'] as const) walk(part, a[part], b[part], out);
  return out;
}

/** An outcome with its reason, for the report. */
function describe(r: FlowResult): string {
  if (r.outcome === 'error') return `error (${r.error?.action}: ${r.error?.message})`;
  if (r.outcome === 'denied') return `denied (${r.denied?.reason})`;
  return 'success';
}
