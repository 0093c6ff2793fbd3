import { base64url } from 'jose';
import type { Http } from '../../src/tokens/http.ts';
import { inspectToken } from '../../src/tokens/inspect.ts';
import { formatInspection } from '../../src/tokens/report.ts';

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

test('an exp no date can hold is a verdict, not a crash', async () => {
  for (const claims of [{ exp: 1e300 }, { exp: 1e20 }]) {
    const token = jwt({ alg: 'none' }, { iss: 'https://a.example.com/', sub: 'auth0|1', aud: 'x', iat: now, ...claims });
    const r = await inspectToken(token, { http: offline });
    expect(r.verdict).toMatchObject({ valid: false, reason: 'tampered' });
    expect(r.expiresAt).toBeUndefined();
  }
});

test('a payload nested thousands deep is malformed, and the inspection still prints as JSON', async () => {
  const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
  const token = `${base64url.encode(JSON.stringify({ alg: 'RS256' }))}.${base64url.encode(`{"iss":"https://a.example.com/","deep":${deep}}`)}.c2ln`;
  const r = await inspectToken(token, { http: offline });
  expect(r.verdict).toMatchObject({ valid: false, reason: 'malformed' });
  expect(() => JSON.stringify(r)).not.toThrow();
  expect(() => formatInspection(r)).not.toThrow();
});

test('a JWKS whose keys are not keys makes the token unverifiable, not malformed', async () => {
  const served: Http = {
    request: () => Promise.resolve({ status: 200, headers: new Headers(), text: '{"keys":[1,null,{"kty":"RSA"}]}' }),
    close: () => Promise.resolve(),
  };
  const token = jwt({ alg: 'RS256', kid: 'k' }, { iss: 'https://a.example.com/', sub: 'auth0|1', aud: 'x', iat: now, exp: now + 60 }) + 'c2ln';
  const r = await inspectToken(token, { http: served, jwksUrl: 'https://keys.example.com/jwks.json' });
  expect(r.verdict).toMatchObject({ valid: false, reason: 'unverifiable' });
});
