import type { Tenant } from '../tenant.ts';
import { tidyScope } from '../oidc/scope.ts';
import { authService } from '../oidc/service.ts';
import { basicCredentials } from './basic.ts';
import { asForm } from './provider-routes.ts';

/**
 * The grants the provider serves at /oauth/token (authorization_code, refresh_token and the password
 * grants). Auth0 takes JSON or form bodies and client credentials in the body or as HTTP Basic; the
 * provider is given one form body carrying them.
 */
export async function providerToken(tenant: Tenant, request: Request, params: ReadonlyMap<string, string>): Promise<Response> {
  const form = new URLSearchParams([...params]);
  const scope = form.get('scope');
  if (scope !== null) form.set('scope', tidyScope(scope));
  const basic = basicCredentials(request);
  if (basic) {
    if (!form.has('client_id')) form.set('client_id', basic.id);
    if (!form.has('client_secret')) form.set('client_secret', basic.secret);
  }
  const service = await authService(tenant);
  const forwarded = asForm(request, form, ['authorization']);
  return service.call(forwarded, form.toString());
}
