import { json, readJsonObject } from '../../http/body.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import { ids } from '../../store/ids.ts';
import type { StoredAction, StoredVersion, TenantData } from '../../store/model.ts';
import { isoNow } from '../../tenant.ts';
import { pagedList, pageRequest } from '../paging.ts';
import { findAction } from './actions.ts';
import { buildStatus, startBuild } from './build.ts';
import { versionView } from './views.ts';

/** Auth0's own wording; a0deploy retries while a message contains "must be in the 'built' state" (auth0-facts §4). */
export const NOT_BUILT = "A draft must be in the 'built' state before it can be deployed.";

/** POST /actions/actions/{id}/deploy: the built draft becomes a new immutable version, now deployed. */
export async function deployAction(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const now = isoNow(tenant);
  const deployed = await tenant.store.write((data) => {
    const action = findAction(data, ctx.params['id']);
    if (buildStatus(action.build, tenant.now()) !== 'built') throw badRequest(NOT_BUILT, 'invalid_state');
    return (d) => deploy(d, action, now);
  });
  return json(versionView(deployed.action, deployed.version));
}

/** The built draft of `action` becomes version N+1, deployed. */
function deploy(data: TenantData, action: StoredAction, now: string): { action: StoredAction; version: StoredVersion } {
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
  return { action, version };
}

function versionsOf(data: Readonly<TenantData>, action: StoredAction): StoredVersion[] {
  return data.versions.filter((v) => v.action_id === action.id).sort((a, b) => b.number - a.number);
}

function findVersion(data: Readonly<TenantData>, action: StoredAction, id: string | undefined): StoredVersion {
  const version = data.versions.find((v) => v.action_id === action.id && v.id === id);
  if (!version) throw notFound('The version does not exist.');
  return version;
}

export function listVersions(ctx: RouteContext): Response {
  const action = findAction(ctx.tenant, ctx.params['actionId']);
  return json(pagedList('versions', versionsOf(ctx.tenant.store.data, action).map((v) => versionView(action, v)), pageRequest(ctx.url)));
}

export function getVersion(ctx: RouteContext): Response {
  const action = findAction(ctx.tenant, ctx.params['actionId']);
  return json(versionView(action, findVersion(ctx.tenant.store.data, action, ctx.params['id'])));
}

/** Roll back: an earlier version becomes the deployed one; `update_draft` also copies it into the draft. */
export async function deployVersion(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const { actionId, id } = ctx.params;
  findVersion(tenant.store.data, findAction(tenant, actionId), id); // 404s before the body is read
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { fields: { update_draft: 'boolean' } });
  const action = findAction(tenant, actionId);
  const version = findVersion(tenant.store.data, action, id);
  const draft = body['update_draft'] === true ? { code: version.code, dependencies: version.dependencies, runtime: version.runtime, secrets: version.secrets, updated_at: isoNow(tenant) } : undefined;
  const build = draft && (await startBuild(tenant, { ...action, ...draft }));
  const deployed = await tenant.store.write((data) => {
    const current = findAction(data, actionId);
    const target = findVersion(data, current, id);
    return () => {
      current.deployed_version_id = target.id;
      if (draft && build) Object.assign(current, draft, { build });
      current.all_changes_deployed =
        current.code === target.code && current.runtime === target.runtime && JSON.stringify(current.dependencies) === JSON.stringify(target.dependencies);
      return versionView(current, target);
    };
  });
  return json(deployed);
}
