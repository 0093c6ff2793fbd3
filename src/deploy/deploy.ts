// `npm run deploy`: target → build → plan → apply → verify, as a table of named steps. Nothing is
// written to the tenant unless the build passed and the plan has changes; a dry run stops after plan.
import fs from 'node:fs';
import path from 'node:path';
import type { ManagementClient } from 'auth0';
import { buildProject, type BuildResult } from '../build/build.ts';
import { errorsIn, formatFinding } from '../build/findings.ts';
import { ClaimkitError, errorMessage, isClaimkitError, type ClaimkitErrorCode } from '../errors.ts';
import { projectEnv, type Env } from '../project/dotenv.ts';
import { applyPassthrough, checkPassthrough } from './a0deploy.ts';
import { checkPassthroughFiles } from './passthrough-files.ts';
import { applyPlan, secretValues } from './apply.ts';
import { desiredTenant, type DesiredTenant } from './desired.ts';
import { explainRequestError } from './errors.ts';
import { passthroughFingerprints, recordSent, sentBefore, tenantKey, unchangedSince, type Fingerprints } from './passthrough-record.ts';
import { installTransport, type RequestCounts, type Transport } from './http.ts';
import { changed, isEmpty, makePlan, type Plan } from './plan.ts';
import type { Section } from './resources/registry.ts';
import { managementClient, readTenant, type TenantSnapshot } from './snapshot.ts';
import { resolveTarget, type Target } from './target.ts';
import { verifyDeploy, type Verification } from './verify.ts';
import { demoClient, demoLogin, type DemoLogin } from './demo-login.ts';

export interface DeployOptions {
  tenantFile: string;
  env: Env;
  envName?: string;
  dryRun: boolean;
  allowDelete: boolean;
  /** Deploy to the local tenant even when AUTH0_* are set or CI is. */
  local?: boolean;
  /** Send every passed-through section, also those the same as claimkit last sent them. */
  resendPassthrough?: boolean;
  /** Progress and log lines (a0deploy's, banners); the summary is the caller's to print. */
  log: (line: string) => void;
  /** Called when a step starts and when it ends. */
  onStepStart?: (name: StepName) => void;
  onStep?: (step: StepReport) => void;
}

export interface StepReport {
  name: StepName;
  status: 'ok' | 'skipped' | 'failed';
  ms: number;
  detail: string;
}

export type StepName = 'target' | 'build' | 'plan' | 'apply' | 'verify' | 'login';

export interface DeploySummary {
  ok: boolean;
  dryRun: boolean;
  target: null | { kind: Target['kind']; domain: string };
  steps: StepReport[];
  plan: Plan | null;
  built: Array<{ name: string; bytes: number }>;
  requests: Omit<RequestCounts, 'writeLog'> & { writeLog: string[] };
  verification: Verification | null;
  /** The local tenant only: the demo user's login and the claims in its real tokens. */
  login: DemoLogin | null;
  error: null | { code: ClaimkitErrorCode; message: string };
}

interface State {
  options: DeployOptions;
  summary: DeploySummary;
  root: string;
  env: Env;
  target?: Target;
  build?: BuildResult;
  desired?: DesiredTenant;
  mgmt?: ManagementClient;
  transport?: Transport;
  snapshot?: TenantSnapshot;
  mappings: Record<string, unknown>;
  secrets: ReadonlyMap<string, string>;
  /** The passed-through sections' fingerprints (passthrough-record.ts). */
  fingerprints: Fingerprints;
  /** Which tenant the record of passed-through sections is kept under (passthrough-record.ts). */
  tenantKey?: string;
  stop: boolean;
}

type Step = { name: StepName; run(s: State): Promise<string> };

/** tenant.yaml with only the passed-through sections this plan sends. */
const toSend = (desired: DesiredTenant, plan: Plan): DesiredTenant => ({ ...desired, passthrough: Object.fromEntries(Object.entries(desired.passthrough).filter(([k]) => plan.passthrough.includes(k))) });

