import { isClaimkitError } from '../../src/errors.ts';
import { parseFaultSpec } from '../../src/tenant/faults/spec.ts';
import { postLoginAction, testTenant } from './helpers.ts';

describe('fault spec', () => {
  test('parses endpoint and build rules with counts', () => {
    expect(parseFaultSpec('POST /api/v2/actions/actions/*/deploy=429:3x2, build=failed, build=slow:5000x1, * /api/v2/**=delay:10')).toEqual([
      { target: 'endpoint', method: 'POST', pattern: ['api', 'v2', 'actions', 'actions', '*', 'deploy'], effect: { kind: 'status', status: 429, retryAfter: 3 }, remaining: 2 },
      { target: 'build', effect: { kind: 'failed' }, remaining: Infinity },
      { target: 'build', effect: { kind: 'slow', ms: 5000 }, remaining: 1 },
      { target: 'endpoint', method: '*', pattern: ['api', 'v2', '**'], effect: { kind: 'delay', ms: 10 }, remaining: Infinity },
    ]);
    expect(parseFaultSpec('')).toEqual([]);
  });

  test.each(['GET=500', 'GET /x=418', 'build=429', 'FETCH /x=500', 'GET x=500', 'GET /x=500x0', 'GET /x=500:3'])('rejects %p with ERR_TENANT_FAULT_SPEC', (spec) => {
    let caught: unknown;
    try {
      parseFaultSpec(spec);
    } catch (err) {
      caught = err;
    }
    expect(isClaimkitError(caught, 'ERR_TENANT_FAULT_SPEC')).toBe(true);
  });
});

describe('fault injection', () => {
  test('429 with Retry-After on a chosen endpoint, for a chosen count', async () => {
    const t = await testTenant({ faults: 'GET /api/v2/roles=429:7x2' });
    for (let i = 0; i < 2; i++) {
      const res = await t.call('GET', '/api/v2/roles');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(res.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' });
    }
    expect((await t.call('GET', '/api/v2/roles')).status).toBe(200);
    expect((await t.call('GET', '/api/v2/clients')).status).toBe(200);
  });

  test('500 on deploy of any action, once', async () => {
    const t = await testTenant({ faults: 'POST /api/v2/actions/actions/*/deploy=500x1' });
    const { body } = await t.call('POST', '/api/v2/actions/actions', postLoginAction('a'));
    t.clock.now += 5000;
    expect(await t.call('POST', `/api/v2/actions/actions/${body.id}/deploy`)).toMatchObject({ status: 500, body: { statusCode: 500, message: 'An internal server error occurred' } });
    expect((await t.call('POST', `/api/v2/actions/actions/${body.id}/deploy`)).status).toBe(200);
  });

  test('failed builds, for a chosen count', async () => {
    const t = await testTenant({ buildDelayMs: 100, faults: 'build=failedx1' });
    const first = await t.call('POST', '/api/v2/actions/actions', postLoginAction('a'));
    const second = await t.call('POST', '/api/v2/actions/actions', postLoginAction('b'));
    t.clock.now += 200;
    expect((await t.call('GET', `/api/v2/actions/actions/${first.body.id}`)).body.status).toBe('failed');
    expect((await t.call('GET', `/api/v2/actions/actions/${second.body.id}`)).body.status).toBe('built');
  });

  test('slow builds, for a chosen count', async () => {
    const t = await testTenant({ buildDelayMs: 100, faults: 'build=slow:10000x1' });
    const slow = await t.call('POST', '/api/v2/actions/actions', postLoginAction('a'));
    const normal = await t.call('POST', '/api/v2/actions/actions', postLoginAction('b'));
    t.clock.now += 200;
    expect((await t.call('GET', `/api/v2/actions/actions/${slow.body.id}`)).body.status).toBe('pending');
    expect((await t.call('GET', `/api/v2/actions/actions/${normal.body.id}`)).body.status).toBe('built');
    t.clock.now += 10_000;
    expect((await t.call('GET', `/api/v2/actions/actions/${slow.body.id}`)).body.status).toBe('built');
  });
});

describe('request bodies', () => {
  test('a body over the limit is 413 in Auth0 wording', async () => {
    const t = await testTenant({ bodyLimitBytes: 2048 });
    const res = await t.call('POST', '/api/v2/roles', { name: 'x'.repeat(4096) });
    expect(res.body).toEqual({ statusCode: 413, error: 'Request Entity Too Large', message: 'Payload content length greater than maximum allowed: 2048' });
  });
});
