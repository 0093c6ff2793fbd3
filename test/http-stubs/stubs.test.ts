import http from 'node:http';
import https from 'node:https';
import { findStub, installHttpStubs, parseHttpFixtures, type HttpStubs } from '../../src/http-stubs/index.ts';

const STUBS = parseHttpFixtures([
  { url: 'https://api.example.com/users/1', response: { body: { plan: 'team' } } },
  { method: 'POST', url: 'https://api.example.com/events?v=2', response: { status: 202, headers: { 'x-id': 'e1' }, body: 'queued' } },
  { method: 'delete', url: 'http://svc.example.com/x', response: { status: 204 } },
]);

function get(mod: typeof https, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    mod.get(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('HTTP stubs', () => {
  let stubs: HttpStubs;
  beforeEach(() => {
    stubs = installHttpStubs(STUBS);
  });
  afterEach(() => stubs.restore());

  test('fetch gets the stubbed response; the call is recorded with its headers and body', async () => {
    const r = await fetch('https://api.example.com/users/1?expand=all', { headers: { authorization: 'Bearer t' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(await r.json()).toEqual({ plan: 'team' });
    const p = await fetch('https://api.example.com/events?v=2', { method: 'POST', body: '{"a":1}' });
    expect([p.status, p.headers.get('x-id'), await p.text()]).toEqual([202, 'e1', 'queued']);
    expect(stubs.calls.map((c) => [c.method, c.url, c.status])).toEqual([
      ['GET', 'https://api.example.com/users/1?expand=all', 200],
      ['POST', 'https://api.example.com/events?v=2', 202],
    ]);
    expect(stubs.calls[0]?.headers['authorization']).toBe('Bearer t');
    expect(stubs.calls[1]?.body).toBe('{"a":1}');
  });

  test('node:http and node:https requests are answered too', async () => {
    expect(await get(https, 'https://api.example.com/users/1')).toEqual({ status: 200, body: '{"plan":"team"}' });
    const del = await new Promise<number>((resolve, reject) => {
      const req = http.request('http://svc.example.com/x', { method: 'DELETE' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(del).toBe(204);
  });

  test('an unstubbed request fails with the stub to add, and never reaches the network', async () => {
    await expect(fetch('https://api.example.com/other')).rejects.toThrow();
    await expect(get(https, 'https://api.example.com/events?v=3')).rejects.toThrow(/No HTTP stub for GET https:\/\/api\.example\.com\/events\?v=3/);
    expect(stubs.unstubbed().map((c) => c.url)).toEqual(['https://api.example.com/other', 'https://api.example.com/events?v=3']);
  });

  test('one set of stubs at a time', () => {
    expect(() => installHttpStubs([])).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });
});

describe('the fixtures format', () => {
  test('a URL without a query matches any query; with one, only that query; methods must match', () => {
    expect(findStub(STUBS, 'GET', 'https://api.example.com/users/1?x=1')).toBe(STUBS[0]);
    expect(findStub(STUBS, 'POST', 'https://api.example.com/users/1')).toBeUndefined();
    expect(findStub(STUBS, 'POST', 'https://api.example.com/events')).toBeUndefined();
    expect(findStub(STUBS, 'DELETE', 'http://svc.example.com/x')).toBe(STUBS[2]);
  });

  test.each([
    [{}, /must be a JSON array/],
    [[1], /stub \[0\]: must be an object/],
    [[{ url: 'ftp://x', response: {} }], /stub \[0\]\.url: must be an absolute http/],
    [[{ url: '/relative', response: {} }], /stub \[0\]\.url/],
    [[{ url: 'https://x', response: { status: 99 } }], /status: must be an HTTP status/],
    [[{ url: 'https://x', response: { headers: { a: 1 } } }], /headers: must be an object of header names to string values/],
    // fetch's Headers refuses these: the stub would fail every request it answers, reported as unstubbed.
    [[{ url: 'https://x', response: { headers: { 'bad header': 'x' } } }], /headers\["bad header"\]: is not a valid HTTP header/],
    [[{ url: 'https://x', response: { headers: { 'x-id': 'a\r\nset-cookie: s=1' } } }], /headers\["x-id"\]: is not a valid HTTP header/],
    [[{ url: 'https://x', method: 'FETCH', response: {} }], /method: must be one of/],
    [[{ url: 'https://x', response: {}, reply: {} }], /unknown key "reply"/],
    [[{ url: 'https://x' }], /response: must be an object/],
  ])('%j is refused: %s', (value, message) => {
    expect(() => parseHttpFixtures(value, 'fixtures.json')).toThrow(expect.objectContaining({ code: 'ERR_HTTP_FIXTURES_INVALID', message: expect.stringMatching(message) }));
  });

  test('a huge file is refused', () => {
    expect(() => parseHttpFixtures(Array.from({ length: 1001 }, () => ({ url: 'https://x', response: {} })))).toThrow(/at most 1000/);
  });
});
