import { sharedEngine, type ActionEngine } from '../engine/index.ts';
import type { TenantSettings } from './defaults.ts';
import { TENANT_DEFAULTS } from './defaults.ts';
import type { SigningKey } from './auth/keys.ts';
import { FaultInjector } from './faults/injector.ts';
import { MANAGEMENT_AUDIENCE } from './store/model.ts';
import type { TenantStore } from './store/store.ts';

/** Everything a route needs: the data, the signing key, the settings, the clock and the origin. */
export interface Tenant {
  readonly store: TenantStore;
  readonly key: SigningKey;
  readonly settings: Pick<TenantSettings, 'buildDelayMs' | 'bodyLimitBytes' | 'tokenLifetimeSeconds'>;
  readonly faults: FaultInjector;
  /** `127.0.0.1:PORT`: the AUTH0_DOMAIN clients use. */
  readonly domain: string;
  /** The host names this origin answers to (the domain and `localhost:PORT`). */
  readonly hosts: readonly string[];
  /** The project folder: Actions' declared dependencies come from its cache, .claimkit/dependencies (filled by claimkit build). */
  readonly resolveFrom: string;
  /** Where the tenant runs Action code: builds, tests and logins. */
  readonly engine: ActionEngine;
  now(): number;
}

export interface TenantInput {
  store: TenantStore;
  key: SigningKey;
  domain: string;
  settings?: Partial<Tenant['settings']>;
  faults?: FaultInjector;
  resolveFrom?: string;
  /** Default: the process-wide engine (in-process tests); a running tenant has its own (runTenant). */
  engine?: ActionEngine;
  now?: () => number;
}

export function createTenant(input: TenantInput): Tenant {
  const port = input.domain.split(':')[1];
  return {
    store: input.store,
    key: input.key,
    settings: {
      buildDelayMs: input.settings?.buildDelayMs ?? TENANT_DEFAULTS.buildDelayMs,
      bodyLimitBytes: input.settings?.bodyLimitBytes ?? TENANT_DEFAULTS.bodyLimitBytes,
      tokenLifetimeSeconds: input.settings?.tokenLifetimeSeconds ?? TENANT_DEFAULTS.tokenLifetimeSeconds,
    },
    faults: input.faults ?? new FaultInjector(),
    domain: input.domain,
    hosts: port === undefined ? [input.domain] : [input.domain, `localhost:${port}`],
    resolveFrom: input.resolveFrom ?? process.cwd(),
    engine: input.engine ?? sharedEngine(),
    now: input.now ?? Date.now,
  };
}

export const issuerOf = (tenant: Tenant): string => `https://${tenant.domain}/`;

/** `https://HOST/api/v2/` for each host: the audience a Management API token must carry. */
export const managementAudiences = (tenant: Tenant): string[] => tenant.hosts.map((h) => `https://${h}/api/v2/`);

/** The stored audience for a requested one (the Management API's URL follows the port). */
export function storedAudience(tenant: Tenant, audience: string): string {
  return managementAudiences(tenant).includes(audience) ? MANAGEMENT_AUDIENCE : audience;
}

export const isoNow = (tenant: Tenant): string => new Date(tenant.now()).toISOString();
