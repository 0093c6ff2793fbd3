import { memoByString } from '../lib/memo.ts';
import { AUTH0_API_HOST_SUFFIXES, AUTH0_API_PATHS } from './names.ts';

export type TokenKind = 'id' | 'access';

/** What the claim rules need to know about one login. */
export interface TokenContext {
  /** The access token's API audience; undefined when the login asked for none (the token is opaque). */
  audience: string | undefined;
  /** Scopes granted to this login: requested, plus api.accessToken.addScope, minus removeScope. */
  scopes: ReadonlySet<string>;
  /** Hosts that serve this tenant's own APIs: its domain and custom domain. */
  tenantHosts: readonly string[];
}

/** An https audience's host (with port), host name and path, lower-cased; null for anything else. */
const httpsParts = memoByString((audience: string): { host: string; hostname: string; pathname: string } | null => {
  let url: URL;
  try {
    url = new URL(audience);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  return { host: url.host.toLowerCase(), hostname: url.hostname.toLowerCase(), pathname: url.pathname };
});

/** The path of an https audience on an Auth0 host (`*.auth0.com`, `*.auth0app.com`) or one of the tenant's own; else undefined. */
function auth0HostedPath(audience: string | undefined, tenantHosts: readonly string[]): string | undefined {
  const url = audience === undefined ? null : httpsParts(audience);
  if (url === null) return undefined;
  return tenantHosts.some((h) => h.toLowerCase() === url.host) || AUTH0_API_HOST_SUFFIXES.some((suffix) => url.hostname.endsWith(suffix)) ? url.pathname : undefined;
}

/**
 * True when the audience is one of Auth0's own APIs (Management API, /api, /mfa): https on a
 * `*.auth0.com` or `*.auth0app.com` host, as Auth0 lists them, and /userinfo is not one of them. Sources:
 * Auth0 docs "Create Custom Claims" (General restrictions) and "Migrate Custom Claims" (Restricted token
 * audience). claimkit also counts the tenant's own hosts (its custom domain): Auth0's list does not name
 * custom domains either way, and a claim kept locally that Auth0 drops is the worse mistake
 * (docs/fidelity.md).
 */
export function isAuth0ApiAudience(audience: string | undefined, tenantHosts: readonly string[]): boolean {
  const path = auth0HostedPath(audience, tenantHosts);
  return path !== undefined && AUTH0_API_PATHS.includes(path);
}

const MANAGEMENT_API_PATHS: readonly string[] = ['/api/v2', '/api/v2/'];

/** True when the audience is Auth0's Management API: `https://TENANT/api/v2/` on an Auth0 host or one of the tenant's own. */
export function isManagementApiAudience(audience: string | undefined, tenantHosts: readonly string[]): boolean {
  const path = auth0HostedPath(audience, tenantHosts);
  return path !== undefined && MANAGEMENT_API_PATHS.includes(path);
}
