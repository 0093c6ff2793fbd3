import { ClaimkitError } from '../../errors.ts';
import type { EncodeTokenOptions, ValidateTokenOptions } from '../../types/api.ts';
import { isPlainObject } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { typeName, isFiniteNumber } from './checks.ts';
import { invalidArgument } from './errors.ts';
import { signHs256, verifyHs256 } from './jwt-hs256.ts';

// Defaults of @auth0/actions RedirectAPI: tokens live 15 minutes and come back as `session_token`.
const DEFAULT_EXPIRES_IN_SECONDS = 15 * 60;
const DEFAULT_TOKEN_PARAMETER = 'session_token';

/** Options as they are recorded in the call log: the shared secret never reaches `claimkit run --json`. */
export function withoutSecret(options: unknown): unknown {
  return isPlainObject(options) && options['secret'] !== undefined ? { ...options, secret: '[redacted]' } : options;
}

function checkSecret(options: unknown, method: string): void {
  if (!isPlainObject(options)) throw invalidArgument(`redirect.${method} needs an options object, got ${typeName(options)}.`);
  const secret = options['secret'];
  if (typeof secret !== 'string' || secret.length === 0) throw invalidArgument(`redirect.${method} needs options.secret, a non-empty string (keep it in event.secrets).`);
}

/** The JWT Auth0 makes: iat, iss (request hostname), sub (user id), exp, ip, then the payload over them. */
export function encodeToken(ctx: ActionContext, options: EncodeTokenOptions): string {
  checkSecret(options, 'encodeToken');
  if (!isPlainObject(options.payload)) throw invalidArgument(`redirect.encodeToken needs options.payload, an object; got ${typeName(options.payload)}.`);
  const expiresIn = options.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS;
  if (!isFiniteNumber(expiresIn)) throw invalidArgument('redirect.encodeToken: expiresInSeconds must be a finite number.');
  const iat = Math.floor(ctx.flow.options.now() / 1000);
  const claims = {
    iat,
    iss: ctx.event.request.hostname,
    sub: ctx.event.user.user_id,
    exp: iat + expiresIn,
    ip: ctx.event.request.ip,
    ...options.payload,
  };
  return signHs256(claims, options.secret);
}

function invalid(reason: string): ClaimkitError {
  return new ClaimkitError('ERR_REDIRECT_TOKEN_INVALID', `The session token is invalid: ${reason}.`);
}

/**
 * Reads the token the redirect target sent back to /continue (query or POST body, the body winning as
 * in the runtime) and checks signature, expiry, issuer, subject and the transaction's state.
 */
export function validateToken(ctx: ActionContext, options: ValidateTokenOptions): Record<string, unknown> {
  checkSecret(options, 'validateToken');
  const name = options.tokenParameterName || DEFAULT_TOKEN_PARAMETER;
  const params: Record<string, unknown> = { ...ctx.event.request.query, ...ctx.event.request.body };
  const token = params[name];
  if (!token) {
    throw new ClaimkitError('ERR_REDIRECT_TOKEN_INVALID', `There is no parameter called '${name}' in the /continue query string or POST body.`);
  }
  if (typeof token !== 'string') throw invalid(`the '${name}' parameter is not a string`);
  const verified = verifyHs256(token, options.secret);
  if (!verified.ok) throw invalid(verified.reason);
  const { claims } = verified;
  const now = Math.floor(ctx.flow.options.now() / 1000);
  if (!isFiniteNumber(claims['exp']) || now >= claims['exp']) throw invalid('it has expired (exp)');
  if (claims['iss'] !== ctx.event.request.hostname) throw invalid(`its issuer is not ${ctx.event.request.hostname ?? 'the request hostname'}`);
  if (claims['sub'] !== ctx.event.user.user_id) throw invalid('its subject is not the user logging in');
  const state = params['state'];
  if (typeof state !== 'string' || claims['state'] !== state) throw invalid("its state does not match the /continue request's state");
  return claims;
}
