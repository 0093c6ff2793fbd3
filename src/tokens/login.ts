import { createHash, randomBytes } from 'node:crypto';
import { ClaimkitError } from '../errors.ts';
import type { Http, HttpAnswer } from './http.ts';

// Logs a user in to a tenant the way an application does and returns the real tokens. With the
// password-realm grant where the client has it (any tenant); otherwise, on the local tenant, through
// /authorize with PKCE and its login form, as a browser would. Client details come from the Management
// API with the deploy's credentials.

export const DEFAULT_REALM = 'Username-Password-Authentication';
const PASSWORD_REALM = 'http://auth0.com/oauth/grant-type/password-realm';

export interface TenantClient {
  client_id: string;
  name: string;
  client_secret?: string;
  grant_types?: string[];
  callbacks?: string[];
  token_endpoint_auth_method?: string;
}

export interface LoginRequest {
  domain: string;
  local: boolean;
  /** The deploy's machine-to-machine credentials: read the clients, and the executions on the local tenant. */
  management: { clientId: string; clientSecret: string };
  client?: string;
  user: string;
  password: string;
  audience?: string;
  scope: string;
  realm?: string;
}

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
  expires_in?: number;
  token_type?: string;
}

export interface LoginResult {
  flow: 'password-realm' | 'authorization_code';
  client: { id: string; name: string };
  tokens: TokenSet;
  /** The local tenant's execution behind these tokens (GET /api/v2/actions/executions/{id}). */
  executionId: string | undefined;
  managementToken: string;
}

/** The password grant a client has: Auth0's password-realm, or the plain one (which takes `realm` too). */
function passwordGrantOf(c: TenantClient): string | undefined {
  const grants = c.grant_types ?? [];
  return grants.includes(PASSWORD_REALM) ? PASSWORD_REALM : grants.includes('password') ? 'password' : undefined;
}

const failed = (message: string) => new ClaimkitError('ERR_LOGIN_FAILED', message);

function parse<T>(res: HttpAnswer, what: string): T {
  try {
    return JSON.parse(res.text) as T;
  } catch {
    throw failed(`${what} answered HTTP ${res.status} with something that is not JSON.`);
  }
}

async function managementToken(http: Http, r: LoginRequest): Promise<string> {
  const res = await http.request(`https://${r.domain}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: r.management.clientId, client_secret: r.management.clientSecret, audience: `https://${r.domain}/api/v2/` }),
  });
  const body = parse<{ access_token?: string; error_description?: string }>(res, 'The token endpoint');
  if (res.status !== 200 || !body.access_token) throw failed(`The tenant refused the Management API credentials (HTTP ${res.status}: ${body.error_description ?? 'no reason'}). Check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET.`);
  return body.access_token;
}

/** A client that can log users in: by name or id, else the only one there is. */
export function chooseClient(clients: readonly TenantClient[], wanted: string | undefined, local: boolean, managementId: string): TenantClient {
  const canLogIn = (c: TenantClient) => passwordGrantOf(c) !== undefined || (local && (c.grant_types ?? []).includes('authorization_code') && (c.callbacks ?? []).length > 0);
  if (wanted !== undefined) {
    const found = clients.find((c) => c.name === wanted || c.client_id === wanted);
    if (!found) throw failed(`No application named "${wanted}" on the tenant. Its applications: ${clients.map((c) => c.name).join(', ') || 'none'}.`);
    // On a real tenant the missing password-realm grant is said after (loginUser).
    if (local && !canLogIn(found)) throw failed(`"${found.name}" cannot log a user in: it has neither a password grant nor the authorization_code grant with a callback URL. Give it one, or pass another --client.`);
    return found;
  }
  const candidates = clients.filter((c) => c.client_id !== managementId && canLogIn(c));
  if (candidates.length === 1) return candidates[0] as TenantClient;
  if (candidates.length === 0) throw failed(`No application on the tenant can log a user in here${local ? '' : ' (a real tenant needs the password-realm grant)'}: give one the grant, or pass --client NAME.`);
  throw failed(`Several applications can log users in (${candidates.map((c) => c.name).join(', ')}): pass --client NAME.`);
}

