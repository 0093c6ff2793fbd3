import type { CredentialsExchangeApi } from '../../types/credentials-exchange/api.ts';
import type { CredentialsExchangeEvent } from '../../types/credentials-exchange/event.ts';
import type { ClaimsConfig } from './config.ts';
import { computeMachineClaims } from './machine.ts';

/** Applies claims.yaml's machine claims through `api`: the only side-effecting part of the generic credentials-exchange Action. */
export function applyMachineClaims(config: ClaimsConfig, event: CredentialsExchangeEvent, api: CredentialsExchangeApi): void {
  const result = computeMachineClaims(config, event);
  for (const d of result.dropped) {
    console.warn(`claimkit: left out ${d.key} (${d.bytes} bytes) from the access token: it would exceed ${config.max_token_bytes} bytes`);
  }
  if (result.deny !== null) {
    // The request is fine; what it would get does not fit: a server-side problem for the client.
    api.access.deny('server_error', result.deny);
    return;
  }
  for (const [key, value] of Object.entries(result.access_token)) api.accessToken.setCustomClaim(key, value);
}
