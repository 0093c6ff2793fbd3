import { cachedDependencies, stateDirOf } from '../../../dependencies/index.ts';
import { makeEvent, type EventOverrides } from '../../../harness/index.ts';
import { json, readJsonObject } from '../../http/body.ts';
import { badRequest } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import { findAction } from './actions.ts';

/**
 * POST /actions/actions/{id}/test, body `{payload}`: runs the Action's draft once in the Action engine
 * (isolated from the tenant: it cannot read the tenant's files or other Actions' secrets, and a loop or
 * a crash fails only this test), on the payload merged onto claimkit's default post-login event, and
 * answers `{payload: FlowResult}` — outcome, the ID and access token claims, denial, error, the user's
 * metadata after the flow, dropped claims, logs and api calls.
 */
export async function testAction(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const action = findAction(tenant, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['payload'], fields: { payload: 'object' } });
  if (!action.supported_triggers.some((t) => t.id === 'post-login')) {
    throw badRequest(`Testing is only available for post-login Actions here; "${action.name}" supports ${action.supported_triggers.map((t) => t.id).join(', ')}.`);
  }
  const packages = cachedDependencies(action.dependencies, stateDirOf(tenant.resolveFrom));
  const engineAction = { name: action.name, code: action.code, dependencies: action.dependencies, packages };
  const failure = await tenant.engine.load(engineAction);
  if (failure) throw badRequest(failure.message, 'action_load_failed');
  const secrets = Object.fromEntries(action.secrets.map((s) => [s.name, s.value]));
  const event = makeEvent({ ...(body['payload'] as EventOverrides), secrets });
  const result = await tenant.engine.execute([{ ...engineAction, secrets }], event);
  return json({ payload: result });
}
