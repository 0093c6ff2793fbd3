import type { Tenant } from '../tenant.ts';
import type { AccessClaims } from '../auth/tokens.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteContext {
  request: Request;
  url: URL;
  /** Path parameters, URL-decoded (`:id` → params.id). */
  params: Readonly<Record<string, string>>;
  tenant: Tenant;
  /** The verified bearer token, on Management API routes. */
  auth: AccessClaims | undefined;
}

export interface Route {
  method: Method;
  /** Path relative to the mount, e.g. `/actions/actions/:id/deploy`. */
  path: string;
  /** Auth0's scope names; the token needs any one of them (403 otherwise). Empty: no token needed. */
  scopes: readonly string[];
  handle: (ctx: RouteContext) => Promise<Response> | Response;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

interface Compiled {
  route: Route;
  segments: string[];
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** A route table compiled once; `match` finds the route for a method and path, or null (→ 404). */
export function createRouter(routes: readonly Route[]): (method: string, path: string) => Match | null {
  const compiled: Compiled[] = routes.map((route) => ({ route, segments: split(route.path) }));
  return (method, path) => {
    const parts = split(path);
    for (const { route, segments } of compiled) {
      if (route.method !== method || segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const seg = segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith(':')) {
          try {
            params[seg.slice(1)] = decodeURIComponent(part);
          } catch {
            ok = false;
          }
        } else ok = seg === part;
      }
      if (ok) return { route, params };
    }
    return null;
  };
}
