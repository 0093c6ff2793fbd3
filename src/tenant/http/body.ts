import { ApiError, badRequest, payloadError } from './errors.ts';
import { guardJson } from './json-guard.ts';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** Auth0 (hapi) wording for an over-long body. */
export function tooLarge(limit: number): ApiError {
  return new ApiError(413, `Payload content length greater than maximum allowed: ${limit}`);
}

/** The body as text, refused with 413 past `limit` bytes (the node adapter enforces the same bound on the wire). */
export async function readText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > limit) throw tooLarge(limit);
  return new TextDecoder().decode(bytes);
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A declared content type other than JSON (none declared reads as JSON, as Auth0's server does). */
function isJsonType(request: Request): boolean {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' || type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * A JSON object body; an empty body reads as `{}` (several Auth0 POSTs take none). Too large (413),
 * not JSON (415, 400), too deep or with prototype keys (400, see json-guard.ts): refused before any
 * route looks at it.
 */
export async function readJsonObject(request: Request, limit: number): Promise<JsonObject> {
  const value = await readJsonValue(request, limit, {});
  if (!isObject(value)) throw payloadError(`'Expected type object but found type ${typeName(value)}'`);
  return value;
}

/** A JSON array body (a few Auth0 endpoints take one: PATCH /connections/{id}/clients, PUT /guardian/policies), checked as above. */
export async function readJsonArray(request: Request, limit: number): Promise<unknown[]> {
  const value = await readJsonValue(request, limit, []);
  if (!Array.isArray(value)) throw payloadError(`'Expected type array but found type ${typeName(value)}'`);
  return value;
}

const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

async function readJsonValue(request: Request, limit: number, empty: JsonObject | unknown[]): Promise<unknown> {
  const text = await readText(request, limit);
  if (text.trim() === '') return empty;
  if (!isJsonType(request)) {
    throw new ApiError(415, `Unsupported Media Type: send the body as application/json (got ${request.headers.get('content-type')}).`, { errorCode: 'unsupported_media_type' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Invalid request payload JSON format', 'invalid_body');
  }
  guardJson(value);
  return value;
}

/** /oauth/token takes form-encoded or JSON bodies, as Auth0 does; values come back as strings, in a Map (names are the caller's). */
export async function readParams(request: Request, limit: number): Promise<ReadonlyMap<string, string>> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const body = await readJsonObject(request, limit);
    return new Map(Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [[k, String(v)]] : [])));
  }
  const text = await readText(request, limit);
  return new Map(new URLSearchParams(text));
}
