import os from 'node:os';
import { ActionEngine } from '../../engine/index.ts';
import { ClaimkitError } from '../../errors.ts';
import { createHandler } from '../app.ts';
import { loadOrCreateSigningKey } from '../auth/keys.ts';
import type { TenantSettings } from '../defaults.ts';
import { FaultInjector } from '../faults/injector.ts';
import { loginStats } from '../login/stats.ts';
import { serve } from '../server.ts';
import { initialData, bootstrapClient } from '../store/seed.ts';
import { TenantStore } from '../store/store.ts';
import { createTenant, type Tenant } from '../tenant.ts';
import { ensureCertificates } from '../tls/certificates.ts';
import { statePaths } from './paths.ts';
import { redactLog, registerSecrets, secretValues } from './redact.ts';
import { secureStateDir } from './secure-dir.ts';

/** How to reach a running tenant: what `tenant start` and `tenant status --json` print. */
export interface TenantInfo {
  domain: string;
  caFile: string;
  clientId: string;
  clientSecret: string;
  pid: number;
}

export interface RunningTenant {
  info: TenantInfo;
  port: number;
  tenant: Tenant;
  close(): Promise<void>;
}

export interface RunOptions {
  /** Folder whose node_modules hold Actions' declared dependencies; default: the current directory. */
  resolveFrom?: string;
  /** Errors that are bugs (answered 500), as text with every secret masked. */
  onError?: (message: string) => void;
}

/**
 * Runs a tenant in this process: certificates, signing key and data from the state folder (created on
 * first start), HTTPS on 127.0.0.1. Used by `tenant start --foreground` and by tests.
 */
export async function runTenant(settings: TenantSettings, options: RunOptions = {}): Promise<RunningTenant> {
  const paths = statePaths(settings.stateDir);
  const faults = new FaultInjector(settings.faults); // a bad spec fails here, before anything listens
  await secureStateDir(paths);
  const tls = await ensureCertificates(paths.stateDir);
  const key = await loadOrCreateSigningKey(paths.keyFile);
  const store = await TenantStore.open(paths.stateFile, () => initialData());
  const unregister = registerSecrets(() => secretValues(store.data));
  const report = (err: unknown) => options.onError?.(redactLog(err instanceof Error ? (err.stack ?? err.message) : String(err)));
  // The tenant's own engine: its Actions trust the tenant's CA, so they reach the tenant's domain over
  // HTTPS (an Action calling the Management API with the auth0 SDK, as Actions on Auth0 do).
  const engine = new ActionEngine({ trustedCaFile: tls.caFile, processesPerFlow: Math.max(1, Math.min(4, os.availableParallelism())) });
  let tenant: Tenant | undefined;
  let server;
  try {
    server = await serve(
      (port) => {
        tenant = createTenant({ store, key, domain: `127.0.0.1:${port}`, settings, faults, engine, ...(options.resolveFrom ? { resolveFrom: options.resolveFrom } : {}) });
        return createHandler(tenant, { onError: report });
      },
      { port: settings.port, cert: tls.certPem, key: tls.keyPem, bodyLimitBytes: settings.bodyLimitBytes, keepAliveTimeoutMs: settings.keepAliveTimeoutMs, headersTimeoutMs: settings.headersTimeoutMs },
    );
  } catch (cause) {
    unregister();
    await engine.close();
    const inUse = (cause as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new ClaimkitError(
      'ERR_TENANT_START_FAILED',
      inUse ? `Port ${settings.port} on 127.0.0.1 is in use: pass --port with a free port (or 0 for any).` : `The tenant could not listen: ${String(cause)}`,
      { cause },
    );
  }
  const client = bootstrapClient(store.data);
  if (!tenant || !client) throw new ClaimkitError('ERR_TENANT_STATE_INVALID', `${paths.stateFile} has no bootstrap client: run \`claimkit tenant reset\`.`);
  const running = server;
  return {
    info: { domain: tenant.domain, caFile: tls.caFile, clientId: client.client_id, clientSecret: client.client_secret, pid: process.pid },
    port: running.port,
    tenant,
    close: async () => {
      await running.close();
      await loginStats(store).flush();
      await store.flush();
      await engine.close();
      unregister();
    },
  };
}
