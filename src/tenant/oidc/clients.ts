import type { AdapterPayload } from 'oidc-provider';
import type { StoredClient } from '../store/model.ts';

// An Auth0 application as the provider sees it: callbacks are its redirect URIs, its grant types are
// the ones the provider implements, and a client with a secret authenticates with it in the body
// (the bridge turns HTTP Basic into body parameters: Auth0 takes either).

/** Grant types the provider serves; client_credentials stays with the tenant's own /oauth/token step. */
export const PROVIDER_GRANTS = ['authorization_code', 'refresh_token', 'password', 'http://auth0.com/oauth/grant-type/password-realm'] as const;

/** The client's grant types; Auth0's default for a client created without any. */
export function grantTypesOf(client: StoredClient): string[] {
  const grants = client['grant_types'];
  return Array.isArray(grants) ? grants.filter((g): g is string => typeof g === 'string') : ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'];
}

/** Absolute http(s) or custom-scheme URLs without wildcards (Auth0's `*.` subdomain callbacks have no OIDC equivalent). */
function usableUrls(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((u): u is string => {
    if (typeof u !== 'string' || u.includes('*')) return false;
    try {
      return new URL(u).hash === '';
    } catch {
      return false;
    }
  });
}

export const isPublicClient = (client: StoredClient): boolean => client['token_endpoint_auth_method'] === 'none';

export function clientMetadata(client: StoredClient): AdapterPayload {
  const grants = grantTypesOf(client).filter((g) => (PROVIDER_GRANTS as readonly string[]).includes(g));
  const redirectUris = usableUrls(client['callbacks']);
  const browser = grants.includes('authorization_code') && redirectUris.length > 0;
  const metadata: AdapterPayload = {
    client_id: client.client_id,
    client_name: client.name,
    application_type: client['app_type'] === 'native' ? 'native' : 'web',
    grant_types: browser ? grants : grants.filter((g) => g !== 'authorization_code'),
    response_types: browser ? ['code'] : [],
    redirect_uris: browser ? redirectUris : [],
    token_endpoint_auth_method: isPublicClient(client) ? 'none' : 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
  };
  if (!isPublicClient(client)) metadata.client_secret = client.client_secret;
  return metadata;
}
