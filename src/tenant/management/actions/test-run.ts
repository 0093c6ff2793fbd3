import { cachedDependencies, stateDirOf } from '../../../dependencies/index.ts';
import { isClaimkitError } from '../../../errors.ts';
import { makeEvent, runPostLogin, type EventOverrides } from '../../../harness/index.ts';
import { loadActionCode } from '../../../sandbox/index.ts';
import type { PostLoginAction } from '../../../types/action.ts';
import { json, readJsonObject } from '../../http/body.ts';
import { badRequest } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import { findAction } from './actions.ts';

/**
 * POST /actions/actions/{id}/test, body `{payload}`: runs the Action's draft once in the runtime
 * sandbox, on the payload merged onto claimkit's default post-login event, and answers
 * `{payload: FlowResult}` — outcome, the ID and access token claims, denial, error, the user's
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
  let module: PostLoginAction;
  try {
    module = loadActionCode(action.code, {
      filename: `${action.name}.js`,
      packages: cachedDependencies(action.dependencies, stateDirOf(tenant.resolveFrom)),
      action: action.name,
    });
  } catch (err) {
    if (isClaimkitError(err)) throw badRequest(err.message, 'action_load_failed');
    throw err;
  }
  const secrets = Object.fromEntries(action.secrets.map((s) => [s.name, s.value]));
  const event = makeEvent({ ...(body['payload'] as EventOverrides), secrets });
  const result = await runPostLogin([{ name: action.name, action: module, secrets }], event);
  return json({ payload: result });
}
