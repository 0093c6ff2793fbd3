import type { Tenant } from '../tenant.ts';
import { tidyScope } from '../oidc/scope.ts';
import { authService } from '../oidc/service.ts';
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
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      try {
        if (!form.has('client_id')) form.set('client_id', decodeURIComponent(decoded.slice(0, colon)));
        if (!form.has('client_secret')) form.set('client_secret', decodeURIComponent(decoded.slice(colon + 1)));
      } catch {
        // not URI-encoded credentials: the provider refuses the client
      }
    }
  }
  const service = await authService(tenant);
  const forwarded = asForm(request, form, ['authorization']);
  return service.call(forwarded, form.toString());
}
