import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiError } from '../http/errors.ts';
import type { ClaimValue } from '../../types/api.ts';
import type { SigningKey } from './keys.ts';

/** The claims of an access token this tenant issues for the client-credentials grant. */
export interface AccessClaims {
  iss: string;
  sub: string;
  aud: string;
  azp: string;
  scope: string;
  gty: string;
  iat: number;
  exp: number;
}

export interface IssueInput {
  issuer: string;
  audience: string;
  clientId: string;
  scope: readonly string[];
  /** Custom claims (the credentials-exchange Actions'), already filtered by Auth0's rules; never the registered ones. */
  claims?: Readonly<Record<string, ClaimValue>>;
  lifetimeSeconds: number;
  now: number;
}

/** Signs an access token shaped like Auth0's machine-to-machine tokens (`sub` = `<client_id>@clients`). */
export async function issueAccessToken(key: SigningKey, input: IssueInput): Promise<string> {
  const iat = Math.floor(input.now / 1000);
  return new SignJWT({ ...input.claims, scope: input.scope.join(' '), gty: 'client-credentials', azp: input.clientId })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuer(input.issuer)
    .setSubject(`${input.clientId}@clients`)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + input.lifetimeSeconds)
    .sign(key.privateKey);
}

const unauthorized = (message: string) => new ApiError(401, message, { headers: { 'www-authenticate': 'Bearer' } });

export interface VerifyInput {
  /** The tenant's issuer, `https://DOMAIN/`. */
  issuer: string;
  /** Accepted audiences (one must be in `aud`). */
  audiences: readonly string[];
  now: number;
}

/** Claims every token this tenant issues carries; a token without one of them was not issued here. */
const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'iat', 'exp'];

/**
 * Verifies a bearer token: this tenant's key, its issuer, one of `audiences`, not expired, and every
 * claim it issues present (a token with no `exp` would never expire). Failures are 401s worded like
 * the Management API's.
 */
export async function verifyAccessToken(key: SigningKey, token: string, input: VerifyInput): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ['RS256'],
      issuer: input.issuer,
      audience: [...input.audiences],
      requiredClaims: REQUIRED_CLAIMS,
      currentDate: new Date(input.now),
    });
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const match = aud.find((a): a is string => typeof a === 'string' && input.audiences.includes(a)) as string;
    return {
      iss: String(payload.iss),
      sub: String(payload.sub),
      aud: match,
      azp: String(payload['azp'] ?? ''),
      scope: typeof payload['scope'] === 'string' ? payload['scope'] : '',
      gty: String(payload['gty'] ?? ''),
      iat: payload.iat as number,
      exp: payload.exp as number,
    };
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw unauthorized('Expired token received for JSON Web Token validation');
    if (err instanceof errors.JWSSignatureVerificationFailed) throw unauthorized('Invalid signature received for JSON Web Token validation');
    if (err instanceof errors.JWTClaimValidationFailed) {
      if (err.claim === 'aud' && err.reason === 'check_failed') throw unauthorized(`Bad audience: ${[err.payload.aud ?? []].flat().join(' ')}`);
      if (err.claim === 'iss' && err.reason === 'check_failed') throw unauthorized(`Bad issuer: ${String(err.payload.iss)}`);
      throw unauthorized(`Invalid token: the "${err.claim}" claim is ${err.reason === 'missing' ? 'missing' : 'invalid'}`);
    }
    throw unauthorized('Invalid token');
  }
}
