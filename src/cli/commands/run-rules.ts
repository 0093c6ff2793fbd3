import fs from 'node:fs';
import path from 'node:path';
import { sharedEngine, type EngineAction } from '../../engine/index.ts';
import type { FlowResult } from '../../harness/result.ts';
import { projectEnv } from '../../project/dotenv.ts';
import { loadActionFiles, loadBoundFlow } from '../../project/flow.ts';
import { readTenantYaml } from '../../project/tenant-yaml.ts';
import { loadRuleFile, ruleConfiguration, type LoadedRule } from '../../rules/load.ts';
import { readTenantRules, resolveRuleRefs } from '../../rules/project.ts';
import { EXIT, type CliIo } from '../io.ts';
import { installProgress } from '../progress.ts';
import { formatFlowReport } from '../report.ts';
import type { RunInputs, RunOptions } from './run.ts';

/**
 * `claimkit run --rule RULE.js [--rule …] [ACTION_FILE …]` and `claimkit run --rules`: legacy Rules on an
 * event, in the Action engine, then the Actions (the files given; with `--rules`, the bound post-login
 * flow), with the same report and `--json` shape as Actions.
 */
export async function runRulesCommand(options: RunOptions, io: CliIo, inputs: RunInputs): Promise<{ code: number; result: FlowResult }> {
  const tenantFile = path.resolve(io.cwd, options.tenantFile ?? 'tenant.yaml');
  const hasTenant = fs.existsSync(tenantFile);
  const root = hasTenant ? path.dirname(tenantFile) : io.cwd;
  const env = projectEnv(root, io.env);
  const install = installProgress(io);
  const project = readTenantRules(root, hasTenant ? tenantFile : undefined);
  const refs = resolveRuleRefs(options.rules ?? [], options.allRules === true, io.cwd, project);
  const loaded: LoadedRule[] = [];
  for (const ref of refs) loaded.push(await loadRuleFile(ref.file, { name: ref.name, root, env, install }));
  const configuration = ruleConfiguration(loaded, project.configs, env, inputs.secrets);
  const tenant = hasTenant ? readTenantYaml(tenantFile) : undefined;
  const files = options.files.map((f) => path.resolve(io.cwd, f));
  const load = { secrets: inputs.secrets, install };
  let actions: EngineAction[] = [];
  if (files.length > 0) actions = await loadActionFiles(files, tenant, env, load);
  else if (options.allRules === true && tenant && (tenant.postLogin?.length ?? 0) > 0) actions = await loadBoundFlow(tenant, env, load);
  const result = await sharedEngine().executeRules(
    loaded.map((l) => l.rule),
    actions,
    inputs.event,
    { ...inputs.execute, configuration },
  );
  const printed = result.http ? { ...result, http: result.http.map(({ method, url, status }) => ({ method, url, status })) } : result;
  if (options.json) io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  else io.stdout(formatFlowReport(result, inputs.event.resource_server?.identifier, 'Rule(s) and Action(s)'));
  return { code: result.outcome === 'error' ? EXIT.failed : EXIT.ok, result };
}
