/**
 * A client's id and secret from an HTTP Basic `authorization` header (RFC 6749 §2.3.1: each
 * URI-encoded, then joined by a colon). Undefined when there is none; null when it is not URI-encoded,
 * which is refused as wrong credentials are.
 */
export function basicCredentials(request: Request): { id: string; secret: string } | null | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}
