// `claimkit pull`: a tenant (or an auth0-deploy-cli export) becomes a claimkit project, as a table of
// named steps: read → project (the files) → typecheck → write. Nothing is written unless every step
// before `write` passed, and `write` is all or nothing (write.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Target } from '../deploy/target.ts';
import { explainRequestError } from '../deploy/errors.ts';
import { installTransport } from '../deploy/http.ts';
import { tenantKey } from '../deploy/passthrough-record.ts';
import { managementClient } from '../deploy/snapshot.ts';
import { resolveTarget } from '../deploy/target.ts';
import { ClaimkitError, errorMessage, isClaimkitError, type ClaimkitErrorCode } from '../errors.ts';
import { projectEnv, type Env } from '../project/dotenv.ts';
import { recordPulled } from './record.ts';
import { typecheckPulled, type CheckedAction } from './checked.ts';
import { isDirectoryExport, readDirectoryExport } from './from-directory-export.ts';
import { readTenantForPull } from './from-tenant.ts';
import { readYamlExport } from './from-yaml-export.ts';
import { keywordMappings, parseKeywords, type Keyword } from './keywords.ts';
import { note, type PulledTenant, type PullNote } from './model.ts';
import { projectFiles, type ProjectFiles } from './project-files.ts';
import { roundTripNotes } from './round-trip.ts';
import { commit, planWrite, refuseOverwrite, stage, type WritePlan } from './write.ts';

export interface PullOptions {
  /** The project folder to write (created if needed). */
  out: string;
  /** Where `.env` / `.env.<name>` are read from (the target's credentials and keyword mappings). */
  cwd: string;
  env: Env;
  envName?: string;
  /** An auth0-deploy-cli export (its tenant.yaml, or the folder of either format) instead of a tenant. */
  fromExport?: string;
  /** `NAME=value` arguments of --keyword. */
  keywords: readonly string[];
  /** Replace a project's files in `out`. */
  force: boolean;
  log: (line: string) => void;
}

export interface PullSummary {
  ok: boolean;
  origin: string | null;
  out: string;
  files: WritePlan | null;
  actions: Array<{ name: string; file: string; trigger: string; typed: boolean; checked: boolean }>;
  keywords: Record<string, number>;
  notes: PullNote[];
  error: null | { code: ClaimkitErrorCode; message: string };
}

interface State {
  options: PullOptions;
  keywords: Keyword[];
  tenant?: PulledTenant;
  /** The tenant read, as the deploy's record of passed-through sections names it (not for an export). */
  tenantKey?: string;
  project?: ProjectFiles;
  actions: CheckedAction[];
  summary: PullSummary;
}

/** The export at `file`: a tenant.yaml (or .yml), a folder with one, or a folder in the directory format. */
function readExport(file: string): PulledTenant {
  if (!fs.existsSync(file)) throw new ClaimkitError('ERR_FILE_NOT_FOUND', `--from-export ${file} does not exist. Give the export's tenant.yaml or its folder.`);
  if (!fs.statSync(file).isDirectory()) return readYamlExport(file);
  for (const name of ['tenant.yaml', 'tenant.yml']) if (fs.existsSync(path.join(file, name))) return readYamlExport(path.join(file, name));
  if (isDirectoryExport(file)) return readDirectoryExport(file);
  throw new ClaimkitError('ERR_EXPORT_INVALID', `${file} is not an auth0-deploy-cli export: it holds neither a tenant.yaml (YAML format) nor the folders of the directory format (actions/, clients/, tenant.json…).`, { location: { file } });
}

async function readFromTenant(options: PullOptions): Promise<{ tenant: PulledTenant; key: string | undefined }> {
  const env = projectEnv(options.cwd, options.env, options.envName);
  let target: Target | undefined;
  let restore: (() => Promise<void>) | undefined;
  try {
    target = await resolveTarget(env, options.cwd);
    if (target.banner) options.log(target.banner.replace(/deploying to/g, 'pulling from').replace(/To deploy to a real tenant/g, 'To pull from a real tenant'));
    const transport = installTransport(target.domain, target.ca);
    restore = () => transport.restore();
    const mgmt = managementClient(target);
    return { tenant: await readTenantForPull(mgmt, target, options.log), key: await tenantKey(mgmt, target.domain) };
  } catch (err) {
    throw isClaimkitError(err) && err.code !== 'ERR_DEPLOY_API' ? err : explainRequestError(err, target);
  } finally {
    await restore?.();
  }
}

type Step = { name: string; run(s: State): Promise<void> | void };

const STEPS: readonly Step[] = [
  {
    name: 'read',
    async run(s) {
      if (s.options.fromExport !== undefined) s.tenant = readExport(path.resolve(s.options.cwd, s.options.fromExport));
      else ({ tenant: s.tenant, key: s.tenantKey } = await readFromTenant(s.options));
      s.summary.origin = s.tenant.origin;
    },
  },
  {
    name: 'project',
    async run(s) {
      s.project = await projectFiles(s.tenant as PulledTenant, s.keywords, s.options.out);
    },
  },
  {
    name: 'typecheck',
    run(s) {
      const p = s.project as ProjectFiles;
      s.actions = typecheckPulled(p.files, p.actions, p.notes);
    },
  },
  {
    name: 'write',
    run(s) {
      const p = s.project as ProjectFiles;
      const { out } = s.options;
      if (fs.existsSync(path.join(out, 'claims.yaml'))) p.notes.push(note('attention', 'claims.yaml', `${path.join(out, 'claims.yaml')} is kept as it was: check that its claims still fit the pulled tenant.yaml (claimkit check).`));
      const { plan, toWrite } = planWrite(out, p.files, p.ifAbsent);
      refuseOverwrite(out, plan, s.options.force);
      s.summary.files = plan;
      if (toWrite.size === 0 && plan.removed.length === 0) return;
      commit(out, stage(out, toWrite), toWrite, plan);
    },
  },
  {
    name: 'round trip',
    async run(s) {
      const p = s.project as ProjectFiles;
      p.notes.push(...(await roundTripNotes(s.options.out, p.pulledActions, keywordMappings(s.keywords))));
    },
  },
  {
    // The passed-through sections as written are what the tenant holds: a deploy need not send them again.
    name: 'record',
    run(s) {
      if (s.tenantKey !== undefined) recordPulled(s.options.out, s.tenantKey, keywordMappings(s.keywords));
    },
  },
];

export async function pull(options: PullOptions): Promise<PullSummary> {
  const summary: PullSummary = { ok: false, origin: null, out: options.out, files: null, actions: [], keywords: {}, notes: [], error: null };
  try {
    const s: State = { options, keywords: parseKeywords(options.keywords), actions: [], summary };
    for (const step of STEPS) await step.run(s);
    summary.actions = s.actions.map((a) => ({ name: a.name, file: a.file, trigger: a.trigger, typed: a.typed, checked: a.checked }));
    summary.keywords = s.project?.keywordUse ?? {};
    // In one order, whatever order the tenant listed things in.
    summary.notes = [...(s.project?.notes ?? [])].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
    summary.ok = true;
  } catch (err) {
    const e = isClaimkitError(err) ? err : new ClaimkitError('ERR_DEPLOY_API', errorMessage(err), { cause: err });
    summary.error = { code: e.code, message: e.message };
  }
  return summary;
}
