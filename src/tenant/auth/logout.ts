import type { RouteContext } from '../http/router.ts';
import { errorPage, loggedOutPage } from '../oidc/pages.ts';
import { authService } from '../oidc/service.ts';
import { html, redirect } from './html.ts';

// GET /v2/logout?returnTo=…&client_id=…: ends the tenant's session (the provider's session cookie) and
// sends the user to `returnTo`, which must be one of the application's Allowed Logout URLs when
// client_id is given, else one of the tenant's; without returnTo, the first of those (Logout › Redirect
// Users After Logout). `federated` has nothing to act on here (no social or enterprise connections).

const SESSION_COOKIE = '_session';

function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // not a cookie this tenant set: no session to end
    }
  }
  return undefined;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * Auth0 compares without the query string; a trailing slash is one URL with or without. The whole URL
 * counts, scheme and host included: `origin` is "null" for a custom scheme (`com.example.app://…`, a
 * native app's logout URL), which would let any other scheme with the same path through.
 */
const normalise = (u: string): string => {
  try {
    const url = new URL(u);
    url.search = '';
    url.hash = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return u;
  }
};

export async function logout(ctx: RouteContext): Promise<Response> {
  const { tenant, url, request } = ctx;
  const data = tenant.store.data;
  const clientId = url.searchParams.get('client_id');
  const returnTo = url.searchParams.get('returnTo');
  const client = clientId === null ? undefined : data.clients.find((c) => c.client_id === clientId);
  if (clientId !== null && !client) return html(errorPage('invalid_request', `Unknown client: ${clientId}`), 400);
  const allowed = client ? strings(client['allowed_logout_urls']) : strings(data.tenantSettings['allowed_logout_urls']);
  if (returnTo !== null && !allowed.some((a) => normalise(a) === normalise(returnTo))) {
    const where = client ? `the application's "Allowed Logout URLs"` : `the tenant's "Allowed Logout URLs" (or pass client_id)`;
    return html(errorPage('invalid_request', `The "returnTo" querystring parameter "${returnTo}" is not defined as a valid URL in ${where}.`), 400);
  }
  const sessionId = cookie(request, SESSION_COOKIE);
  if (sessionId) {
    const session = await (await authService(tenant)).provider.Session.find(sessionId);
    await session?.destroy();
  }
  const destination = returnTo ?? allowed[0];
  const res = destination === undefined ? html(loggedOutPage()) : redirect(destination);
  for (const name of [SESSION_COOKIE, `${SESSION_COOKIE}.sig`]) res.headers.append('set-cookie', `${name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; secure; httponly; samesite=lax`);
  return res;
}
