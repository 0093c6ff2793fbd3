// The post-login v3 `api`, complete (docs: actions/reference/post-login/post-login-api-object and the
// @auth0/actions definitions). Where Auth0 accepts `unknown` for a claim value we narrow it to what a
// JSON token can carry, so that a function, `undefined` or a Date fails to compile instead of
// vanishing from the token at login.

/** A value that survives JSON serialisation into a token unchanged. */
export type ClaimValue = string | number | boolean | null | readonly ClaimValue[] | { readonly [key: string]: ClaimValue };

export type FactorSelector =
  | { type: 'otp' | 'email' | 'webauthn-platform' | 'webauthn-roaming' | 'recovery-code'; options?: Record<string, unknown> }
  | { type: 'phone'; options?: { preferredMethod?: 'sms' | 'voice' | 'both' } }
  | { type: 'push' | 'push-notification'; options?: { otpFallback?: boolean } };

export type EnrollmentFactorSelector =
  | { type: 'otp' | 'webauthn-platform' | 'webauthn-roaming' | 'push' | 'push-notification' | 'recovery-code'; options?: Record<string, unknown> }
  | { type: 'phone'; options?: { preferredMethod?: 'sms' | 'voice' | 'both' } };

export type MultifactorProvider = 'none' | 'guardian' | 'google-authenticator' | 'duo' | 'any';

export interface MultifactorOptions {
  allowRememberBrowser?: boolean;
  /** Duo only. */
  providerOptions?: { host: string; ikey: string; skey: string; username?: string };
}

export type CacheWriteErrorCode =
  | 'MaxSideEffectsExceeded'
  | 'CacheKeySizeExceeded'
  | 'CacheValueSizeExceeded'
  | 'CacheSizeExceeded'
  | 'ItemAlreadyExpired'
  | 'InvalidExpiry'
  | 'FailedToSetCacheRecord'
  | 'FailedToDeleteCacheRecord'
  | 'CacheKeyDoesNotExist';

