import path from 'node:path';
import { deploy, type DeploySummary, type StepReport } from '../../deploy/deploy.ts';
import type { DemoLogin } from '../../deploy/demo-login.ts';
import type { Change } from '../../deploy/plan.ts';
import { customClaimLines } from '../../tokens/report.ts';
import { EXIT, type CliIo } from '../io.ts';

export interface DeployCommandOptions {
  tenantFile?: string;
  envName?: string;
  dryRun: boolean;
  allowDelete: boolean;
  local: boolean;
  json: boolean;
}

const MARK = { ok: '✔', skipped: '–', failed: '✘' } as const;
const VERB: Record<Change['change'], string> = { create: 'create', update: 'update', unchanged: 'unchanged', delete: 'delete' };

function planLines(summary: DeploySummary): string[] {
  const plan = summary.plan;
  if (!plan) return [];
  const lines = ['Plan:'];
  for (const c of plan.changes) lines.push(`  ${VERB[c.change].padEnd(9)} ${c.type} ${c.name}${c.reasons.length ? ` (${c.reasons.join(', ')})` : ''}`);
  if (plan.bindings) {
    lines.push(plan.bindings.change === 'update' ? `  update    post-login bindings: [${plan.bindings.from.join(', ')}] → [${plan.bindings.to.join(', ')}]` : `  unchanged post-login bindings [${plan.bindings.to.join(', ')}]`);
  }
  for (const c of plan.deletionsSkipped) lines.push(`  keep      ${c.type} ${c.name} (not in tenant.yaml; --allow-delete would delete it)`);
  return lines;
}

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
    for (const t of v.smokeTests) lines.push(`  ${t.ok ? MARK.ok : MARK.failed} smoke test ${t.action}: ${t.detail}`);
    for (const p of v.problems) lines.push(`  ${MARK.failed} ${p}`);
  }
  if (summary.login) lines.push(...loginLines(summary.login));
  const r = summary.requests;
  lines.push(`Requests: ${r.reads} read, ${r.writes} write${r.writes === 1 ? '' : 's'}, ${r.tests} smoke test${r.tests === 1 ? '' : 's'}, ${r.tokens} token.`);
  if (summary.error) lines.push('', `Deploy failed [${summary.error.code}]: ${summary.error.message}`);
  else if (summary.dryRun) lines.push('', 'Dry run: nothing was written.');
  else lines.push('', summary.plan && summary.steps.find((s) => s.name === 'apply')?.detail.startsWith('skipped') ? 'Nothing changed: the tenant already runs this build.' : 'Deployed and verified.');
  return `${lines.join('\n')}\n`;
}

/** `claimkit deploy`: the main job. Exit 0 when deployed and verified (or a clean dry run), else 1 or 2. */
export async function deployCommand(options: DeployCommandOptions, io: CliIo): Promise<number> {
  // On a terminal the running step shows until it ends, then its line replaces it; logs print above.
  let running: string | undefined;
  const clear = () => {
    if (running !== undefined && io.isTTY) io.stderr('\r\u001b[K');
  };
  const progress = (step: StepReport) => {
    clear();
    running = undefined;
    if (!options.json) io.stderr(`${MARK[step.status]} ${step.name.padEnd(7)} ${step.detail.split('\n')[0]} (${step.ms} ms)\n`);
  };
  const start = (name: string) => {
    if (options.json || !io.isTTY) return;
    running = name;
    io.stderr(`… ${name.padEnd(7)} running`);
  };
  const log = (line: string) => {
    clear();
    io.stderr(`${line}\n`);
    if (running !== undefined && io.isTTY) io.stderr(`… ${running.padEnd(7)} running`);
  };
  const summary = await deploy({
    tenantFile: path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml'),
    env: io.env,
    ...(options.envName === undefined ? {} : { envName: options.envName }),
    dryRun: options.dryRun,
    allowDelete: options.allowDelete,
    local: options.local,
    log,
    onStepStart: start,
    onStep: progress,
  });
  io.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatDeploySummary(summary));
  if (summary.ok) return EXIT.ok;
  return summary.error?.code === 'ERR_BUILD_FAILED' || summary.error?.code === 'ERR_DEPLOY_TARGET' ? EXIT.usage : EXIT.failed;
}
