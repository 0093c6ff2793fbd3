// The human report of a deploy: the plan, one line per resource (and per passed-through section), the
// verification, the requests made.
import type { DeploySummary } from '../../deploy/deploy.ts';
import type { DemoLogin } from '../../deploy/demo-login.ts';
import type { Change } from '../../deploy/plan.ts';
import { customClaimLines } from '../../tokens/report.ts';

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
    ...plan.passthroughUnchanged.map((section) => `  same      ${section}: as claimkit last sent it to this tenant, so not sent (--resend-passthrough sends it)`),
    ...plan.deletionsSkipped.map((c) => `  keep      ${c.type} ${c.name} (not in tenant.yaml; --allow-delete would delete it)`),
  ];
}

/** The demo user's login on the local tenant: the claims of the real tokens, and what was dropped. */
function loginLines(login: DemoLogin): string[] {
  const u = login.user;
  const made = u.status === 'created' ? 'created now' : u.status === 'password-reset' ? 'existing, password reset' : 'existing';
  const lines = [
    `Login (local tenant): ${u.email}, the demo user (${made} by claimkit; not in tenant.yaml) with roles [${u.roles.join(', ')}], app_metadata ${JSON.stringify(u.app_metadata)}`,
    `  through ${login.client} (${login.flow === 'authorization_code' ? 'code + PKCE through the login form' : 'password-realm'}), scope "${login.scope}"${login.audience ? `, audience ${login.audience}` : ''}`,
  ];
  if (login.idToken) {
    lines.push(`  ID token for ${login.client} (aud ${login.idToken.audience.join(', ')}), ${login.idToken.verdict.valid ? 'signature and claims verified against the tenant\'s JWKS' : `✘ ${login.idToken.verdict.message}`}:`);
    lines.push(...customClaimLines(login.idToken));
  }
  const at = login.accessToken;
  lines.push(`  Access token ${at.format === 'opaque' ? '(opaque: no audience)' : `for ${at.audience.join(' + ')}`}, ${at.verdict.valid ? 'verified' : `✘ ${at.verdict.message}`}:`);
  lines.push(...customClaimLines(at));
  if (at.standard['permissions'] !== undefined) lines.push(`    permissions: ${JSON.stringify(at.standard['permissions'])}`);
  lines.push(login.dropped.length ? '  Dropped at login (set by the Actions, left out as Auth0 does):' : '  Nothing the Actions set was dropped.');
  for (const d of login.dropped) lines.push(`    ✘ ${d.token === 'id' ? 'ID' : 'access'} token ${d.claim}: ${d.reason}`);
  lines.push('  Again, or with other options: npx claimkit login; read any token with npx claimkit inspect TOKEN');
  return lines;
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
  if (summary.login) lines.push(...loginLines(summary.login));
  const r = summary.requests;
  lines.push(`Requests: ${r.reads} read, ${r.writes} write${r.writes === 1 ? '' : 's'}, ${r.tests} smoke test${r.tests === 1 ? '' : 's'}, ${r.tokens} token.`);
  const applied = summary.steps.find((s) => s.name === 'apply');
  if (summary.error) lines.push('', `Deploy failed [${summary.error.code}]: ${summary.error.message}`);
  else if (summary.dryRun) lines.push('', 'Dry run: nothing was written.');
  else lines.push('', applied?.detail.startsWith('skipped') ? 'Nothing changed: the tenant already runs this build.' : 'Deployed and verified.');
  return `${lines.join('\n')}\n`;
}

export { MARK };
