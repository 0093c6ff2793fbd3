import { json } from '../../http/body.ts';
import { notFound } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { authService } from '../../oidc/service.ts';

/**
 * GET /actions/executions/{id}: what one post-login execution did (Auth0's shape: trigger, status, a
 * result per Action), plus, under `claimkit`, the claims the policy dropped and the Actions' logs. The
 * token endpoint names the execution behind its tokens in the `x-claimkit-execution` header.
 */
export async function getExecution(ctx: RouteContext): Promise<Response> {
  const record = (await authService(ctx.tenant)).executions.get(ctx.params['id'] ?? '');
  if (!record) throw notFound('The execution does not exist (the local tenant keeps the last 500).', 'inexistent_execution');
  return json(record);
}
