import path from 'node:path';
import { tlsPaths } from '../tls/certificates.ts';

/**
 * The state folder (default .claimkit/tenant/, git-ignored), 0700, every file in it 0600 (secure-dir.ts):
 *
 *   ca.pem            the tenant's CA certificate: trust it (NODE_EXTRA_CA_CERTS)
 *   ca-key.pem        the CA's private key, to renew server.pem
 *   server.pem        server certificate for 127.0.0.1 and localhost, signed by the CA
 *   server-key.pem    its private key
 *   signing-key.json  RS256 private JWK the tenant signs tokens with
 *   state.json        the tenant's data (Actions, versions, bindings, roles, APIs, clients, users),
 *                     replaced atomically on every acknowledged write
 *   tenant.pid        pid of the running tenant; absent when stopped
 *   tenant.lock       pid of the tenant that owns the folder, taken before it listens: one per folder
 *   tenant.json       how to reach the running tenant: domain, caFile, clientId, clientSecret, pid…
 *   tenant.log        output of a tenant started in the background, secrets masked (redact.ts)
 */
export function statePaths(stateDir: string) {
  return {
    stateDir,
    ...tlsPaths(stateDir),
    stateFile: path.join(stateDir, 'state.json'),
    keyFile: path.join(stateDir, 'signing-key.json'),
    pidFile: path.join(stateDir, 'tenant.pid'),
    lockFile: path.join(stateDir, 'tenant.lock'),
    infoFile: path.join(stateDir, 'tenant.json'),
    logFile: path.join(stateDir, 'tenant.log'),
  };
}

export type StatePaths = ReturnType<typeof statePaths>;
