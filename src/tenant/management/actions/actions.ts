import { json, noContent, readJsonObject } from '../../http/body.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { queryBoolean, validateBody } from '../../http/validate.ts';
import { ids } from '../../store/ids.ts';
import type { StoredAction, TenantData } from '../../store/model.ts';
import { isoNow, type Tenant } from '../../tenant.ts';
import { pagedList, pageRequest } from '../paging.ts';
import { startBuild } from './build.ts';
import { CREATE_SCHEMA, dependenciesOf, modulesOf, runtimeOf, secretsOf, triggersOf, UPDATE_SCHEMA } from './input.ts';
import { actionView } from './views.ts';

/** The Action `id` (of `tenant`'s current data, or of `data` inside a store write). */
export function findAction(from: Tenant | Readonly<TenantData>, id: string | undefined): StoredAction {
  const data = 'store' in from ? from.store.data : from;
  const action = data.actions.find((a) => a.id === id);
  if (!action) throw notFound('The action does not exist.');
  return action;
}

function assertUniqueName(data: Readonly<TenantData>, name: string, self?: string): void {
  if (data.actions.some((a) => a.name === name && a.id !== self)) throw conflict(`An action with the name "${name}" already exists.`);
}

export function listActions(ctx: RouteContext): Response {
  const { url, tenant } = ctx;
  const triggerId = url.searchParams.get('triggerId');
  const actionName = url.searchParams.get('actionName');
  const deployed = queryBoolean(url, 'deployed');
  const installed = queryBoolean(url, 'installed');
  const items = tenant.store.data.actions.filter(
    (a) =>
      (triggerId === null || a.supported_triggers.some((t) => t.id === triggerId)) &&
      (actionName === null || a.name === actionName) &&
      (deployed === undefined || (a.deployed_version_id !== null) === deployed) &&
      installed !== true, // no marketplace integrations here
  );
  return json(pagedList('actions', items.map((a) => actionView(tenant, a)), pageRequest(url)));
}

export async function createAction(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, CREATE_SCHEMA);
  const name = body['name'] as string;
  assertUniqueName(tenant.store.data, name);
  const now = isoNow(tenant);
  const draft = {
    name,
    code: typeof body['code'] === 'string' ? body['code'] : '',
    dependencies: body['dependencies'] === undefined ? [] : dependenciesOf(body['dependencies']),
    supported_triggers: triggersOf(body['supported_triggers']),
  };
  // The build loads the code in the Action engine, before the write; the name is checked again in it.
  const build = await startBuild(tenant, draft);
  const action: StoredAction = {
    id: ids.action(),
    ...draft,
    runtime: body['runtime'] === undefined ? 'node22' : runtimeOf(body['runtime']),
    secrets: body['secrets'] === undefined ? [] : secretsOf(body['secrets'], [], now),
    ...(body['modules'] === undefined ? {} : { modules: modulesOf(body['modules']) }),
    created_at: now,
    updated_at: now,
    build,
    deployed_version_id: null,
    all_changes_deployed: false,
  };
  await tenant.store.write((data) => {
    assertUniqueName(data, name); // again: a concurrent create may have taken the name
    return (d) => d.actions.push(action);
  });
  return json(actionView(tenant, action), 201);
}

export function getAction(ctx: RouteContext): Response {
  return json(actionView(ctx.tenant, findAction(ctx.tenant, ctx.params['id'])));
}

/** PATCH: the given fields replace the draft's; the draft is rebuilt and no longer equals the deployed version. */
export async function updateAction(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const id = ctx.params['id'];
  findAction(tenant, id); // 404 before the body is read
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, UPDATE_SCHEMA);
  const action = findAction(tenant, id);
  const now = isoNow(tenant);
  const changes: Partial<StoredAction> = {
    ...(typeof body['name'] === 'string' ? { name: body['name'] } : {}),
    ...(typeof body['code'] === 'string' ? { code: body['code'] } : {}),
    ...(body['dependencies'] === undefined ? {} : { dependencies: dependenciesOf(body['dependencies']) }),
    ...(body['supported_triggers'] === undefined ? {} : { supported_triggers: triggersOf(body['supported_triggers']) }),
    ...(body['runtime'] === undefined ? {} : { runtime: runtimeOf(body['runtime']) }),
    ...(body['secrets'] === undefined ? {} : { secrets: secretsOf(body['secrets'], action.secrets, now) }),
    ...(body['modules'] === undefined ? {} : { modules: modulesOf(body['modules']) }),
    updated_at: now,
    all_changes_deployed: false,
  };
  const name = changes.name ?? action.name;
  assertUniqueName(tenant.store.data, name, action.id);
  // The build loads the code in the Action engine, before the write; the name is checked again in it.
  changes.build = await startBuild(tenant, { ...action, ...changes });
  const updated = await tenant.store.write((data) => {
    const current = findAction(data, id);
    assertUniqueName(data, name, current.id);
    return () => Object.assign(current, changes);
  });
  return json(actionView(tenant, updated));
}

/** DELETE: refused while bound unless `force=true`, which also removes the bindings. */
export async function deleteAction(ctx: RouteContext): Promise<Response> {
  const { tenant, url } = ctx;
  const force = queryBoolean(url, 'force') === true;
  await tenant.store.write((data) => {
    const action = findAction(data, ctx.params['id']);
    const boundTo = Object.entries(data.bindings).filter(([, list]) => list.some((b) => b.action_id === action.id)).map(([t]) => t);
    if (boundTo.length > 0 && !force) {
      throw conflict(`The action is bound to ${boundTo.join(', ')}: unbind it first, or delete with force=true to remove its bindings too.`);
    }
    return (d) => {
      for (const trigger of boundTo) d.bindings[trigger] = (d.bindings[trigger] ?? []).filter((b) => b.action_id !== action.id);
      d.actions = d.actions.filter((a) => a.id !== action.id);
      d.versions = d.versions.filter((v) => v.action_id !== action.id);
    };
  });
  return noContent();
}
