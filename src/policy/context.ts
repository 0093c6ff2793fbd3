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

/**
 * True when the audience is one of Auth0's own APIs (Management API, /api, /mfa): https on a
 * `*.auth0.com` or `*.auth0app.com` host, as Auth0 lists them, and /userinfo is not one of them. Sources:
 * Auth0 docs "Create Custom Claims" (General restrictions) and "Migrate Custom Claims" (Restricted token
 * audience). claimkit also counts the tenant's own hosts (its custom domain): Auth0's list does not name
 * custom domains either way, and a claim kept locally that Auth0 drops is the worse mistake
 * (docs/fidelity.md).
 */
export function isAuth0ApiAudience(audience: string | undefined, tenantHosts: readonly string[]): boolean {
  if (audience === undefined) return false;
  const api = auth0ApiHosts(audience);
  if (api === null) return false;
  return api.auth0 || tenantHosts.some((h) => h.toLowerCase() === api.host);
}

/** For an audience of the shape of Auth0's APIs (https, an API path): its host, and whether it is Auth0's. */
const auth0ApiHosts = memoByString((audience: string): { host: string; auth0: boolean } | null => {
  let url: URL;
  try {
    url = new URL(audience);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !AUTH0_API_PATHS.includes(url.pathname)) return null;
  const hostname = url.hostname.toLowerCase();
  return { host: url.host.toLowerCase(), auth0: AUTH0_API_HOST_SUFFIXES.some((suffix) => hostname.endsWith(suffix)) };
});
