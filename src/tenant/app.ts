import { isClaimkitError } from '../errors.ts';
import { authenticate, requireScope } from './auth/bearer.ts';
import { allowedOrigin, preflight, withCors } from './auth/cors.ts';
import { authenticationRoutes } from './auth/routes.ts';
import { faultError } from './faults/injector.ts';
import { ApiError, notFound } from './http/errors.ts';
import { createRouter, type Route } from './http/router.ts';
import { managementRoutes } from './management/routes.ts';
import type { Tenant } from './tenant.ts';

/** A fetch-shaped handler: the whole tenant as `(Request) => Promise<Response>`. */
export type Handler = (request: Request) => Promise<Response>;

interface Mount {
  prefix: string;
  routes: readonly Route[];
  /** Bearer token required (the Management API); the Authentication API authenticates per grant. */
  bearer: boolean;
}

/** Both of Auth0's APIs on one origin, as on a real tenant: /api/v2 and, beside it, the auth routes. */
const MOUNTS: readonly Mount[] = [
  { prefix: '/api/v2', routes: managementRoutes, bearer: true },
  { prefix: '', routes: authenticationRoutes, bearer: false },
];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function mountFor(path: string): Mount | undefined {
  return MOUNTS.find((m) => m.prefix === '' || path === m.prefix || path.startsWith(`${m.prefix}/`));
}

export interface HandlerOptions {
  /** Where errors that are bugs (not API errors) are reported; they answer 500. */
  onError?: (err: unknown, request: Request) => void;
}

export function createHandler(tenant: Tenant, options: HandlerOptions = {}): Handler {
  const routers = new Map(MOUNTS.map((m) => [m, createRouter(m.routes)]));

  async function dispatch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const fault = tenant.faults.forRequest(request.method, url.pathname);
    if (fault?.kind === 'status') throw faultError(fault, tenant.now());
    if (fault?.kind === 'delay') await sleep(fault.ms);
    const mount = mountFor(url.pathname);
    if (!mount) throw notFound();
    if (!mount.bearer) return authenticationApi(mount, request, url);
    const auth = mount.bearer ? await authenticate(tenant, request) : undefined;
    const match = routers.get(mount)?.(request.method, url.pathname.slice(mount.prefix.length) || '/');
    if (!match) throw notFound();
    if (auth) requireScope(auth, match.route.scopes);
    return match.route.handle({ request, url, params: match.params, tenant, auth });
  }

  /** The Authentication API answers browsers of the tenant's applications across origins (auth/cors.ts). */
  async function authenticationApi(mount: Mount, request: Request, url: URL): Promise<Response> {
    const origin = allowedOrigin(tenant.store.data, request);
    if (request.method === 'OPTIONS') return preflight(origin);
    const match = routers.get(mount)?.(request.method, url.pathname.slice(mount.prefix.length) || '/');
    if (!match) throw notFound();
    return withCors(await match.route.handle({ request, url, params: match.params, tenant, auth: undefined }), origin);
  }

  return async (request) => {
    try {
      return await dispatch(request);
    } catch (err) {
      if (err instanceof ApiError) return err.toResponse();
      options.onError?.(err, request);
      if (isClaimkitError(err, 'ERR_TENANT_WRITE_FAILED')) {
        // The store went back to its saved state: nothing of this request (or those saved with it) was kept.
        return new ApiError(503, 'The tenant could not save the change, so it was not made. Try again.', { errorCode: 'write_failed' }).toResponse();
      }
      return new ApiError(500, 'An internal server error occurred').toResponse();
    }
  };
}
