import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isClaimkitError } from '../../src/errors.ts';
import { httpClient } from '../../src/tokens/http.ts';

test('a URL that does not parse is ERR_TOKEN_HTTP, as an unreachable one is, not a TypeError', async () => {
  const client = httpClient();
  try {
    const err: unknown = await client.request('https://a b/.well-known/jwks.json').then(() => undefined, (e: unknown) => e);
    expect(isClaimkitError(err) ? err.code : err).toBe('ERR_TOKEN_HTTP');
  } finally {
    await client.close();
  }
});

// A JWKS or token endpoint that sends its headers and then stalls is a clear ERR_TOKEN_HTTP, never an
// uncaught abort.
let server: http.Server;
let base: string;
const open = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"keys":[');
    open.add(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

test('an answer that stalls after its headers fails with ERR_TOKEN_HTTP', async () => {
  const client = httpClient(undefined, 300);
  try {
    await expect(client.request(`${base}/.well-known/jwks.json`)).rejects.toMatchObject({ code: 'ERR_TOKEN_HTTP' });
  } finally {
    await client.close();
  }
});
