// Which stub answers a request, and with what: pure functions, no interception here.
import type { HttpStub } from './fixtures.ts';

/** The first stub for this method and URL (a stub without a query string matches any query). */
export function findStub(stubs: readonly HttpStub[], method: string, url: string): HttpStub | undefined {
  const target = new URL(url);
  return stubs.find((s) => {
    if ((s.method ?? 'GET') !== method.toUpperCase()) return false;
    const want = new URL(s.url);
    if (want.search === '') return want.origin === target.origin && want.pathname === target.pathname;
    return want.href === target.href;
  });
}

/** The Response a stub answers with. */
export function stubResponse(stub: HttpStub): Response {
  const { status = 200, headers = {}, body } = stub.response;
  const h = new Headers(headers);
  let text: string | null = null;
  if (typeof body === 'string') text = body;
  else if (body !== undefined) {
    text = JSON.stringify(body);
    if (!h.has('content-type')) h.set('content-type', 'application/json');
  }
  return new Response(status === 204 || status === 205 || status === 304 ? null : text, { status, headers: h });
}
