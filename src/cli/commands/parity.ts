import fs from 'node:fs';
import path from 'node:path';
import { stateDirOf } from '../../dependencies/index.ts';
import { ClaimkitError } from '../../errors.ts';
import { parseHttpFixtures } from '../../http-stubs/fixtures.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { actionSource, loadActionFiles } from '../../project/flow.ts';
import { INPUT_LIMITS } from '../../project/input-limits.ts';
import { readJsonFile } from '../../project/json-file.ts';
import { readTenantYaml } from '../../project/tenant-yaml.ts';
import { engineSides, eventOverrides, parity, parityEvents, ruleLiterals, type ParityReport } from '../../parity/index.ts';
import { loadRuleFile, ruleConfiguration } from '../../rules/load.ts';
import { readTenantRules, resolveRuleRefs } from '../../rules/project.ts';
import { EXIT, type CliIo } from '../io.ts';
import { installProgress } from '../progress.ts';
import { formatParityReport } from './parity-report.ts';

export interface ParityCommandOptions {
  rule: string;
  /** An Action file, or the name of an Action in tenant.yaml. */
  action: string;
  runs?: string;
  seed?: string;
  httpFile?: string;
  tenantFile?: string;
  envName?: string;
  json: boolean;
}

function wholeNumber(text: string, what: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new ClaimkitError('ERR_USAGE', `${what} must be a whole number from ${min} to ${max}; got "${text}".`);
  }
  return n;
}

function actionFile(arg: string, cwd: string, tenant: ReturnType<typeof readTenantYaml> | undefined): string {
  const file = path.resolve(cwd, arg);
  if (fs.existsSync(file)) return file;
  const declared = tenant ? actionSource(tenant, arg) : undefined;
  if (declared) return declared;
  throw new ClaimkitError('ERR_FILE_NOT_FOUND', `No Action file ${file}, and tenant.yaml has no Action "${arg}" with a file in actions/. Pass the Action's .ts or .js file.`);
}

/** `claimkit parity RULE ACTION`: both on the same generated logins, in the Action engine; exit 1 on a difference. */
export async function parityCommand(o: ParityCommandOptions, io: CliIo): Promise<{ code: number; report: ParityReport }> {
  // The logins are generated up front (about 10 MB per 1,000): 100,000 is the most one run holds.
  const runs = o.runs === undefined ? undefined : wholeNumber(o.runs, '--runs', 1, 100_000);
  const seed = o.seed === undefined ? undefined : wholeNumber(o.seed, '--seed', -0x8000_0000, 0x7fff_ffff);
  const tenantFile = path.resolve(io.cwd, o.tenantFile ?? 'tenant.yaml');
  const hasTenant = fs.existsSync(tenantFile);
  const root = hasTenant ? path.dirname(tenantFile) : io.cwd;
  const env = projectEnv(root, io.env, o.envName);
  const tenant = hasTenant ? readTenantYaml(tenantFile) : undefined;
  const project = readTenantRules(root, hasTenant ? tenantFile : undefined);
  const [ref] = resolveRuleRefs([o.rule], false, io.cwd, project);
  if (!ref) throw new ClaimkitError('ERR_RULE_NOT_FOUND', `No Rule "${o.rule}".`);
  const install = installProgress(io);
  const http = o.httpFile === undefined ? undefined : parseHttpFixtures(readJsonFile(path.resolve(io.cwd, o.httpFile), { ...INPUT_LIMITS.eventJson, what: 'The HTTP fixtures file' }).value, o.httpFile);
  const loaded = await loadRuleFile(ref.file, { name: ref.name, root, env, install });
  const configuration = ruleConfiguration([loaded], project.configs, env);
  // The Action gets the values the Rule's configuration had, for the secrets of the same names.
  const [action] = await loadActionFiles([actionFile(o.action, io.cwd, tenant)], tenant, env, { secrets: { shared: configuration, perAction: {} }, install });
  if (!action) throw new ClaimkitError('ERR_ACTION_LOAD', `The Action ${o.action} did not load.`);
  const literals = ruleLiterals(loaded.parsed);
  const report = await parity({
    ...engineSides({ rule: loaded.rule, action, configuration, ...(http ? { http } : {}) }),
    events: parityEvents({ literals, audiences: tenant?.audiences ?? [] }),
    literals,
    ...(runs === undefined ? {} : { runs }),
    ...(seed === undefined ? {} : { seed }),
    env: io.env,
  });
  let saved: string | undefined;
  if (report.divergence) {
    // The smallest differing login as an event file, to run each side on it with claimkit run.
    saved = path.join(stateDirOf(root), 'parity', `${ref.name.replace(/[^A-Za-z0-9_-]/g, '-')}-${report.seed}.json`);
    fs.mkdirSync(path.dirname(saved), { recursive: true });
    fs.writeFileSync(saved, `${JSON.stringify(eventOverrides(report.divergence.event), null, 2)}\n`);
  }
  const rel = (f: string) => path.relative(io.cwd, f) || f;
  if (o.json) io.stdout(`${JSON.stringify({ ...report, counterexampleFile: saved ?? null, divergence: report.divergence && { ...report.divergence, event: eventOverrides(report.divergence.event) } }, null, 2)}\n`);
  else io.stdout(formatParityReport(report, { rule: rel(ref.file), action: o.action, saved: saved && rel(saved) }));
  return { code: report.ok ? EXIT.ok : EXIT.failed, report };
}
