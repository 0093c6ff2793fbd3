// The credentials-exchange v2 `api`, complete (docs: "Actions Triggers: credentials-exchange - API Object"
// and the @auth0/actions definitions). As for post-login, a claim value is narrowed to what a JSON token
// can carry, so a function, `undefined` or a Date fails to compile instead of vanishing at run time.
import type { CacheDeleteResult, CacheRecord, CacheSetResult, ClaimValue } from '../api.ts';

/** The OAuth errors api.access.deny takes: the token endpoint answers with it (docs, api.access.deny). */
export type AccessDeniedCode = 'invalid_scope' | 'invalid_request' | 'server_error';

export interface CredentialsExchangeApi {
  readonly access: {
    /**
     * Refuses the token: the token endpoint answers `{ error: code, error_description: reason }`. Does not
     * throw: this Action finishes, later Actions are skipped.
     */
    deny(code: AccessDeniedCode, reason?: string): CredentialsExchangeApi;
  };
  readonly accessToken: {
    /** Throws `The "scope" claim cannot be set.` for the key 'scope'. */
    setCustomClaim(key: string, value: ClaimValue): CredentialsExchangeApi;
  };
  readonly cache: {
    get(key: string): CacheRecord | undefined;
    set(key: string, value: string, options?: { ttl?: number; expires_at?: number }): CacheSetResult;
    delete(key: string): CacheDeleteResult;
  };
  /** [Early Access] The target scopes; after the Actions they are intersected with the client grant. */
  readonly transaction: {
    addTargetScope(scope: string): void;
    removeTargetScope(scope: string): void;
    setTargetScopes(scopes: string[]): void;
    clearTargetScopes(): void;
  };
}
