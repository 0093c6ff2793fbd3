import type { Management, ManagementClient } from 'auth0';
import { sameRuntime } from '../../build/limits.ts';
import { ClaimkitError } from '../../errors.ts';
import { isRecord } from '../../lib/records.ts';
import { all, asItem, parseList, str } from './common.ts';
import { sameCode } from './code.ts';
import { matches } from './compare.ts';
import type { ApplyContext, ResourceHandler, YamlItem } from './contract.ts';

// actions: by name. In tenant.yaml `code` is a file; by the time a deploy compares, it is the built
// bundle's text after keyword replacement (desired.ts), compared with the DEPLOYED version's code (as one
// program: formatting and comments are no change, code.ts). A
// create or update waits for the tenant's build (polling, not a0deploy's fixed 2 s retries) and then
// deploys; a failed build stops the deploy with the tenant's reason.

type Remote = Management.Action;

/**
 * When to look at a build again: often in its first seconds (most builds finish there), then less, so a
 * slow build does not spend the tenant's rate limit (auth0-deploy-cli retries every 2 s instead).
 */
function nextPoll(elapsedMs: number, lastMs: number): number {
  if (elapsedMs < 2000) return Math.min(250, lastMs + 50);
  return Math.min(1000, Math.round(lastMs * 1.5));
}
const BUILD_TIMEOUT_MS = 120_000;

const depKeys = (deps: unknown) => (Array.isArray(deps) ? deps.filter(isRecord).map((d) => `${str(d['name'])}@${str(d['version'])}`).sort() : []);
const secretNames = (secrets: unknown) => (Array.isArray(secrets) ? secrets.filter(isRecord).map((s) => str(s['name'])).sort() : []);
const triggers = (list: unknown) => (Array.isArray(list) ? list.filter(isRecord).map((t) => ({ id: str(t['id']), version: str(t['version']) })) : []);

/** Why `have` (the tenant, in yaml form) is not `want`; empty when the tenant runs exactly this. */
function reasons(want: YamlItem, have: YamlItem): string[] {
  const code = have['code'];
  return [
    ...(code === undefined ? ['not deployed'] : !sameCode(str(code), str(want['code']), str(want['name'])) ? ['code'] : []),
    ...(!sameRuntime(str(have['runtime']), str(want['runtime'] ?? 'node22')) ? ['runtime'] : []),
    ...(!matches(depKeys(want['dependencies']), depKeys(have['dependencies'])) ? ['dependencies'] : []),
    ...(!matches(secretNames(want['secrets']), secretNames(have['secrets'])) ? ['secrets'] : []),
    ...(want['supported_triggers'] !== undefined && !matches(triggers(want['supported_triggers']), triggers(have['supported_triggers'])) ? ['supported_triggers'] : []),
    ...(code !== undefined && have['deployed'] === false ? ['undeployed draft'] : []),
  ];
}

/** What the Management API takes: secrets with their values (tenant.yaml's, else the environment's). */
function body(want: YamlItem, ctx: ApplyContext): Management.CreateActionRequestContent {
  const name = str(want['name']);
  const secrets = (Array.isArray(want['secrets']) ? want['secrets'] : []).filter(isRecord).map((s) => ({ name: str(s['name']), value: ctx.secretValue(name, str(s['name'])) ?? '' }));
  const dependencies = (Array.isArray(want['dependencies']) ? want['dependencies'] : []).filter(isRecord).map((d) => ({ name: str(d['name']), version: str(d['version']) }));
  return { name, code: str(want['code']), runtime: str(want['runtime'] ?? 'node22'), dependencies, secrets, supported_triggers: triggers(want['supported_triggers']) } as Management.CreateActionRequestContent;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until the tenant has built the draft; a failed build is the deploy's failure, with the tenant's reason. */
async function untilBuilt(mgmt: ManagementClient, id: string, name: string): Promise<void> {
  const started = Date.now();
  for (let wait = 100; ; wait = nextPoll(Date.now() - started, wait)) {
    const action = await mgmt.actions.get(id);
    if (action.status === 'built') return;
    if (action.status === 'failed') {
      const errors = asItem(action)['errors'];
      const why = (Array.isArray(errors) ? errors.filter(isRecord).map((e) => str(e['msg']) || str(e['message'])) : []).filter(Boolean).join('; ') || 'the tenant reports status "failed"';
      throw new ClaimkitError('ERR_DEPLOY_APPLY_FAILED', `The tenant failed to build Action ${name}: ${why}. Nothing after it was applied, and no binding points at a failed build; fix the Action and deploy again.`);
    }
    if (Date.now() - started > BUILD_TIMEOUT_MS) throw new ClaimkitError('ERR_DEPLOY_APPLY_FAILED', `The tenant did not finish building Action ${name} within ${BUILD_TIMEOUT_MS / 1000} s (status "${String(action.status)}"). Deploy again; nothing was bound to it.`);
    await sleep(wait);
  }
}

async function buildAndDeploy(ctx: ApplyContext, id: string, name: string): Promise<void> {
  await untilBuilt(ctx.mgmt, id, name);
  await ctx.mgmt.actions.deploy(id);
}

export const actions: ResourceHandler<Remote, 'actions'> = {
  section: 'actions',
  label: 'action',
  singleton: false,
  deletes: true,
  refersTo: [],
  parse: (value) => parseList(value, 'name', (i) => str(i['name']), 'action'),
  key: (item) => str(item['name']),
  read: (mgmt: ManagementClient) => all(mgmt.actions.list({ per_page: 100 })),
  ignores: () => false,
  idOf: (a) => str(a.id),
  toYaml: (a) => ({
    name: str(a.name),
    ...(typeof a.deployed_version?.code === 'string' ? { code: a.deployed_version.code } : {}),
    runtime: str(a.runtime),
    dependencies: (a.dependencies ?? []).map((d) => ({ name: str(d.name), version: str(d.version) })),
    secrets: (a.secrets ?? []).map((s) => ({ name: str(s.name) })),
    supported_triggers: triggers(a.supported_triggers),
    deployed: a.deployed_version !== undefined && a.all_changes_deployed !== false,
  }),
  diff: reasons,
  async create(want, ctx) {
    const created = await ctx.mgmt.actions.create(body(want, ctx));
    ctx.names.remember('action', str(created.id), str(want['name']));
    await buildAndDeploy(ctx, str(created.id), str(want['name']));
  },
  async update(want, a, ctx) {
    await ctx.mgmt.actions.update(str(a.id), body(want, ctx));
    await buildAndDeploy(ctx, str(a.id), str(want['name']));
  },
  async remove(a, { mgmt }) {
    await mgmt.actions.delete(str(a.id), { force: true });
  },
};
