// A tenant, read for `pull`: every section claimkit deploys through its own resource handler, in
// reverse (read → toYaml, the reads a deploy's plan makes), and the sections claimkit passes to
// auth0-deploy-cli read back the way auth0-deploy-cli's export reads them — by its own export, run in
// this process into a temporary folder (YAML format) and then read like any export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Management, ManagementClient } from 'auth0';
import { routeA0DeployLog } from '../deploy/a0deploy.ts';
import type { ResourceHandler, YamlItem } from '../deploy/resources/contract.ts';
import { APPLY_ORDER, PASSTHROUGH_SECTIONS, RESOURCE_HANDLERS, type Section } from '../deploy/resources/registry.ts';
import { readTenant } from '../deploy/snapshot.ts';
import type { Target } from '../deploy/target.ts';
import { ClaimkitError, errorMessage } from '../errors.ts';
import { note, type PulledTenant, type PullNote } from './model.ts';
import { readYamlExport } from './from-yaml-export.ts';

type A0DeployExport = (params: { output_folder: string; format: 'yaml' | 'directory'; config: Record<string, unknown> }) => Promise<void>;

/** The tenant's Actions as tenant.yaml items with the code it runs, and what a pull must say about them. */
function actionItems(remote: readonly Management.Action[], handler: ResourceHandler, names: Parameters<ResourceHandler['toYaml']>[1], notes: PullNote[], exclude: string[]): YamlItem[] {
  const out: YamlItem[] = [];
  for (const a of remote) {
    const name = String(a.name);
    const integration = (a as { integration?: unknown }).integration ?? (a as { installed_integration_id?: unknown }).installed_integration_id;
    if (integration !== undefined && integration !== null && integration !== '') {
      exclude.push(name);
      notes.push(note('left-out', `action ${name}`, 'installed from the Auth0 Marketplace: its code belongs to the integration, not to you (auth0-deploy-cli skips these too). Left under exclude.actions, so deploys leave it as it is.'));
      continue;
    }
    const item = handler.toYaml(a, names);
    if (item['code'] === undefined) {
      item['code'] = typeof a.code === 'string' ? a.code : '';
      notes.push(note('attention', `action ${name}`, 'has never been deployed: its draft was pulled, with deployed: true, so the next deploy deploys it. Delete the file and its entry if it is not meant to run.'));
    } else if (a.all_changes_deployed === false) {
      notes.push(note('attention', `action ${name}`, 'has a draft with changes that were never deployed: the DEPLOYED code was pulled (what the tenant runs), and the next deploy puts it back over the draft (the plan says "undeployed draft"). Copy the draft\'s changes into its file first if you want them.'));
    }
    out.push({ ...item, deployed: true });
  }
  return out;
}

/** auth0-deploy-cli's own export of the sections claimkit passes through, read like an export. */
async function passthroughSections(target: Target, log: (line: string) => void): Promise<PulledTenant> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimkit-pull-'));
  // Its export also warns on the console (about keyword preservation, which a pull does not use): to the log.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => log(`a0deploy ${args.map(String).join(' ')}`);
  try {
    routeA0DeployLog(log);
    const dump = (require('auth0-deploy-cli') as { dump: A0DeployExport }).dump;
    await dump({
      output_folder: dir,
      format: 'yaml',
      config: { AUTH0_DOMAIN: target.domain, AUTH0_CLIENT_ID: target.clientId, AUTH0_CLIENT_SECRET: target.clientSecret, AUTH0_INCLUDED_ONLY: [...PASSTHROUGH_SECTIONS] },
    });
    return readYamlExport(path.join(dir, 'tenant.yaml'), `tenant ${target.domain}`);
  } catch (cause) {
    if (cause instanceof ClaimkitError) throw cause;
    throw new ClaimkitError('ERR_DEPLOY_API', `auth0-deploy-cli could not export the sections claimkit passes through to it (${PASSTHROUGH_SECTIONS.slice(0, 4).join(', ')}…): ${errorMessage(cause)}. Nothing was written. Check the client's read scopes for those sections.`, { cause });
  } finally {
    console.warn = warn;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function readTenantForPull(mgmt: ManagementClient, target: Target, log: (line: string) => void): Promise<PulledTenant> {
  const ctx = { ownClientId: target.clientId };
  const snapshot = await readTenant(mgmt, [...APPLY_ORDER], ctx);
  const out: PulledTenant = { origin: `tenant ${target.domain}`, sections: {}, passthrough: {}, exclude: {}, notes: [] };
  const excludedActions: string[] = [];
  for (const section of APPLY_ORDER) {
    const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
    const remote = (snapshot.remote[section] ?? []).filter((r) => !handler.ignores(r, ctx));
    const items = section === 'actions' ? actionItems(remote as Management.Action[], handler, snapshot.names, out.notes, excludedActions) : remote.map((r) => handler.toYaml(r, snapshot.names));
    // A trigger with nothing bound is left out, as auth0-deploy-cli's export leaves it out.
    out.sections[section as Section] = section === 'triggers' ? items.filter((t) => Array.isArray(t['bindings']) && t['bindings'].length > 0) : items;
  }
  if (excludedActions.length > 0) out.exclude['actions'] = excludedActions;
  const passthrough = await passthroughSections(target, log);
  out.passthrough = passthrough.passthrough;
  out.notes.push(...passthrough.notes);
  return out;
}
