import { createHash, randomBytes } from 'node:crypto';
import { ORIGIN, testTenant, type Json, type TestTenant } from '../helpers.ts';

// In-process logins against the tenant's handler: a tenant set up through its Management API (API,
// client, role, user, deployed Actions bound to post-login) and a small browser (a cookie jar that
// follows the Authentication API's redirects and fills the login form).

export const API = 'https://api.example.com';
export const CALLBACK = 'http://localhost:3000/callback';
export const PASSWORD = 'Sup3r-secret-pw';

export interface LoginTenant extends TestTenant {
  spaId: string;
  backendId: string;
  backendSecret: string;
  userId: string;
  email: string;
}

export interface ActionSpec {
  name: string;
  code: string;
}

/** Creates, builds, deploys and binds Actions, in binding order. */
export async function deployFlow(t: TestTenant, actions: readonly ActionSpec[]): Promise<void> {
  const refs = [];
  for (const a of actions) {
    const existing = (await t.call('GET', '/api/v2/actions/actions')).body.actions as unknown as Array<{ id: string; name: string }>;
    const found = existing.find((x) => x.name === a.name);
    const id = found
      ? (await t.call('PATCH', `/api/v2/actions/actions/${found.id}`, { code: a.code }), found.id)
      : String((await t.call('POST', '/api/v2/actions/actions', { name: a.name, code: a.code, runtime: 'node22', supported_triggers: [{ id: 'post-login', version: 'v3' }] })).body.id);
    const deployed = await t.call('POST', `/api/v2/actions/actions/${id}/deploy`);
    if (deployed.status !== 200) throw new Error(`deploy ${a.name}: ${JSON.stringify(deployed.body)}`);
    refs.push({ ref: { type: 'action_id', value: id }, display_name: a.name });
  }
  const bound = await t.call('PATCH', '/api/v2/actions/triggers/post-login/bindings', { bindings: refs });
  if (bound.status !== 200) throw new Error(`bindings: ${JSON.stringify(bound.body)}`);
}

export async function loginTenant(options: { api?: Record<string, unknown>; spa?: Record<string, unknown>; user?: Record<string, unknown> } = {}): Promise<LoginTenant> {
  const t = await testTenant({ buildDelayMs: 0, now: Date.now() });
  const check = (what: string, res: { status: number; body: Json }) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  check('api', await t.call('POST', '/api/v2/resource-servers', {
    name: 'Reports',
    identifier: API,
    scopes: [{ value: 'read:reports' }, { value: 'write:reports' }],
    enforce_policies: true,
    token_dialect: 'access_token_authz',
    allow_offline_access: true,
    ...options.api,
  }));
  const spa = check('spa', await t.call('POST', '/api/v2/clients', { name: 'SPA', app_type: 'spa', callbacks: [CALLBACK], allowed_logout_urls: ['http://localhost:3000'], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'none', ...options.spa }));
  const backend = check('backend', await t.call('POST', '/api/v2/clients', { name: 'Backend', app_type: 'regular_web', grant_types: ['password', 'http://auth0.com/oauth/grant-type/password-realm', 'refresh_token'], callbacks: [] }));
  const role = check('role', await t.call('POST', '/api/v2/roles', { name: 'reports-admin' }));
  check('permissions', await t.call('POST', `/api/v2/roles/${role.id}/permissions`, { permissions: [{ permission_name: 'read:reports', resource_server_identifier: API }] }));
  const email = `ada+${randomBytes(3).toString('hex')}@example.com`;
  const user = check('user', await t.call('POST', '/api/v2/users', { connection: 'Username-Password-Authentication', email, password: PASSWORD, name: 'Ada Lovelace', app_metadata: { tenant_id: 't-42' }, ...options.user }));
  check('roles', await t.call('POST', `/api/v2/users/${encodeURIComponent(String(user.user_id))}/roles`, { roles: [String(role.id)] }));
  const backendSecret = String((await t.call('GET', `/api/v2/clients/${backend.client_id}`)).body.client_secret);
  return Object.assign(t, { spaId: String(spa.client_id), backendId: String(backend.client_id), backendSecret, userId: String(user.user_id), email });
}

/** A browser: keeps the tenant's cookies and returns the raw answer of each request. */
export function browser(t: TestTenant) {
  const jar = new Map<string, string>();
  async function request(method: string, url: string, body?: URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), 'user-agent': 'claimkit-test' };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await t.handler(new Request(new URL(url, ORIGIN), { method, headers, ...(body ? { body: body.toString() } : {}) }));
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value.join('=') === '') jar.delete(name);
      else jar.set(name, value.join('='));
    }
    return res;
  }
  return { request, jar };
}

export const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export interface AuthorizeOptions {
  clientId: string;
  scope?: string;
  audience?: string;
  nonce?: string;
  state?: string;
  prompt?: string;
  organization?: string;
  challenge?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(o: AuthorizeOptions): string {
  const scope = o.scope ?? 'openid profile email';
  const q = new URLSearchParams({ client_id: o.clientId, response_type: 'code', redirect_uri: CALLBACK, scope, state: o.state ?? 'app-state' });
  if (scope.split(' ').includes('openid')) q.set('nonce', o.nonce ?? 'n-1');
  if (o.audience) q.set('audience', o.audience);
  if (o.prompt) q.set('prompt', o.prompt);
  if (o.organization) q.set('organization', o.organization);
  if (o.challenge) q.set('code_challenge', o.challenge), q.set('code_challenge_method', 'S256');
  for (const [k, v] of Object.entries(o.extra ?? {})) q.set(k, v);
  return `/authorize?${q}`;
}

/** Follows redirects on the tenant's origin until one leaves it (or a page answers). */
export async function follow(b: ReturnType<typeof browser>, start: Response): Promise<Response> {
  let res = start;
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    const location = res.headers.get('location') as string;
    const next = new URL(location, ORIGIN);
    if (next.origin !== ORIGIN) return res;
    res = await b.request('GET', next.pathname + next.search);
  }
  return res;
}

/** /authorize → the login form → the credentials → back to /authorize: the answer that leaves the tenant. */
export async function browserLogin(t: TestTenant, b: ReturnType<typeof browser>, o: AuthorizeOptions & { email: string; password?: string }): Promise<Response> {
  const form = await follow(b, await b.request('GET', authorizeUrl(o)));
  if (form.status !== 200) return form;
  const state = /name="state" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!state) throw new Error('no login form');
  const posted = await b.request('POST', `/u/login?state=${state}`, new URLSearchParams({ state, username: o.email, password: o.password ?? PASSWORD }));
  return follow(b, posted);
}

export async function tokenCall(t: TestTenant, params: Record<string, string>): Promise<{ status: number; body: Json; headers: Headers }> {
  return t.call('POST', '/oauth/token', new URLSearchParams(params).toString(), { token: null, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}
