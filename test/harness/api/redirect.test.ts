import { createHmac } from 'node:crypto';
import { continuePostLogin, makeEvent, runPostLogin, type EventOverrides } from '../../../src/harness/index.ts';
import type { PostLoginAction } from '../../../src/types/action.ts';
import { NOW, outcome, runOne } from './helpers.ts';

const SECRET = 'shared-with-the-redirect-target';
const HOST = makeEvent().request.hostname;
const USER = makeEvent().user.user_id;
/** The state Auth0 put in the redirect URL (fixed here through the harness option). */
const STATE = 'auth0-continue-state-123';

function decode(segment: string | undefined): unknown {
  return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
}

/** A token made here, independently of the harness, as a redirect target would make it. */
function sign(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256'): string {
  const input = `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const nowSeconds = Math.floor(NOW / 1000);
const good = { iss: HOST, sub: USER, state: STATE, iat: nowSeconds, exp: nowSeconds + 60, answer: 42 };

describe('api.redirect.encodeToken', () => {
  it('makes an HS256 JWT with iat, iss, sub, exp (default 15 min), ip and the payload', async () => {
    let token = '';
    await runOne(async (_e, api) => void (token = api.redirect.encodeToken({ secret: SECRET, payload: { state: 'abc', plan: 'gold' } })));
    const [header, payload, signature] = token.split('.');
    expect(decode(header)).toMatchObject({ alg: 'HS256' });
    expect(decode(payload)).toEqual({ iat: nowSeconds, iss: HOST, sub: USER, exp: nowSeconds + 900, ip: makeEvent().request.ip, state: 'abc', plan: 'gold' });
    expect(signature).toBe(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'));
  });

  it('honours expiresInSeconds and keeps the secret out of the recorded calls', async () => {
    let token = '';
    const result = await runOne(async (_e, api) => void (token = api.redirect.encodeToken({ secret: SECRET, payload: {}, expiresInSeconds: 60 })));
    expect(decode(token.split('.')[1])).toMatchObject({ exp: nowSeconds + 60 });
    expect(JSON.stringify(result.calls)).not.toContain(SECRET);
  });

  it('refuses a missing secret or payload', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.redirect.encodeToken({ secret: '', payload: {} })));
      seen.push(outcome(() => api.redirect.encodeToken({ secret: SECRET } as never)));
    });
    expect(seen).toEqual(['ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT']);
  });
});

describe('api.redirect.validateToken', () => {
  /** Redirects, then comes back to /continue with `back` merged into the event; returns what validateToken did. */
  async function comeBack(back: EventOverrides, options: { tokenParameterName?: string } = {}, clock = NOW) {
    let seen = '';
    let payload: unknown;
    const action: PostLoginAction = {
      onExecutePostLogin: async (_e, api) => void api.redirect.sendUserTo('https://target.example.com'),
      onContinuePostLogin: async (_e, api) => {
        seen = outcome(() => (payload = api.redirect.validateToken({ secret: SECRET, ...options })));
      },
    };
    let now = NOW;
    const paused = await runPostLogin(action, makeEvent(), { now: () => now, redirectState: STATE });
    now = clock;
    const result = await continuePostLogin(paused, back);
    return { seen, payload, result };
  }

  it('returns the payload of a valid token from the query string', async () => {
    const { seen, payload } = await comeBack({ request: { query: { session_token: sign(good) } } });
    expect(seen).toBe('ok');
    expect(payload).toEqual(good);
  });

  it('reads the POST body and a custom parameter name', async () => {
    const { seen } = await comeBack({ request: { body: { my_token: sign(good) } } }, { tokenParameterName: 'my_token' });
    expect(seen).toBe('ok');
  });

  it("accepts a token the redirect target signs with the state from the redirect URL (Auth0's, not the application's)", async () => {
    let payload: unknown;
    const action: PostLoginAction = {
      onExecutePostLogin: async (_e, api) => void api.redirect.sendUserTo('https://target.example.com'),
      onContinuePostLogin: async (_e, api) => void (payload = api.redirect.validateToken({ secret: SECRET })),
    };
    const paused = await runPostLogin(action, makeEvent(), { now: () => NOW });
    const state = new URL(paused.redirect?.url ?? '').searchParams.get('state');
    expect(state).toBe(paused.redirect?.state);
    const result = await continuePostLogin(paused, { request: { query: { session_token: sign({ ...good, state, color: 'blue' }) } } });
    expect(result.outcome).toBe('success');
    expect(payload).toMatchObject({ color: 'blue', sub: USER, state });
  });

  it("refuses a token that carries the application's state instead of the redirect's", async () => {
    let seen = '';
    const action: PostLoginAction = {
      onExecutePostLogin: async (event, api) => {
        const token = api.redirect.encodeToken({ secret: SECRET, payload: { state: event.transaction?.state } });
        api.redirect.sendUserTo('https://target.example.com', { query: { session_token: token } });
      },
      onContinuePostLogin: async (_e, api) => void (seen = outcome(() => api.redirect.validateToken({ secret: SECRET }))),
    };
    const paused = await runPostLogin(action, makeEvent(), { now: () => NOW });
    const token = new URL(paused.redirect?.url ?? '').searchParams.get('session_token') ?? '';
    await continuePostLogin(paused, { request: { query: { session_token: token } } });
    expect(seen).toBe('ERR_REDIRECT_TOKEN_INVALID');
  });

  it.each([
    ['missing', {}],
    ['signed with another secret', { session_token: sign(good, 'another-secret') }],
    ['unsigned (alg none)', { session_token: sign(good, SECRET, 'none') }],
    ['not a JWT', { session_token: 'abc' }],
    ['expired', { session_token: sign({ ...good, exp: nowSeconds }) }],
    ['without exp', { session_token: sign({ ...good, exp: undefined }) }],
    ['from another issuer', { session_token: sign({ ...good, iss: 'evil.example.com' }) }],
    ['for another user', { session_token: sign({ ...good, sub: 'auth0|someone-else' }) }],
    ['for another transaction state', { session_token: sign({ ...good, state: 'other-state' }) }],
  ])('refuses a token that is %s', async (_name, query) => {
    const { seen, result } = await comeBack({ request: { query } });
    expect(seen).toBe('ERR_REDIRECT_TOKEN_INVALID');
    expect(result.outcome).toBe('success'); // the Action caught it
  });

  it('refuses a token once the clock has passed its exp', async () => {
    const { seen } = await comeBack({ request: { query: { session_token: sign(good) } } }, {}, NOW + 61_000);
    expect(seen).toBe('ERR_REDIRECT_TOKEN_INVALID');
  });
});

describe('api.redirect.sendUserTo and api.prompt.render in one Action', () => {
  it.each([
    ['render then sendUserTo', (api: Parameters<PostLoginAction['onExecutePostLogin']>[1]) => {
      api.prompt.render('prompt-1');
      return outcome(() => api.redirect.sendUserTo('https://example.com'));
    }],
    ['sendUserTo then render', (api: Parameters<PostLoginAction['onExecutePostLogin']>[1]) => {
      api.redirect.sendUserTo('https://example.com');
      return outcome(() => api.prompt.render('prompt-1'));
    }],
  ])('refuses %s and fails the login even when the Action catches', async (_name, body) => {
    let seen = '';
    const result = await runOne(async (_e, api) => void (seen = body(api)));
    expect(seen).toBe('ERR_API_NOT_ALLOWED');
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain('cannot be used in the same action');
  });

  it('lets a redirect and a render happen in different Actions', async () => {
    const paused = await runPostLogin(
      [
        {
          onExecutePostLogin: async (_e, api) => void api.redirect.sendUserTo('https://example.com'),
          onContinuePostLogin: async () => undefined,
        },
        { onExecutePostLogin: async (_e, api) => void api.prompt.render('prompt-1') },
      ],
      makeEvent(),
      { now: () => NOW },
    );
    expect(paused.redirect).not.toBeNull();
    const next = await continuePostLogin(paused);
    expect(next.outcome).toBe('success');
    expect(next.prompt).toEqual({ id: 'prompt-1' });
  });
});