const STEPS: readonly Step[] = [
  {
    name: 'target',
    async run(s) {
      s.target = await resolveTarget(s.env, s.root, { local: s.options.local === true });
      s.summary.target = { kind: s.target.kind, domain: s.target.domain };
      if (s.target.banner) s.options.log(s.target.banner);
      return `${s.target.kind === 'local' ? 'local tenant' : 'tenant'} ${s.target.domain}`;
    },
  },
  {
    name: 'build',
    async run(s) {
      s.build = await buildProject({ tenantFile: s.options.tenantFile, env: s.env });
      for (const f of s.build.findings) s.options.log(formatFinding(f));
      if (errorsIn(s.build.findings).length > 0) {
        throw new ClaimkitError('ERR_BUILD_FAILED', `The project does not pass its checks (${errorsIn(s.build.findings).length} error(s) above); nothing was sent to the tenant.`);
      }
      s.summary.built = s.build.actions.map((a) => ({ name: a.name, bytes: a.bytes }));
      s.mappings = s.build.check.mappings;
      s.desired = desiredTenant(fs.readFileSync(s.options.tenantFile, 'utf8'), s.build.actions, s.mappings, s.options.tenantFile);
      return `${s.build.actions.length} Action(s) built`;
    },
  },
  {
    name: 'plan',
    async run(s) {
      const target = s.target as Target;
      const desired = s.desired as DesiredTenant;
      s.transport = installTransport(target.domain, target.ca);
      s.mgmt = managementClient(target);
      const sections = Object.keys(desired.sections) as Section[];
      // Grants and permissions name APIs: the tenant's are read to check them before any write (api-refs.ts).
      if ((sections.includes('roles') || sections.includes('clientGrants')) && !sections.includes('resourceServers')) sections.push('resourceServers');
      // Bindings are read only for the triggers tenant.yaml names (the others are left alone).
      const wanted = { triggers: (desired.sections.triggers ?? []).map((t) => String(t['trigger'])) };
      s.snapshot = await readTenant(s.mgmt, sections, { ownClientId: target.clientId, wanted });
      const made = makePlan(desired, s.snapshot, { allowDelete: s.options.allowDelete, ownClientId: target.clientId });
      s.fingerprints = passthroughFingerprints(desired.passthrough, s.root, s.mappings);
      s.tenantKey = made.passthrough.length > 0 ? await tenantKey(s.mgmt, target.domain) : undefined;
      const sent = s.tenantKey === undefined ? {} : sentBefore(s.root, s.tenantKey);
      const same = s.options.resendPassthrough === true ? [] : unchangedSince(made.passthrough, s.fingerprints, sent);
      const plan: Plan = { ...made, passthrough: made.passthrough.filter((p) => !same.includes(p)), passthroughUnchanged: same };
      s.summary.plan = plan;
      const { values, missing } = secretValues(desired, plan, s.env);
      if (missing.length > 0) {
        throw new ClaimkitError('ERR_DEPLOY_TARGET', `These Action secrets have no value: ${missing.join(', ')}. Set each in the environment or .env, as <ACTION>__<NAME> for one Action or <NAME> for every Action declaring it; nothing was sent.`);
      }
      s.secrets = values;
      // Before claimkit's own writes, so that a section auth0-deploy-cli would refuse leaves nothing half-applied
      // (without them, auth0-deploy-cli's own check comes before its first write anyway).
      if (plan.passthrough.length > 0 && (changed(plan).length > 0 || s.options.dryRun)) checkPassthrough(toSend(desired, plan));
      checkPassthroughFiles(desired, s.root);
      if (s.options.dryRun) s.stop = true;
      const n = changed(plan).length;
      const pass = plan.passthrough.length > 0 ? `; ${plan.passthrough.length} section(s) for auth0-deploy-cli` : '';
      return `${n === 0 ? 'no changes' : `${n} change(s)`}${pass}`;
    },
  },
  {
    name: 'apply',
    async run(s) {
      const plan = s.summary.plan as Plan;
      if (isEmpty(plan)) return 'skipped: nothing to change';
      const target = s.target as Target;
      const desired = s.desired as DesiredTenant;
      const n = changed(plan).length;
      if (n > 0) {
        await applyPlan({ mgmt: s.mgmt as ManagementClient, desired, snapshot: s.snapshot as TenantSnapshot, plan, ownClientId: target.clientId, secrets: s.secrets, log: s.options.log });
      }
      if (plan.passthrough.length > 0) {
        await applyPassthrough({ target, root: s.root, desired: toSend(desired, plan), mappings: s.mappings, allowDelete: s.options.allowDelete, log: s.options.log });
        if (s.tenantKey !== undefined) recordSent(s.root, s.tenantKey, Object.fromEntries(plan.passthrough.flatMap((p) => (s.fingerprints[p] === undefined ? [] : [[p, s.fingerprints[p]]]))));
      }
      const pass = plan.passthrough.length > 3 ? `${plan.passthrough.slice(0, 3).join(', ')} and ${plan.passthrough.length - 3} more section(s)` : plan.passthrough.join(', ');
      const parts = [...(n > 0 ? [`${n} change(s) through the Management API`] : []), ...(plan.passthrough.length > 0 ? [`${pass} with auth0-deploy-cli`] : [])];
      return `applied ${parts.join('; ')}`;
    },
  },
  {
    name: 'verify',
    async run(s) {
      const target = s.target as Target;
      const v = await verifyDeploy(s.mgmt as ManagementClient, s.desired as DesiredTenant, { ownClientId: target.clientId, allowDelete: s.options.allowDelete, planned: s.summary.plan as Plan });
      s.summary.verification = v;
      if (!v.ok) throw new ClaimkitError('ERR_DEPLOY_VERIFY_FAILED', `The tenant does not hold what tenant.yaml says:\n${v.problems.map((p) => `  - ${p}`).join('\n')}`);
      return `${v.checked} resource(s) as tenant.yaml says; ${v.smokeTests.length} smoke test(s) passed`;
    },
  },
  {
    name: 'login',
    async run(s) {
      const target = s.target as Target;
      if (target.kind !== 'local' || !target.stateDir) return 'skipped: a real tenant (`claimkit login --user EMAIL` logs a user of yours in)';
      const client = demoClient(s.desired as DesiredTenant);
      if (!client) return 'skipped: no application in tenant.yaml can log a user in (authorization_code with callbacks, or the password-realm grant)';
      const login = await demoLogin(s.mgmt as ManagementClient, { ...target, stateDir: target.stateDir }, s.desired as DesiredTenant, s.build?.check.claims?.resolved.claims ?? [], client);
      s.summary.login = login;
      const verified = [login.idToken, login.accessToken].every((t) => t === null || t.verdict.valid);
      if (!verified) throw new ClaimkitError('ERR_DEPLOY_VERIFY_FAILED', 'The demo login\'s tokens do not verify against the tenant\'s JWKS.');
      return `${login.user.email} logged in through ${client} (${login.flow === 'authorization_code' ? 'code + PKCE' : 'password-realm'})${login.audience ? ` for ${login.audience}` : ''}; tokens verified`;
    },
  },
];

