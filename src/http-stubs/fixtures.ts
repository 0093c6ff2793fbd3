// The HTTP fixtures format (`claimkit run --http FIXTURES.json`, `runPostLogin(…, { http })`): a JSON
// array of stubs, each a request to answer and the response to answer it with. Checked strictly: the
// file comes from anyone.
import { ClaimkitError } from '../errors.ts';

export interface HttpStubResponse {
  /** 200 unless given. */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as it is; any other JSON value is sent as JSON (content-type application/json). */
  body?: unknown;
}

export interface HttpStub {
  /** GET unless given. */
  method?: string;
  /** An absolute http(s) URL. Without a query string it matches any query; with one, only that query. */
  url: string;
  response: HttpStubResponse;
}

export const MAX_STUBS = 1000;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const STUB_KEYS = ['method', 'url', 'response'];
const RESPONSE_KEYS = ['status', 'headers', 'body'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(where: string, message: string, file?: string): never {
  throw new ClaimkitError('ERR_HTTP_FIXTURES_INVALID', `${where}: ${message}`, file === undefined ? {} : { location: { file } });
}

function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string, file?: string): void {
  const extra = Object.keys(obj).find((k) => !allowed.includes(k));
  if (extra !== undefined) fail(where, `unknown key "${extra.slice(0, 40)}"; a stub has ${allowed.join(', ')}.`, file);
}

function checkStub(raw: unknown, i: number, file?: string): HttpStub {
  const where = `stub [${i}]`;
  if (!isObject(raw)) fail(where, 'must be an object { method, url, response }.', file);
  unknownKeys(raw, STUB_KEYS, where, file);
  const method = raw['method'] === undefined ? 'GET' : raw['method'];
  if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())) fail(`${where}.method`, `must be one of ${METHODS.join(', ')}.`, file);
  const url = raw['url'];
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' && url.length <= 8192 ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) fail(`${where}.url`, 'must be an absolute http:// or https:// URL.', file);
  const response = raw['response'];
  if (!isObject(response)) fail(`${where}.response`, 'must be an object { status, headers, body }.', file);
  unknownKeys(response, RESPONSE_KEYS, `${where}.response`, file);
  const status = response['status'] ?? 200;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) fail(`${where}.response.status`, 'must be an HTTP status from 200 to 599.', file);
  const headers = response['headers'] ?? {};
  if (!isObject(headers) || Object.values(headers).some((v) => typeof v !== 'string')) fail(`${where}.response.headers`, 'must be an object of header names to string values.', file);
  for (const [name, value] of Object.entries(headers)) {
    // The response is built with fetch's Headers: one it refuses would fail every request the stub answers.
    try {
      new Headers([[name, value as string]]);
    } catch {
      fail(`${where}.response.headers["${name.slice(0, 40)}"]`, 'is not a valid HTTP header: a name is letters, digits and !#$%&\'*+-.^_`|~, a value has no line breaks.', file);
    }
  }
  return { method: method.toUpperCase(), url: parsed.href, response: { status, headers: headers as Record<string, string>, body: response['body'] } };
}

/** Checks a parsed fixtures file (`file` names it in errors). */
export function parseHttpFixtures(value: unknown, file?: string): HttpStub[] {
  if (!Array.isArray(value)) fail('HTTP fixtures', 'must be a JSON array of stubs [{ "method": "GET", "url": "https://…", "response": { "status": 200, "body": … } }].', file);
  if (value.length > MAX_STUBS) fail('HTTP fixtures', `${value.length} stubs; at most ${MAX_STUBS}.`, file);
  return value.map((raw, i) => checkStub(raw, i, file));
}
