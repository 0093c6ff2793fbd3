import { createHandler, type Handler } from '../../src/tenant/app.ts';
import { generateSigningKey, type SigningKey } from '../../src/tenant/auth/keys.ts';
import { issueAccessToken } from '../../src/tenant/auth/tokens.ts';
import { FaultInjector } from '../../src/tenant/faults/injector.ts';
import { ALL_MANAGEMENT_SCOPES } from '../../src/tenant/management/scopes.ts';
import { initialData } from '../../src/tenant/store/seed.ts';
import { TenantStore } from '../../src/tenant/store/store.ts';
import { createTenant, type Tenant } from '../../src/tenant/tenant.ts';

export const DOMAIN = '127.0.0.1:4433';
export const ORIGIN = `https://${DOMAIN}`;
export const AUDIENCE = `${ORIGIN}/api/v2/`;

let sharedKey: Promise<SigningKey> | undefined;
/** One RSA key for all in-process tests (generating one takes a moment). */
export const testKey = (): Promise<SigningKey> => (sharedKey ??= generateSigningKey());

/** A parsed JSON answer, navigable without casts in assertions (`body.actions[0].id`). */
export interface Json {
  readonly [key: string]: Json;
}

export interface TestTenant {
  tenant: Tenant;
  handler: Handler;
  clock: { now: number };
  token(scopes?: readonly string[]): Promise<string>;
  /** Sends a request with a full-scope token (or `token: null` for none); parses JSON answers. */
  call(method: string, path: string, body?: unknown, options?: { token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; body: Json; headers: Headers }>;
}

export async function testTenant(options: { buildDelayMs?: number; faults?: string; bodyLimitBytes?: number; resolveFrom?: string; store?: TenantStore; now?: number } = {}): Promise<TestTenant> {
  const key = await testKey();
  const clock = { now: options.now ?? Date.parse('2026-01-01T00:00:00Z') };
  const tenant = createTenant({
    store: options.store ?? TenantStore.memory(initialData()),
    key,
    domain: DOMAIN,
    settings: { buildDelayMs: options.buildDelayMs ?? 1000, ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}) },
    faults: new FaultInjector(options.faults ?? ''),
    now: () => clock.now,
    ...(options.resolveFrom ? { resolveFrom: options.resolveFrom } : {}),
  });
  const handler = createHandler(tenant, { onError: (err) => { throw err; } });
  const token = (scopes: readonly string[] = ALL_MANAGEMENT_SCOPES) =>
    issueAccessToken(key, { issuer: `${ORIGIN}/`, audience: AUDIENCE, clientId: 'test-client', scope: scopes, lifetimeSeconds: 3600, now: clock.now });
  const full = await token();
  const call: TestTenant['call'] = async (method, path, body, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const bearer = opts.token === undefined ? full : opts.token;
    if (bearer !== null) headers['authorization'] = `Bearer ${bearer}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await handler(new Request(`${ORIGIN}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) }));
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as Json, headers: res.headers };
  };
  return { tenant, handler, clock, token, call };
}

export const ACTION_CODE = `exports.onExecutePostLogin = async (event, api) => {
  console.log('hello', event.user.email);
  api.idToken.setCustomClaim('https://example.com/roles', event.authorization.roles);
  api.accessToken.setCustomClaim('https://example.com/secret', event.secrets.API_KEY);
};`;

export const postLoginAction = (name: string, code = ACTION_CODE) => ({
  name,
  code,
  runtime: 'node22',
  dependencies: [],
  secrets: [{ name: 'API_KEY', value: 's3cr3t' }],
  supported_triggers: [{ id: 'post-login', version: 'v3' }],
});
