import { json, readJsonObject } from '../../http/body.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import { ids } from '../../store/ids.ts';
import type { StoredAction, StoredVersion } from '../../store/model.ts';
import { isoNow, type Tenant } from '../../tenant.ts';
import { pagedList, pageRequest } from '../paging.ts';
import { findAction } from './actions.ts';
import { buildStatus, startBuild } from './build.ts';
import { versionView } from './views.ts';

/** Auth0's own wording; a0deploy retries while a message contains "must be in the 'built' state" (auth0-facts §4). */
export const NOT_BUILT = "A draft must be in the 'built' state before it can be deployed.";

/** POST /actions/actions/{id}/deploy: the built draft becomes a new immutable version, now deployed. */
export async function deployAction(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const action = findAction(tenant, ctx.params['id']);
  if (buildStatus(action.build, tenant.now()) !== 'built') throw badRequest(NOT_BUILT, 'invalid_state');
  const data = tenant.store.data;
  const now = isoNow(tenant);
  const number = data.versions.filter((v) => v.action_id === action.id).reduce((n, v) => Math.max(n, v.number), 0) + 1;
  const version: StoredVersion = {
    id: ids.version(),
    action_id: action.id,
    number,
    code: action.code,
    dependencies: action.dependencies,
    runtime: action.runtime,
    secrets: action.secrets,
    supported_triggers: action.supported_triggers,
    created_at: now,
    built_at: new Date(action.build.ready_at).toISOString(),
  };
  data.versions.push(version);
  action.deployed_version_id = version.id;
  action.all_changes_deployed = true;
  await tenant.store.commit();
  return json(versionView(action, version));
}

function versionsOf(tenant: Tenant, action: StoredAction): StoredVersion[] {
  return tenant.store.data.versions.filter((v) => v.action_id === action.id).sort((a, b) => b.number - a.number);
}

function findVersion(tenant: Tenant, action: StoredAction, id: string | undefined): StoredVersion {
  const version = tenant.store.data.versions.find((v) => v.action_id === action.id && v.id === id);
  if (!version) throw notFound('The version does not exist.');
  return version;
}

export function listVersions(ctx: RouteContext): Response {
  const action = findAction(ctx.tenant, ctx.params['actionId']);
  return json(pagedList('versions', versionsOf(ctx.tenant, action).map((v) => versionView(action, v)), pageRequest(ctx.url)));
}

export function getVersion(ctx: RouteContext): Response {
  const action = findAction(ctx.tenant, ctx.params['actionId']);
  return json(versionView(action, findVersion(ctx.tenant, action, ctx.params['id'])));
}

/** Roll back: an earlier version becomes the deployed one; `update_draft` also copies it into the draft. */
export async function deployVersion(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const action = findAction(tenant, ctx.params['actionId']);
  const version = findVersion(tenant, action, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { fields: { update_draft: 'boolean' } });
  action.deployed_version_id = version.id;
  if (body['update_draft'] === true) {
    Object.assign(action, { code: version.code, dependencies: version.dependencies, runtime: version.runtime, secrets: version.secrets, updated_at: isoNow(tenant) });
    action.build = await startBuild(tenant, action);
  }
  action.all_changes_deployed = action.code === version.code && action.runtime === version.runtime && JSON.stringify(action.dependencies) === JSON.stringify(version.dependencies);
  await tenant.store.commit();
  return json(versionView(action, version));
}
