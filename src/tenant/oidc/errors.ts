import type { KoaContextWithOIDC } from 'oidc-provider';
import type { errors as ProviderErrors } from 'oidc-provider';
import { LoginError } from '../login/errors.ts';

// The provider's errors in Auth0's words. Both use OAuth's `{ error, error_description }`; Auth0
// phrases some differently and answers 401/403 where the provider answers 400 (Authentication API,
// "Get Token" errors). The provider reports why a grant failed (`error_detail`) to the operator only,
// through its `grant.error` event: that detail picks Auth0's wording here.

type ErrorsModule = typeof ProviderErrors;

/** A login refusal as an error the provider sends to the client (a redirect on /authorize). */
export function providerError(errors: ErrorsModule, err: LoginError): Error {
  const out = new errors.CustomOIDCProviderError(err.error, err.description) as Error & { status: number; statusCode: number };
  out.status = err.status;
  out.statusCode = err.status;
  return out;
}

export const isLoginError = (err: unknown): err is LoginError => err instanceof LoginError;

interface GrantFailure {
  error?: string;
  error_detail?: string;
}

const failures = new WeakMap<object, GrantFailure>();

/** The provider's `grant.error` listener: remembers what went wrong for the wording below. */
export const rememberGrantFailure = (ctx: object, err: GrantFailure): void => void failures.set(ctx, err);

interface TokenErrorBody {
  error: string;
  error_description?: string;
}

/** oidc-provider's description of every invalid_grant it raises (the reason is in error_detail). */
const PROVIDER_INVALID_GRANT = 'grant request is invalid';

const UNAUTHORIZED = { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
const notAllowed = (grantType: string | undefined) => ({ status: 403, body: { error: 'unauthorized_client', error_description: `Grant type '${grantType}' not allowed for the client.` } });

/** Auth0's status and wording for a failed token request, given the grant and the provider's reason. */
export function auth0TokenError(body: TokenErrorBody, grantType: string | undefined, detail: string | undefined): { status: number; body: TokenErrorBody } | undefined {
  switch (body.error) {
    case 'invalid_client':
      return UNAUTHORIZED;
    case 'invalid_request':
      // The provider's words for a grant type the client lacks (Auth0: unauthorized_client) and for a
      // request without client credentials (Auth0: access_denied, as for wrong ones).
      if (body.error_description === 'requested grant type is not allowed for this client') return notAllowed(grantType);
      if (body.error_description === 'no client authentication mechanism provided') return UNAUTHORIZED;
      return undefined;
    case 'unauthorized_client':
      return notAllowed(grantType);
    case 'invalid_grant':
      // The provider's own refusal only; a login's (Wrong email or password., user is blocked) is already Auth0's.
      if (body.error_description !== PROVIDER_INVALID_GRANT) return undefined;
      if (grantType === 'refresh_token') return { status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } };
      if (grantType === 'authorization_code') {
        if (detail?.includes('code_verifier')) return { status: 403, body: { error: 'invalid_grant', error_description: 'Failed to verify code verifier' } };
        if (detail?.includes('redirect_uri')) return { status: 403, body: { error: 'invalid_grant', error_description: 'Invalid redirect URI.' } };
        return { status: 403, body: { error: 'invalid_grant', error_description: 'Invalid authorization code' } };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Koa middleware: rewrites the token endpoint's error answers into Auth0's. */
export async function auth0Errors(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  await next();
  if (ctx.oidc?.route !== 'token' || ctx.status < 400) return;
  const body = ctx.body as TokenErrorBody | undefined;
  if (!body || typeof body.error !== 'string') return;
  const grantType = (ctx.oidc.params as { grant_type?: string } | undefined)?.grant_type;
  const mapped = auth0TokenError(body, grantType, failures.get(ctx)?.error_detail);
  if (!mapped) return;
  ctx.status = mapped.status;
  ctx.body = mapped.body;
}
