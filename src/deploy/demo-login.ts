import type { ManagementClient } from 'auth0';
import type { ClaimFinding } from '../policy/index.ts';
import type { ClaimRule } from '../runtime/claims/config.ts';
import { httpClient } from '../tokens/http.ts';
import { inspectToken, type Inspection } from '../tokens/inspect.ts';
import { loginUser } from '../tokens/login.ts';
import type { DesiredTenant } from './desired.ts';
import { ensureDemoUser, rememberDemoLogin, type DemoUser } from './demo-user.ts';
import type { Target } from './target.ts';

// The deploy's last step on the local tenant: log the demo user in through an application of
// tenant.yaml, for its first API, and show the claims the deployed Actions put into the real tokens.

const PASSWORD_REALM = 'http://auth0.com/oauth/grant-type/password-realm';

export interface DemoLogin {
  user: Pick<DemoUser, 'email' | 'status' | 'roles' | 'app_metadata' | 'user_metadata'>;
  client: string;
  flow: 'password-realm' | 'authorization_code';
  audience: string | undefined;
  scope: string;
  idToken: Inspection | null;
  accessToken: Inspection;
  /** Claims the Actions set that Auth0 leaves out (from the tenant's execution record). */
  dropped: ClaimFinding[];
  executionId: string | undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The first application of tenant.yaml that can log a user in on the local tenant, or undefined. */
export function demoClient(desired: DesiredTenant): string | undefined {
  const found = (desired.sections.clients ?? []).find((c) => {
    const grants = strings(c['grant_types']);
    return grants.includes(PASSWORD_REALM) || grants.includes('password') || (grants.includes('authorization_code') && strings(c['callbacks']).length > 0);
  });
  return typeof found?.['name'] === 'string' ? found['name'] : undefined;
}

/** The first API of tenant.yaml and the scopes to ask for: OIDC's and all the API defines. */
export function demoAudience(desired: DesiredTenant): { audience: string | undefined; scope: string } {
  const api = (desired.sections.resourceServers ?? [])[0];
  const audience = typeof api?.['identifier'] === 'string' ? api['identifier'] : undefined;
  const scopes = Array.isArray(api?.['scopes']) ? (api['scopes'] as Array<Record<string, unknown>>).map((s) => s['value']).filter((v): v is string => typeof v === 'string') : [];
  return { audience, scope: ['openid', 'profile', 'email', ...scopes].join(' ') };
}

export async function demoLogin(mgmt: ManagementClient, target: Target & { stateDir: string }, desired: DesiredTenant, claims: readonly ClaimRule[], client: string): Promise<DemoLogin> {
  const roles = (desired.sections.roles ?? []).map((r) => r['name']).filter((n): n is string => typeof n === 'string');
  const user = await ensureDemoUser(mgmt, target.stateDir, roles, claims);
  const { audience, scope } = demoAudience(desired);
  const http = httpClient(target.ca);
  try {
    const login = await loginUser(http, {
      domain: target.domain,
      local: true,
      management: { clientId: target.clientId, clientSecret: target.clientSecret },
      client,
      user: user.email,
      password: user.password,
      scope,
      ...(audience ? { audience } : {}),
    });
    await rememberDemoLogin(target.stateDir, { client, scope, ...(audience ? { audience } : {}) });
    const inspect = (token: string, expected: string | undefined) => inspectToken(token, { domain: target.domain, http, ...(expected ? { audience: expected } : {}) });
    let dropped: ClaimFinding[] = [];
    if (login.executionId) {
      const res = await http.request(`https://${target.domain}/api/v2/actions/executions/${encodeURIComponent(login.executionId)}`, { headers: { authorization: `Bearer ${login.managementToken}` } });
      if (res.status === 200) dropped = (JSON.parse(res.text) as { claimkit?: { dropped?: ClaimFinding[] } }).claimkit?.dropped ?? [];
    }
    return {
      user: { email: user.email, status: user.status, roles: user.roles, app_metadata: user.app_metadata, user_metadata: user.user_metadata },
      client,
      flow: login.flow,
      audience,
      scope,
      idToken: login.tokens.id_token ? await inspect(login.tokens.id_token, login.client.id) : null,
      accessToken: await inspect(login.tokens.access_token, audience),
      dropped,
      executionId: login.executionId,
    };
  } finally {
    await http.close();
  }
}
