import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { ClaimkitError } from '../../errors.ts';
import { readIfExists, writeFileAtomic } from '../store/atomic-file.ts';

/** The tenant's token signing key: RS256, as Auth0 signs its tokens by default. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as published at /.well-known/jwks.json. */
  publicJwk: JWK;
  /** The private JWK, for the OpenID provider's key store (never served). */
  privateJwk: JWK;
}

const ALG = 'RS256';

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(pub));
  const publicJwk: JWK = { kty: pub.kty, n: pub.n, e: pub.e, kid, alg: ALG, use: 'sig' };
  const privateKey = (await importJWK({ ...jwk, alg: ALG }, ALG)) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, ALG)) as CryptoKey;
  return { kid, privateKey, publicKey, publicJwk, privateJwk: { ...jwk, kid, alg: ALG, use: 'sig' } };
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  return { ...jwk, kid: await calculateJwkThumbprint(pub), alg: ALG };
}

/** A key for in-process use (tests); nothing is written. */
export async function generateSigningKey(): Promise<SigningKey> {
  return fromPrivateJwk(await newPrivateJwk());
}

/** The key kept in `file` (a private JWK, mode 0600), created on first use. */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  const text = await readIfExists(file);
  if (text === undefined) {
    const jwk = await newPrivateJwk();
    await writeFileAtomic(file, JSON.stringify(jwk, null, 2));
    return fromPrivateJwk(jwk);
  }
  try {
    return await fromPrivateJwk(JSON.parse(text) as JWK);
  } catch (cause) {
    throw new ClaimkitError('ERR_TENANT_STATE_INVALID', `${file} does not hold a usable RS256 private JWK. Delete it to get a new signing key.`, { cause });
  }
}
