// The human report of a deploy: the plan, one line per resource (and per passed-through section), the
// verification, the requests made.
import type { DeploySummary } from '../../deploy/deploy.ts';
import type { Change } from '../../deploy/plan.ts';

const MARK = { ok: '✔', skipped: '–', failed: '✘' } as const;

function changeLine(c: Change): string {
  const why = c.summary ?? (c.reasons.length > 0 ? `(${c.reasons.join(', ')})` : '');
  return `  ${c.change.padEnd(9)} ${c.type} ${c.name}${why ? `${c.summary ? ': ' : ' '}${why}` : ''}`;
}

export function planLines(summary: DeploySummary): string[] {
  const plan = summary.plan;
  if (!plan) return [];
  return [
    'Plan:',
    ...plan.changes.map(changeLine),
    ...plan.passthrough.map((section) => `  pass      ${section}: not compared by claimkit; auth0-deploy-cli applies it as written`),
    ...plan.deletionsSkipped.map((c) => `  keep      ${c.type} ${c.name} (not in tenant.yaml; --allow-delete would delete it)`),
  ];
}

export function formatDeploySummary(summary: DeploySummary): string {
  const lines = [...planLines(summary)];
  const v = summary.verification;
  if (v) {
    lines.push('Verify:');
    lines.push(`  ${MARK.ok} ${v.checked} resource(s) read back as tenant.yaml says`);
    for (const t of v.smokeTests) lines.push(`  ${t.ok ? MARK.ok : MARK.failed} smoke test ${t.action}: ${t.detail}`);
    for (const p of v.problems) lines.push(`  ${MARK.failed} ${p}`);
    for (const s of v.notVerified) lines.push(`  ${MARK.skipped} ${s}: applied by auth0-deploy-cli, not read back`);
  }
  const r = summary.requests;
  lines.push(`Requests: ${r.reads} read, ${r.writes} write${r.writes === 1 ? '' : 's'}, ${r.tests} smoke test${r.tests === 1 ? '' : 's'}, ${r.tokens} token.`);
  const applied = summary.steps.find((s) => s.name === 'apply');
  if (summary.error) lines.push('', `Deploy failed [${summary.error.code}]: ${summary.error.message}`);
  else if (summary.dryRun) lines.push('', 'Dry run: nothing was written.');
  else lines.push('', applied?.detail.startsWith('skipped') ? 'Nothing changed: the tenant already runs this build.' : 'Deployed and verified.');
  return `${lines.join('\n')}\n`;
}

export { MARK };
