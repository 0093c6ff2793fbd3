import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import { parseFaultSpec } from './faults/spec.ts';

/**
 * Every setting of the local tenant, with its default, in one place. Each can be given as a
 * `claimkit tenant start` flag or an environment variable; flags win. `resolveSettings` validates them
 * all at start-up and names the setting that is wrong.
 */
export interface TenantSettings {
  /** Folder holding the CA, the server certificate, the signing key and the tenant's data. */
  stateDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** How long a new or changed Action stays pending/building before it is built (or failed). */
  buildDelayMs: number;
  /** Largest request body accepted; larger ones get 413. */
  bodyLimitBytes: number;
  /**
   * Idle keep-alive sockets stay open this long. Node's 5 s default makes the auth0 SDK fail with
   * "fetch failed" after a client paused (auth0-facts §4, keep-alive pitfall): keep it ≥ 60 s.
   */
  keepAliveTimeoutMs: number;
  /** Must exceed keepAliveTimeoutMs (Node closes sockets whose next request headers are late). */
  headersTimeoutMs: number;
  /** Lifetime of the Management API tokens /oauth/token issues (Auth0's default: 24 h). */
  tokenLifetimeSeconds: number;
  /** Fault injection spec (see src/tenant/faults/spec.ts); empty: no faults. */
  faults: string;
}

export const TENANT_DEFAULTS = {
  stateDir: '.claimkit/tenant',
  port: 4433,
  buildDelayMs: 1000,
  bodyLimitBytes: 1024 * 1024,
  keepAliveTimeoutMs: 65_000,
  headersTimeoutMs: 66_000,
  tokenLifetimeSeconds: 86_400,
  faults: '',
} as const satisfies Omit<TenantSettings, 'stateDir'> & { stateDir: string };

/** The environment variable read for each setting (flags take precedence). */
export const TENANT_ENV = {
  stateDir: 'CLAIMKIT_TENANT_STATE',
  port: 'CLAIMKIT_TENANT_PORT',
  buildDelayMs: 'CLAIMKIT_TENANT_BUILD_DELAY_MS',
  faults: 'CLAIMKIT_TENANT_FAULTS',
} as const;

export type SettingsInput = { [K in keyof TenantSettings]?: TenantSettings[K] | string | undefined };

function integer(name: keyof TenantSettings, value: unknown, min: number, max: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new ClaimkitError('ERR_TENANT_CONFIG_INVALID', `Tenant setting "${name}" must be an integer from ${min} to ${max}; got ${JSON.stringify(value)}.`);
  }
  return n;
}

/** Merges flags over environment over defaults, validates, and resolves stateDir against cwd. */
export function resolveSettings(input: SettingsInput, env: Readonly<Record<string, string | undefined>>, cwd: string): TenantSettings {
  const pick = <K extends keyof TenantSettings>(key: K): unknown => {
    if (input[key] !== undefined) return input[key];
    const envName = (TENANT_ENV as Partial<Record<keyof TenantSettings, string>>)[key];
    const fromEnv = envName === undefined ? undefined : env[envName];
    return fromEnv !== undefined && fromEnv !== '' ? fromEnv : (TENANT_DEFAULTS as Record<string, unknown>)[key];
  };
  const settings: TenantSettings = {
    stateDir: path.resolve(cwd, String(pick('stateDir'))),
    port: integer('port', pick('port'), 0, 65_535),
    buildDelayMs: integer('buildDelayMs', pick('buildDelayMs'), 0, 600_000),
    bodyLimitBytes: integer('bodyLimitBytes', pick('bodyLimitBytes'), 1024, 64 * 1024 * 1024),
    keepAliveTimeoutMs: integer('keepAliveTimeoutMs', pick('keepAliveTimeoutMs'), 60_000, 3_600_000),
    headersTimeoutMs: integer('headersTimeoutMs', pick('headersTimeoutMs'), 1_000, 3_600_000),
    tokenLifetimeSeconds: integer('tokenLifetimeSeconds', pick('tokenLifetimeSeconds'), 60, 2_592_000),
    faults: String(pick('faults') ?? ''),
  };
  parseFaultSpec(settings.faults); // throws ERR_TENANT_FAULT_SPEC naming the bad rule
  if (settings.headersTimeoutMs <= settings.keepAliveTimeoutMs) {
    throw new ClaimkitError('ERR_TENANT_CONFIG_INVALID', 'Tenant setting "headersTimeoutMs" must be larger than "keepAliveTimeoutMs".');
  }
  return settings;
}
