import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handler } from './app.ts';
import { tooLarge } from './http/body.ts';

// The thin node adapter: HTTPS on 127.0.0.1, IncomingMessage → Request, Response → ServerResponse.
// It bounds request bodies on the wire and keeps idle sockets open long enough for real clients.

export interface ServeOptions {
  port: number;
  cert: string;
  key: string;
  bodyLimitBytes: number;
  keepAliveTimeoutMs: number;
  headersTimeoutMs: number;
}

export interface RunningServer {
  port: number;
  /** Stops accepting, lets requests in flight finish (up to 5 s), closes idle sockets. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Past this many times the limit, a client still sending an over-long body is cut off. */
const DRAIN_FACTOR = 16;

/**
 * The body, or null as soon as it passes `limit`. The rest is then read and dropped (up to
 * DRAIN_FACTOR × limit) rather than left unread: a client still sending gets the 413, not a reset.
 */
function readBody(req: IncomingMessage, limit: number, declaredTooLarge: boolean): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declaredTooLarge;
    if (over) resolve(null);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * DRAIN_FACTOR) req.destroy();
      else if (size > limit && !over) {
        over = true;
        chunks.length = 0;
        resolve(null);
      } else if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: Response, body: Buffer): void {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Each cookie is its own header line (forEach joins them into one, which browsers misread).
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

async function handle(handler: Handler, origin: string, limit: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const declared = Number(req.headers['content-length'] ?? NaN);
  const declaredTooLarge = Number.isFinite(declared) && declared > limit;
  const body = declaredTooLarge || (method !== 'GET' && method !== 'HEAD') ? await readBody(req, limit, declaredTooLarge) : Buffer.alloc(0);
  if (body === null) {
    // Answered before the body ended: close the socket afterwards, the connection cannot be reused.
    res.shouldKeepAlive = false;
    const response = tooLarge(limit).toResponse();
    send(res, response, Buffer.from(await response.arrayBuffer()));
    return;
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  const request = new Request(new URL(req.url ?? '/', origin), { method, headers, ...(body.length > 0 ? { body } : {}) });
  const response = await handler(request);
  send(res, response, method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer()));
}

/**
 * Listens on 127.0.0.1:`port` (0: any free port), then asks `handlerFor` for the handler of the origin
 * it got — the handler needs its own domain to check token audiences.
 */
export async function serve(handlerFor: (port: number) => Handler | Promise<Handler>, options: ServeOptions): Promise<RunningServer> {
  let handler: Handler | undefined;
  let origin = '';
  const server = https.createServer({ cert: options.cert, key: options.key }, (req, res) => {
    if (!handler) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    handle(handler, origin, options.bodyLimitBytes, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' }));
      process.emitWarning(`claimkit tenant: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs;
  server.headersTimeout = options.headersTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `https://${HOST}:${port}`;
  handler = await handlerFor(port);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), 5000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
