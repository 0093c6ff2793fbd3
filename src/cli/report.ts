import type { FlowResult } from '../harness/result.ts';

function json(value: unknown): string {
  return JSON.stringify(value);
}

function claimLines(claims: Record<string, unknown>): string[] {
  const entries = Object.entries(claims);
  return entries.length === 0 ? ['  (none)'] : entries.map(([k, v]) => `  ${k}: ${json(v)}`);
}

/** The human-readable report of one flow run. */
export function formatFlowReport(r: FlowResult, audience: string | undefined, steps = 'Action(s)'): string {
  const lines: string[] = [];
  const ran = r.actions.map((a) => `${a.name}${a.ran ? '' : ' (skipped)'}`).join(', ');
  const headline = { success: 'SUCCESS', denied: 'DENIED', error: 'ERROR' }[r.outcome];
  lines.push(`${headline}: ${r.actions.length} ${steps}: ${ran}`);
  if (r.denied) lines.push(`Access denied: ${r.denied.reason}${r.denied.code ? ` (code ${r.denied.code})` : ''}`);
  if (r.error) lines.push(`Login fails in ${r.error.action || 'token issuance'}: ${r.error.message}${r.error.code ? ` (error=${r.error.code})` : ''}`);
  if (r.redirect) lines.push(`Redirect: the user is sent to ${r.redirect.url} (the flow resumes at /continue?state=${r.redirect.state})`);
  if (r.prompt) lines.push(`Prompt: custom prompt "${r.prompt.id}" is rendered (the flow resumes after it)`);
  if (r.outcome === 'success') {
    lines.push('', 'ID token claims:', ...claimLines(r.idToken.claims));
    lines.push('', `Access token claims (audience ${audience ?? 'none: opaque token'}):`, ...claimLines(r.accessToken.claims));
    const { added, removed } = r.accessToken.scopes;
    if (added.length + removed.length > 0) lines.push(`  scopes added: ${added.join(' ') || '-'}; removed: ${removed.join(' ') || '-'}`);
  }
  if (r.dropped.length > 0) {
    lines.push('', 'Dropped silently by Auth0:');
    for (const d of r.dropped) lines.push(`  [${d.token}] ${d.claim}: ${d.reason}`);
  }
  if (r.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of r.warnings) lines.push(`  [${w.token}] ${w.claim}: ${w.reason}`);
  }
  lines.push('', 'User metadata after the flow:', `  app_metadata: ${json(r.user.app_metadata)}`, `  user_metadata: ${json(r.user.user_metadata)}`);
  lines.push(...requestAndLogLines(r));
  return `${lines.join('\n')}\n`;
}

/** The stubbed HTTP requests (method, URL, status: never headers or bodies) and the logs of a run. */
export function requestAndLogLines(r: Pick<FlowResult, 'http' | 'logs'>): string[] {
  const lines: string[] = [];
  if (r.http && r.http.length > 0) {
    lines.push('', 'HTTP requests (stubbed):');
    for (const c of r.http) lines.push(`  ${c.method} ${c.url} → ${c.status ?? 'no stub'}`);
  }
  if (r.logs.length > 0) {
    lines.push('', 'Logs:');
    for (const l of r.logs) lines.push(`  [${l.action}] ${l.level}: ${l.message}`);
  }
  return lines;
}