function tokenRequest(http: Http, domain: string, params: Record<string, string>): Promise<HttpAnswer> {
  return http.request(`https://${domain}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
}

function tokensFrom(res: HttpAnswer): TokenSet {
  const body = parse<TokenSet & { error?: string; error_description?: string }>(res, 'The token endpoint');
  if (res.status !== 200 || !body.access_token) throw failed(`The login was refused: ${body.error ?? `HTTP ${res.status}`}${body.error_description ? ` (${body.error_description})` : ''}.`);
  return body;
}

const clientAuth = (c: TenantClient): Record<string, string> => ({ client_id: c.client_id, ...(c.token_endpoint_auth_method !== 'none' && c.client_secret ? { client_secret: c.client_secret } : {}) });

/** The login page's error as text (the page escapes it as numeric entities), ending with one full stop. */
function alertOf(html: string): string | undefined {
  const escaped = /role="alert">([^<]*)</.exec(html)?.[1];
  if (escaped === undefined) return undefined;
  const text = escaped.replace(/&#(\d{1,7});/g, (_, n: string) => String.fromCharCode(Number(n))).trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Authorization code with PKCE through the local tenant's login form: what a browser does, minus the page. */
async function browserLogin(http: Http, r: LoginRequest, client: TenantClient): Promise<HttpAnswer> {
  const origin = `https://${r.domain}`;
  const jar = new Map<string, string>();
  const call = async (url: string, init: { method?: string; body?: string } = {}) => {
    const res = await http.request(new URL(url, origin).href, {
      ...init,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = (pair ?? '').indexOf('=');
      if (eq > 0) jar.set((pair as string).slice(0, eq), (pair as string).slice(eq + 1));
    }
    return res;
  };
  const redirectUri = (client.callbacks ?? [])[0] as string;
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({ client_id: client.client_id, response_type: 'code', redirect_uri: redirectUri, scope: r.scope, state: randomBytes(12).toString('base64url'), code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
  if (r.scope.split(' ').includes('openid')) q.set('nonce', randomBytes(12).toString('base64url'));
  if (r.audience) q.set('audience', r.audience);
  let res = await call(`/authorize?${q}`);
  for (let hop = 0; hop < 10; hop++) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, origin);
      if (next.origin !== origin) break;
      res = await call(next.href);
      continue;
    }
    const state = /name="state" value="([^"]+)"/.exec(res.text)?.[1];
    if (res.status !== 200 || !state) throw failed(`The login page did not come (HTTP ${res.status}).`);
    res = await call(`/u/login?state=${encodeURIComponent(state)}`, { method: 'POST', body: new URLSearchParams({ state, username: r.user, password: r.password }).toString() });
    if (res.status !== 302) throw failed(`The login form refused the credentials: ${alertOf(res.text) ?? `HTTP ${res.status}.`}`);
  }
  const back = new URL(res.headers.get('location') ?? '', origin);
  const error = back.searchParams.get('error');
  if (error) throw failed(`The login was refused: ${error} (${back.searchParams.get('error_description') ?? 'no reason'}).`);
  const code = back.searchParams.get('code');
  if (!code) throw failed(`The login did not end at the application with a code (HTTP ${res.status}, ${back.href}).`);
  return tokenRequest(http, r.domain, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, ...clientAuth(client) });
}

export async function loginUser(http: Http, r: LoginRequest): Promise<LoginResult> {
  const token = await managementToken(http, r);
  const list = await http.request(`https://${r.domain}/api/v2/clients?per_page=100&fields=client_id,name,client_secret,grant_types,callbacks,token_endpoint_auth_method`, { headers: { authorization: `Bearer ${token}` } });
  if (list.status !== 200) throw failed(`Cannot list the tenant's applications (HTTP ${list.status}): the credentials need read:clients (and read:client_keys for a confidential application).`);
  const client = chooseClient(parse<TenantClient[]>(list, 'GET /api/v2/clients'), r.client, r.local, r.management.clientId);
  const grant = passwordGrantOf(client);
  const realm = grant !== undefined;
  if (!realm && !r.local) throw failed(`"${client.name}" does not have the password-realm grant, and a real tenant's login page is for browsers: give it the grant to log in from here.`);
  if (client.token_endpoint_auth_method !== 'none' && !client.client_secret) throw failed(`"${client.name}" is confidential and its secret was not given: the credentials need read:client_keys.`);
  const res = realm
    ? await tokenRequest(http, r.domain, { grant_type: grant as string, username: r.user, password: r.password, realm: r.realm ?? DEFAULT_REALM, scope: r.scope, ...(r.audience ? { audience: r.audience } : {}), ...clientAuth(client) })
    : await browserLogin(http, r, client);
  return { flow: realm ? 'password-realm' : 'authorization_code', client: { id: client.client_id, name: client.name }, tokens: tokensFrom(res), executionId: res.headers.get('x-claimkit-execution') ?? undefined, managementToken: token };
}