export interface CacheRecord {
  value: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

export type CacheSetResult = { type: 'success'; record: CacheRecord } | { type: 'error'; code: CacheWriteErrorCode };
export type CacheDeleteResult = { type: 'success' } | { type: 'error'; code: CacheWriteErrorCode };

export type SamlAttributeValue = string | number | boolean | null | Array<string | number | boolean>;

export interface UserGroup {
  id: string;
  name: string;
  external_id?: string;
  connection_id?: string;
  tenant_name: string;
  created_at: string;
  updated_at: string;
  membership_created_at: string;
  assignment: string;
}

export interface EffectiveRole {
  id: string;
  name: string;
  type: string;
}

export interface EncodeTokenOptions {
  secret: string;
  payload: Record<string, unknown>;
  /** Default 900. */
  expiresInSeconds?: number;
}

export interface ValidateTokenOptions {
  secret: string;
  /** Default 'session_token'. */
  tokenParameterName?: string;
}

export interface PostLoginApi {
  access: {
    /** Does not throw: this Action finishes, later Actions are skipped, no tokens are issued. */
    deny(reason: string): PostLoginApi;
  };
  accessToken: {
    /** Throws `The "scope" claim cannot be set.` for the key 'scope'. */
    setCustomClaim(key: string, value: ClaimValue): PostLoginApi;
    addScope(scope: string): void;
    removeScope(scope: string): void;
  };
  idToken: {
    setCustomClaim(key: string, value: ClaimValue): PostLoginApi;
  };
  authentication: {
    challengeWith(factor: FactorSelector, options?: { additionalFactors?: FactorSelector[] }): void;
    challengeWithAny(factors: FactorSelector[]): void;
    enrollWith(factor: EnrollmentFactorSelector, options?: { additionalFactors?: EnrollmentFactorSelector[] }): void;
    enrollWithAny(factors: EnrollmentFactorSelector[]): void;
    /** Only in onContinuePostLogin; an http(s) URL. */
    recordMethod(providerUrl: string): PostLoginApi;
    /** Once per transaction; 1–128 characters. */
    setPrimaryUser(primaryUserId: string): void;
  };
  multifactor: {
    enable(provider: MultifactorProvider, options?: MultifactorOptions): PostLoginApi;
  };
  redirect: {
    sendUserTo(url: string, options?: { query?: Record<string, string> }): PostLoginApi;
    encodeToken(options: EncodeTokenOptions): string;
    validateToken(options: ValidateTokenOptions): Record<string, unknown>;
    /** @deprecated Auth0 deprecated it; still callable. */
    canRedirect(): boolean;
  };
  user: {
    /** `null` deletes the key. Written once after the flow; later Actions see it in event.user. */
    setAppMetadata(key: string, value: unknown): PostLoginApi;
    setUserMetadata(key: string, value: unknown): PostLoginApi;
  };
  cache: {
    get(key: string): CacheRecord | undefined;
    set(key: string, value: string, options?: { ttl?: number; expires_at?: number }): CacheSetResult;
    delete(key: string): CacheDeleteResult;
  };
  samlResponse: {
    setAttribute(attribute: string, value: SamlAttributeValue | undefined): void;
    setAudience(audience: string): void;
    setRecipient(recipient: string): void;
    setDestination(destination: string): void;
    setIssuer(issuer: string): void;
    setRelayState(relayState: string): void;
    setCreateUpnClaim(createUpnClaim: boolean): void;
    setPassthroughClaimsWithNoMapping(passthrough: boolean): void;
    setMapUnknownClaimsAsIs(mapUnknown: boolean): void;
    setMapIdentities(mapIdentities: boolean): void;
    setSignResponse(signResponse: boolean): void;
    setLifetimeInSeconds(lifetimeInSeconds: number): void;
    setNameIdentifierFormat(format: string): void;
    setNameIdentifierProbes(probes: string[]): void;
    setAuthnContextClassRef(classRef: string): void;
    setSigningCert(cert: string): void;
    setIncludeAttributeNameFormat(include: boolean): void;
    setTypedAttributes(typed: boolean): void;
    setEncryptionCert(cert: string): void;
    setEncryptionPublicKey(key: string): void;
    setCert(cert: string): void;
    setKey(key: string): void;
    setSignatureAlgorithm(algorithm: 'rsa-sha256' | 'rsa-sha1'): void;
    setDigestAlgorithm(algorithm: 'sha256' | 'sha1'): void;
    setEncryptionAlgorithm(algorithm: 'aes256-gcm' | 'aes256-cbc'): void;
  };
  validation: {
    error(errorCode: string, errorMessage: string): PostLoginApi;
  };
  rules: {
    wasExecuted(ruleId: string): boolean;
  };
  prompt: {
    /** At most once per Action; not with sendUserTo; options at most 24 KiB as JSON. */
    render(promptId: string, promptOptions?: { fields?: Record<string, unknown>; vars?: Record<string, unknown> }): void;
  };
  /** Enterprise. */
  refreshToken: {
    revoke(reason: string): void;
    setExpiresAt(absoluteMs: number): void;
    setIdleExpiresAt(idleMs: number): void;
    setMetadata(key: string, value: string | null): void;
    deleteMetadata(key: string): void;
    evictMetadata(): void;
  };
  /** Enterprise. */
  session: {
    revoke(reason: string, options?: { preserveRefreshTokens?: boolean }): void;
    setExpiresAt(absoluteMs: number): void;
    setIdleExpiresAt(idleMs: number): void;
    setCookieMode(mode: 'persistent' | 'non-persistent'): void;
    setMetadata(key: string, value: string | null): void;
    deleteMetadata(key: string): void;
    evictMetadata(): void;
  };
  transaction: {
    setMetadata(key: string, value: string | number | boolean | null): void;
    addTargetScope(scope: string): void;
    removeTargetScope(scope: string): void;
    setTargetScopes(scopes: string[]): void;
    clearTargetScopes(): void;
  };
  groups: {
    getUserGroups(params?: { take?: number; from?: string }): Promise<{ groups: UserGroup[]; next?: string }>;
    hasGroupMembership(groups: string[]): Promise<{
      memberships: Record<string, { is_member: boolean; matches?: Array<{ id: string; name: string; group_type: string }> }>;
      errors?: Record<string, string>;
    }>;
  };
  roles: {
    getUserEffectiveRoles(params?: { take?: number; from?: string }): Promise<{ roles: EffectiveRole[]; next?: string }>;
    getUserEffectiveRolesByIds(ids: string[]): Promise<{ roles: EffectiveRole[] }>;
    getUserEffectiveRolesByNames(names: string[]): Promise<{ roles: EffectiveRole[] }>;
  };
}
