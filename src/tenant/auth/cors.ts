import type { TenantData } from '../store/model.ts';

// Cross-origin calls to the Authentication API from a browser application (an SPA exchanging its code,
// reading /userinfo): allowed from the origins the tenant's applications list in "Allowed Web Origins",
// "Allowed Origins (CORS)" and their callback URLs (Application Settings), as Auth0 allows them.

function origins(data: Readonly<TenantData>): Set<string> {
  const out = new Set<string>();
  for (const c of data.clients) {
    for (const key of ['web_origins', 'allowed_origins', 'callbacks']) {
      const list = c[key];
      if (!Array.isArray(list)) continue;
      for (const u of list) {
        if (typeof u !== 'string' || u.includes('*')) continue;
        try {
          out.add(new URL(u).origin);
        } catch {
          // not a URL: no origin to allow
        }
      }
    }
  }
  return out;
}

/** The origin to answer with, when the request comes from an allowed one. */
export function allowedOrigin(data: Readonly<TenantData>, request: Request): string | undefined {
  const origin = request.headers.get('origin');
  return origin && origins(data).has(origin) ? origin : undefined;
}

/** The answer to a CORS preflight (OPTIONS) from an allowed origin; a refused one gets no CORS headers. */
export function preflight(origin: string | undefined): Response {
  if (!origin) return new Response(null, { status: 204 });
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type, auth0-client',
      'access-control-max-age': '86400',
      vary: 'Origin',
    },
  });
}

/** Adds the allowing headers to an answer for an allowed origin (unless the provider already did). */
export function withCors(response: Response, origin: string | undefined): Response {
  if (!origin || response.headers.has('access-control-allow-origin')) return response;
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', origin);
  headers.append('vary', 'Origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
