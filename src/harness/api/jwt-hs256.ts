import { createHmac, timingSafeEqual } from 'node:crypto';
import { isPlainObject } from '../clone.ts';

// The compact HS256 JWTs of api.redirect.encodeToken / validateToken, made with node:crypto alone.

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function mac(signingInput: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${mac(signingInput, secret).toString('base64url')}`;
}

export type Verified = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/** Checks the form, the algorithm (HS256 only, so never "none") and the signature; not the claims. */
export function verifyHs256(token: string, secret: string): Verified {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'it is not a compact JWT (three dot-separated parts)' };
  const [header = '', payload = '', signature = ''] = parts;
  const head = decodeJson(header);
  if (!isPlainObject(head) || head['alg'] !== 'HS256') return { ok: false, reason: 'its algorithm is not HS256' };
  const expected = mac(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid signature' };
  const claims = decodeJson(payload);
  if (!isPlainObject(claims)) return { ok: false, reason: 'its payload is not a JSON object' };
  return { ok: true, claims };
}
