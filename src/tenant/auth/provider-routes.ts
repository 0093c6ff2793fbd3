import { json, readText } from '../http/body.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { authService } from '../oidc/service.ts';

/** Routes the provider answers itself (/authorize and its resume step, discovery, revocation). */
export async function toProvider(ctx: RouteContext): Promise<Response> {
  const service = await authService(ctx.tenant);
  const method = ctx.request.method;
  if (method === 'GET' || method === 'HEAD') return service.call(ctx.request);
  let body: string;
  let form: string;
  try {
    body = await readText(ctx.request, ctx.tenant.settings.bodyLimitBytes);
    form = jsonAsForm(ctx.request, body);
  } catch (err) {
    // A body the tenant refuses (too large, not JSON): in the OAuth shape, as /oauth/token answers it.
    if (err instanceof ApiError) return json({ error: 'invalid_request', error_description: err.message }, err.statusCode, err.headers);
    throw err;
  }
  return form === body ? service.call(ctx.request, body) : service.call(asForm(ctx.request, new URLSearchParams(form)), form);
}

/** Auth0 takes JSON bodies where OAuth says form-encoded (revocation, token); the provider takes the form. */
export function jsonAsForm(request: Request, body: string): string {
  if (!(request.headers.get('content-type') ?? '').toLowerCase().includes('application/json') || body.trim() === '') return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw badRequest('Invalid request payload JSON format');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return body;
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') form.set(k, String(v));
  return form.toString();
}

/** The same request with a form-encoded body (the content type follows). */
export function asForm(request: Request, form: URLSearchParams, drop: readonly string[] = []): Request {
  const headers = new Headers(request.headers);
  for (const name of drop) headers.delete(name);
  headers.set('content-type', 'application/x-www-form-urlencoded');
  headers.delete('content-length');
  return new Request(request.url, { method: request.method, headers, body: form.toString() });
}
