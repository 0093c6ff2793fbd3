import { base64url } from 'jose';
import type { Http } from '../../src/tokens/http.ts';
import { inspectToken } from '../../src/tokens/inspect.ts';

// What inspect decides from the token alone: nothing is fetched for a token that cannot be Auth0's.
const offline: Http = {
  request: (url) => Promise.reject(new Error(`no request should be made, got ${url}`)),
  close: () => Promise.resolve(),
};
const jwt = (header: object, payload: object) => `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}.`;
const now = Math.floor(Date.now() / 1000);

test('an unsigned token (alg none) is tampered, without a request to the issuer it names', async () => {
  const token = jwt({ alg: 'none' }, { iss: 'https://evil.example.com/', sub: 'auth0|1', aud: 'x', iat: now, exp: now + 60 });
  const r = await inspectToken(token, { http: offline });
  expect(r.verdict).toMatchObject({ valid: false, reason: 'tampered' });
});

test('an issuer that is not an https origin is unverifiable, without a request', async () => {
  for (const iss of ['http://127.0.0.1:22/', 'https://a.example.com/../../x', 'file:///etc/passwd']) {
    const token = jwt({ alg: 'RS256', kid: 'k' }, { iss, sub: 'auth0|1', aud: 'x', iat: now, exp: now + 60 });
    const r = await inspectToken(token, { http: offline });
    expect(r.verdict).toMatchObject({ valid: false, reason: 'unverifiable' });
  }
});

test('an issuer shaped like an https origin that is no URL (a bracket, a port past 65535) is unverifiable, without a request', async () => {
  for (const iss of ['https://a[b/', 'https://a.example.com:99999/', 'https://user@a.example.com/']) {
    const token = jwt({ alg: 'RS256', kid: 'k' }, { iss, sub: 'auth0|1', aud: 'x', iat: now, exp: now + 60 });
    const r = await inspectToken(token, { http: offline });
    expect(r.verdict).toMatchObject({ valid: false, reason: 'unverifiable' });
  }
});
