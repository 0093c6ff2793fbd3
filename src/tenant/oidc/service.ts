import { randomBytes } from 'node:crypto';
import type { Provider } from 'oidc-provider';
import type { EngineAction } from '../../engine/index.ts';
import type { FlowSnapshot } from '../../harness/snapshot.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import { Executions } from '../login/executions.ts';
import type { TokenPlan } from '../login/tokens.ts';
import type { Tenant } from '../tenant.ts';
import { Artifacts } from './artifacts.ts';
import { providerBridge, type ProviderCall } from './bridge.ts';

// The Authentication API's state for one tenant: the OpenID provider (oidc-provider, loaded on first
// use), its artifacts, the post-login executions, and the logins an Action sent elsewhere.

/** A login an Action redirected: what /continue needs to resume it. */
export interface PendingLogin {
  /** The provider's interaction that waits for the flow's outcome. */
  uid: string;
  paused: FlowSnapshot;
  actions: readonly EngineAction[];
  event: PostLoginEvent;
  userId: string;
  clientId: string;
  organizationId: string | undefined;
  audience: string | undefined;
  requestedScopes: string[];
  grantId: string;
  executionId: string;
  counts: boolean;
  expiresAt: number;
}

/** What the provider's configuration functions work with. */
export interface AuthState {
  readonly tenant: Tenant;
  readonly artifacts: Artifacts;
  readonly executions: Executions;
  /** Paused logins by the `state` Auth0 adds to the redirect. */
  readonly pending: Map<string, PendingLogin>;
}

export interface AuthService extends AuthState {
  readonly provider: Provider;
  /** Hands a request to the provider; `body` replaces the request's own (already read) body. */
  readonly call: ProviderCall;
}

/** How long a redirected login may take to come back to /continue (Auth0: the login transaction's life). */
export const PENDING_TTL_MS = 60 * 60 * 1000;

const plans = new WeakMap<object, TokenPlan>();

/** The token plan decided during this request (a refresh or a password grant), read when its tokens are shaped. */
export const setRequestPlan = (ctx: object, plan: TokenPlan): void => void plans.set(ctx, plan);
export const requestPlan = (ctx: object | undefined): TokenPlan | undefined => (ctx ? plans.get(ctx) : undefined);

const services = new WeakMap<Tenant, Promise<AuthService>>();

/**
 * oidc-provider 9 prints a one-line notice on Node 20 (it supports Node 22 LTS and later). claimkit
 * supports Node 20.19+ and tests the provider there, so that one notice is left out (README, Runtime
 * dependencies); every other warning is kept.
 */
async function loadProviderModule(): Promise<typeof import('oidc-provider')> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].includes('Unsupported runtime'))) warn(...args);
  };
  try {
    return await import('oidc-provider');
  } finally {
    console.warn = warn;
  }
}

async function create(tenant: Tenant): Promise<AuthService> {
  const oidc = await loadProviderModule();
  const { buildProvider } = await import('./provider.ts');
  const state: AuthState = { tenant, artifacts: new Artifacts(), executions: new Executions(), pending: new Map() };
  // Cookie signing keys live as long as the provider's artifacts: in memory.
  const provider = buildProvider(oidc, state, randomBytes(32).toString('base64url'));
  return { ...state, provider, call: providerBridge(provider.callback()) };
}

/** The tenant's Authentication API state, created on first use. */
export function authService(tenant: Tenant): Promise<AuthService> {
  let service = services.get(tenant);
  if (!service) {
    service = create(tenant);
    services.set(tenant, service);
  }
  return service;
}
