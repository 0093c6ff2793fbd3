import type { RequestListener } from 'node:http';
import inject from 'light-my-request';

// The provider is a Koa application, a (req, res) listener; the tenant is fetch-shaped. This hands a
// Request to the listener in process (light-my-request builds the node request and response objects)
// and turns its answer back into a Response. The tenant is served over HTTPS on loopback only, so the
// provider is told so (X-Forwarded-Proto, its `proxy` setting on); such headers from the client are
// dropped first.

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);
const LOOPBACK = '127.0.0.1';

export type ProviderCall = (request: Request, body?: string) => Promise<Response>;

type Method = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH' | 'HEAD' | 'OPTIONS';

export function providerBridge(listener: RequestListener): ProviderCall {
  return async (request, body) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (!name.startsWith('x-forwarded-') && !HOP_BY_HOP.has(name)) headers[name] = value;
    });
    headers['host'] = url.host;
    headers['x-forwarded-proto'] = 'https';
    headers['x-forwarded-for'] = LOOPBACK;
    const method = request.method.toUpperCase() as Method;
    const payload = body ?? (method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer()));
    const res = await inject(listener, { method, url: `${url.pathname}${url.search}`, headers, remoteAddress: LOOPBACK, ...(payload === undefined ? {} : { payload }) });
    const out = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      if (Array.isArray(value)) for (const v of value) out.append(name, v);
      else out.set(name, String(value));
    }
    const empty = res.statusCode === 204 || res.statusCode === 304 || method === 'HEAD';
    return new Response(empty ? null : res.rawPayload, { status: res.statusCode, headers: out });
  };
}
