// loginUser through the local tenant's login form, against a scripted tenant: what the form's error says.
import { isClaimkitError } from '../../src/errors.ts';
import type { Http, HttpAnswer } from '../../src/tokens/http.ts';
import { chooseClient, loginUser, type LoginRequest, type TenantClient } from '../../src/tokens/login.ts';

const answer = (status: number, text: string, headers: Record<string, string> = {}): HttpAnswer => ({ status, text, headers: new Headers(headers) });

/** A local tenant whose login form refuses every password with `alertHtml` (as the page escapes it). */
function refusingTenant(alertHtml: string): Http {
  return {
    async request(url, init = {}) {
      const { pathname } = new URL(url);
      if (pathname === '/oauth/token') return answer(200, JSON.stringify({ access_token: 'mgmt' }));
      if (pathname === '/api/v2/clients') return answer(200, JSON.stringify([{ client_id: 'spa', name: 'SPA', grant_types: ['authorization_code'], callbacks: ['http://localhost:3000/callback'], token_endpoint_auth_method: 'none' }]));
      if (pathname === '/authorize') return answer(200, '<form><input type="hidden" name="state" value="s1"></form>');
      if (pathname === '/u/login' && init.method === 'POST') return answer(200, `<p class="error" role="alert">${alertHtml}</p><input name="state" value="s1">`);
      return answer(404, 'not found');
    },
    async close() {},
  };
}

const request: LoginRequest = { domain: '127.0.0.1:1', local: true, management: { clientId: 'm', clientSecret: 's' }, user: 'ada@example.com', password: 'wrong', scope: 'openid' };

async function refusal(alertHtml: string): Promise<{ code: string; message: string }> {
  const err: unknown = await loginUser(refusingTenant(alertHtml), request).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isClaimkitError(err)) throw new Error(`expected a ClaimkitError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

test("the login form's refusal is quoted once, with one full stop", async () => {
  expect(await refusal('Wrong email or password.')).toEqual({ code: 'ERR_LOGIN_FAILED', message: 'The login form refused the credentials: Wrong email or password.' });
});

test("the form's escaped characters are shown as text, and a reason without a stop gets one", async () => {
  expect(await refusal('The user&#39;s account is blocked')).toEqual({ code: 'ERR_LOGIN_FAILED', message: "The login form refused the credentials: The user's account is blocked." });
});

// Which application `claimkit login` logs in through, and what it says when the one asked for cannot.
const M2M: TenantClient = { client_id: 'm2m', name: 'Worker', grant_types: ['client_credentials'] };
const SPA: TenantClient = { client_id: 'spa', name: 'SPA', grant_types: ['authorization_code'], callbacks: ['http://localhost:3000/cb'], token_endpoint_auth_method: 'none' };
const NO_CALLBACK: TenantClient = { client_id: 'nocb', name: 'No callback', grant_types: ['authorization_code'] };

test('on the local tenant, --client naming an application that cannot log a user in is ERR_LOGIN_FAILED before any request', () => {
  for (const wanted of ['Worker', 'm2m', 'No callback']) {
    expect(() => chooseClient([M2M, SPA, NO_CALLBACK], wanted, true, 'mgmt')).toThrow(expect.objectContaining({ code: 'ERR_LOGIN_FAILED' }));
  }
  expect(chooseClient([M2M, SPA, NO_CALLBACK], 'SPA', true, 'mgmt')).toBe(SPA);
});