export async function deploy(options: DeployOptions): Promise<DeploySummary> {
  const root = path.dirname(options.tenantFile);
  const summary: DeploySummary = {
    ok: false,
    dryRun: options.dryRun,
    target: null,
    steps: [],
    plan: null,
    built: [],
    requests: { reads: 0, writes: 0, tests: 0, tokens: 0, writeLog: [] },
    verification: null,
    login: null,
    error: null,
  };
  const s: State = { options, summary, root, env: {}, mappings: {}, secrets: new Map(), fingerprints: {}, stop: false };
  try {
    s.env = projectEnv(root, options.env, options.envName);
    for (const step of STEPS) {
      if (s.stop) {
        const skipped: StepReport = { name: step.name, status: 'skipped', ms: 0, detail: 'dry run' };
        summary.steps.push(skipped);
        options.onStep?.(skipped);
        continue;
      }
      const start = performance.now();
      options.onStepStart?.(step.name);
      try {
        const detail = await step.run(s);
        const report: StepReport = { name: step.name, status: 'ok', ms: Math.round(performance.now() - start), detail };
        summary.steps.push(report);
        options.onStep?.(report);
      } catch (err) {
        const explained = explainRequestError(err, s.target);
        const report: StepReport = { name: step.name, status: 'failed', ms: Math.round(performance.now() - start), detail: explained.message };
        summary.steps.push(report);
        options.onStep?.(report);
        throw explained;
      }
    }
    summary.ok = true;
  } catch (err) {
    const e = isClaimkitError(err) ? err : new ClaimkitError('ERR_DEPLOY_API', errorMessage(err), { cause: err });
    summary.error = { code: e.code, message: e.message };
  } finally {
    if (s.transport) {
      summary.requests = { ...s.transport.counts, writeLog: [...s.transport.counts.writeLog] };
      await s.transport.restore();
    }
  }
  return summary;
}
