import type { CredentialsExchangeResult } from '../harness/credentials-exchange/result.ts';
import type { CredentialsExchangeEvent } from '../types/credentials-exchange/event.ts';
import { requestAndLogLines } from './report.ts';

/** The human-readable report of one credentials-exchange run: what the token endpoint would answer. */
export function formatExchangeReport(r: CredentialsExchangeResult, event: CredentialsExchangeEvent): string {
  const lines: string[] = [];
  const ran = r.actions.map((a) => `${a.name}${a.ran ? '' : ' (skipped)'}`).join(', ');
  const headline = { success: 'SUCCESS', denied: 'DENIED', error: 'ERROR' }[r.outcome];
  lines.push(`${headline}: ${r.actions.length} Action(s): ${ran}`);
  if (r.denied) lines.push(`Token request refused: error=${r.denied.code}${r.denied.reason ? `, error_description="${r.denied.reason}"` : ''}`);
  if (r.error) lines.push(`Token request fails in ${r.error.action || 'token issuance'}: ${r.error.message}`);
  if (r.outcome === 'success') {
    lines.push('', `Access token claims (client ${event.client.name}, audience ${event.resource_server.identifier}):`);
    const entries = Object.entries(r.accessToken.claims);
    lines.push(...(entries.length === 0 ? ['  (none)'] : entries.map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)));
    lines.push(`  scope: ${r.accessToken.scope.join(' ') || '(none)'}`);
    const { added, removed } = r.accessToken.scopes;
    if (added.length + removed.length > 0) lines.push(`  scopes added: ${added.join(' ') || '-'}; removed: ${removed.join(' ') || '-'}`);
  }
  if (r.dropped.length > 0) {
    lines.push('', 'Dropped silently by Auth0:');
    for (const d of r.dropped) lines.push(`  ${d.claim}: ${d.reason}`);
  }
  if (r.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of r.warnings) lines.push(`  ${w.claim}: ${w.reason}`);
  }
  lines.push(...requestAndLogLines(r));
  return `${lines.join('\n')}\n`;
}
