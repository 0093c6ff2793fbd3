import { isClaimkitError } from '../../src/errors.ts';
import { httpClient } from '../../src/tokens/http.ts';

test('a URL that does not parse is ERR_TOKEN_HTTP, as an unreachable one is, not a TypeError', async () => {
  const http = httpClient();
  try {
    const err: unknown = await http.request('https://a b/.well-known/jwks.json').then(() => undefined, (e: unknown) => e);
    expect(isClaimkitError(err) ? err.code : err).toBe('ERR_TOKEN_HTTP');
  } finally {
    await http.close();
  }
});
