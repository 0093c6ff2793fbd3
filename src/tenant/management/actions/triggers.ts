import { isObject, json, readJsonObject } from '../../http/body.ts';
import { MAX_BINDINGS } from '../../../build/limits.ts';
import { badRequest, notFound, payloadError } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import { ids } from '../../store/ids.ts';
import type { StoredAction, StoredBinding, TenantData } from '../../store/model.ts';
import { isoNow, type Tenant } from '../../tenant.ts';
import { pagedList, pageRequest } from '../paging.ts';
import { isTriggerId, TRIGGERS } from './catalog.ts';
import { actionView } from './views.ts';

export function listTriggers(): Response {
  return json({ triggers: TRIGGERS });
}

function triggerOf(ctx: RouteContext): string {
  const id = ctx.params['triggerId'] ?? '';
  if (!isTriggerId(id)) throw notFound('The trigger does not exist.');
  return id;
}

function bindingView(tenant: Tenant, binding: StoredBinding) {
  const action = tenant.store.data.actions.find((a) => a.id === binding.action_id);
  return {
    id: binding.id,
    trigger_id: binding.trigger_id,
    display_name: binding.display_name,
    ...(action ? { action: actionView(tenant, action) } : {}),
    created_at: binding.created_at,
    updated_at: binding.updated_at,
  };
}

export function listBindings(ctx: RouteContext): Response {
  const trigger = triggerOf(ctx);
  const bindings = ctx.tenant.store.data.bindings[trigger] ?? [];
  return json(pagedList('bindings', bindings.map((b) => bindingView(ctx.tenant, b)), pageRequest(ctx.url, 20)));
}

/** Resolves one `ref` of a bindings update to an Action (and the binding it came from, for binding_id). */
function resolveRef(data: Readonly<TenantData>, trigger: string, ref: unknown, index: number): { action: StoredAction; from?: StoredBinding } {
  if (!isObject(ref) || typeof ref['type'] !== 'string' || typeof ref['value'] !== 'string') {
    throw payloadError(`'Data does not match any schemas from 'oneOf'' on property bindings[${index}]`);
  }
  const { type, value } = ref as { type: string; value: string };
  let action: StoredAction | undefined;
  let from: StoredBinding | undefined;
  if (type === 'action_name') action = data.actions.find((a) => a.name === value);
  else if (type === 'action_id') action = data.actions.find((a) => a.id === value);
  else if (type === 'binding_id') {
    from = (data.bindings[trigger] ?? []).find((b) => b.id === value);
    action = from && data.actions.find((a) => a.id === from?.action_id);
  } else throw payloadError(`'No enum match for: ${type}' on property bindings[${index}].ref.type`);
  if (!action) throw notFound(`The action referenced by bindings[${index}] (${type} "${value}") does not exist.`);
  if (!action.supported_triggers.some((t) => t.id === trigger)) {
    throw badRequest(`The action "${action.name}" does not support the trigger "${trigger}".`);
  }
  if (action.deployed_version_id === null) {
    throw badRequest(`The action "${action.name}" has no deployed version: deploy it before binding it to a trigger.`);
  }
  return from ? { action, from } : { action };
}

/** PATCH replaces all of a trigger's bindings, in order; `[]` unbinds everything. */
export async function updateBindings(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const trigger = triggerOf(ctx);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['bindings'], fields: { bindings: 'object[]' } });
  const entries = body['bindings'] as Array<Record<string, unknown>>;
  if (entries.length > MAX_BINDINGS) throw payloadError(`'Array is too long (${entries.length}), maximum ${MAX_BINDINGS}' on property bindings`);
  const now = isoNow(tenant);
  const next = await tenant.store.write((data) => {
    const bindings = resolveBindings(data, trigger, entries, now);
    return (d) => {
      d.bindings[trigger] = bindings;
      return bindings;
    };
  });
  return json({ bindings: next.map((b) => bindingView(tenant, b)) });
}

function resolveBindings(data: Readonly<TenantData>, trigger: string, entries: ReadonlyArray<Record<string, unknown>>, now: string): StoredBinding[] {
  const previous = data.bindings[trigger] ?? [];
  return entries.map((entry, i) => {
    const { action, from } = resolveRef(data, trigger, entry['ref'], i);
    const displayName = typeof entry['display_name'] === 'string' && entry['display_name'] !== '' ? entry['display_name'] : action.name;
    const kept = from ?? previous.find((b) => b.action_id === action.id);
    return {
      id: kept?.id ?? ids.binding(),
      trigger_id: trigger,
      action_id: action.id,
      display_name: displayName,
      created_at: kept?.created_at ?? now,
      updated_at: now,
    };
  });
}

/** Action modules: none on a local tenant, but the list must answer (a0deploy enriches with it). */
export function listModules(ctx: RouteContext): Response {
  return json(pagedList('modules', [], pageRequest(ctx.url)));
}
