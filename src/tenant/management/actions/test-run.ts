import { makeCredentialsExchangeEvent, makeEvent, type CredentialsExchangeOverrides, type EventOverrides } from '../../../harness/index.ts';
import { validateComplete, validateOverrides, type EventIssue } from '../../../project/event-validate.ts';
import { formatPath } from '../../../project/input-shape.ts';
import { CREDENTIALS_EXCHANGE_EVENT } from '../../../types/credentials-exchange/event-schema.ts';
import { POST_LOGIN_EVENT } from '../../../types/event-schema.ts';
import { isTriggerId } from '../../../types/triggers.ts';
import { engineActionOf } from '../../engine-action.ts';
import { json, readJsonObject } from '../../http/body.ts';
import { badRequest, payloadError } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import { findAction } from './actions.ts';

/**
 * POST /actions/actions/{id}/test, body `{payload}`: runs the Action's draft once in the Action engine
 * (isolated from the tenant: it cannot read the tenant's files or other Actions' secrets, and a loop or
 * a crash fails only this test), on the payload merged onto claimkit's default event of the Action's
 * trigger, and answers `{payload: result}`: for post-login the FlowResult — outcome, the ID and access
 * token claims, denial, error, the user's metadata after the flow, dropped claims, logs and api calls —
 * and for credentials-exchange the machine token's result (claims, scopes, denial with its OAuth error).
 */
export async function testAction(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const action = findAction(tenant, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['payload'], fields: { payload: 'object' } });
  const trigger = action.supported_triggers.map((t) => t.id).find(isTriggerId);
  if (trigger === undefined) {
    throw badRequest(`Testing is only available for post-login and credentials-exchange Actions here; "${action.name}" supports ${action.supported_triggers.map((t) => t.id).join(', ')}.`);
  }
  const engineAction = engineActionOf(tenant, action.name, action);
  const failure = await tenant.engine.load(engineAction, trigger);
  if (failure) throw badRequest(failure.message, 'action_load_failed');
  // The Action's own secrets are used; a payload's "secrets" are not checked, as they are not read.
  const { secrets: _given, ...payload } = body['payload'] as Record<string, unknown>;
  const secrets = engineAction.secrets ?? {};
  const schema = trigger === 'credentials-exchange' ? CREDENTIALS_EXCHANGE_EVENT : POST_LOGIN_EVENT;
  const overrides = validateOverrides(schema, payload);
  refuseIssues(overrides.issues);
  if (trigger === 'credentials-exchange') {
    const event = makeCredentialsExchangeEvent({ ...(overrides.value as CredentialsExchangeOverrides), secrets });
    refuseIssues(validateComplete(schema, event));
    return json({ payload: await tenant.engine.executeCredentialsExchange([engineAction], event) });
  }
  const event = makeEvent({ ...(overrides.value as EventOverrides), secrets });
  refuseIssues(validateComplete(schema, event));
  return json({ payload: await tenant.engine.execute([engineAction], event) });
}

/** A payload that is not a (partial) event of the trigger: a 400 naming the first problem, before the Action runs. */
function refuseIssues(issues: readonly EventIssue[]): void {
  const first = issues[0];
  if (first === undefined) return;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw payloadError(`'${first.message}' on property payload${formatPath(first.path).slice(1)}${more}`);
}
