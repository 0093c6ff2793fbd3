import type { PostLoginApi } from '../../types/api.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import type { ClaimsConfig } from './config.ts';
import { computeClaims } from './compute.ts';

/** Applies the configured claims through `api`: the only side-effecting part of the generic Action. */
export function applyClaims(config: ClaimsConfig, event: PostLoginEvent, api: PostLoginApi): void {
  const result = computeClaims(config, event);
  for (const d of result.dropped) {
    console.warn(`claimkit: left out ${d.key} (${d.bytes} bytes) from the ${d.token}: the token would exceed ${config.max_token_bytes} bytes`);
  }
  if (result.deny !== null) {
    api.access.deny(result.deny);
    return;
  }
  for (const [key, value] of Object.entries(result.id_token)) api.idToken.setCustomClaim(key, value);
  for (const [key, value] of Object.entries(result.access_token)) api.accessToken.setCustomClaim(key, value);
}
