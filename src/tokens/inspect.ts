import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { evaluateClaim, PROFILE_CLAIM_SCOPE, type TokenKind } from '../policy/index.ts';
import type { Http } from './http.ts';

// What a token is and whether to trust it: decoded, its signature checked against the issuer's JWKS
// (jose), `exp` / `nbf` / `iss` / `aud` checked, standard and custom claims apart, and custom claims
// checked against Auth0's claim rules. An opaque token is checked the way Auth0 lets one be: at the
// tenant's /userinfo.

export type FailureReason = 'malformed' | 'expired' | 'not-yet-valid' | 'tampered' | 'foreign-key' | 'foreign-issuer' | 'wrong-audience' | 'rejected' | 'unverifiable';

export type Verdict = { valid: true; message: string } | { valid: false; reason: FailureReason; message: string };

export interface ClaimFlag {
  claim: string;
  effect: 'drop' | 'warn';
  rule: string;
  reason: string;
}

export interface Inspection {
  format: 'jwt' | 'opaque';
  type: 'id_token' | 'access_token';
  /** The `aud` values (an ID token's is the client id). */
  audience: string[];
  issuer: string | undefined;
  header: Record<string, unknown> | null;
  standard: Record<string, unknown>;
  custom: Record<string, unknown>;
  flags: ClaimFlag[];
  verdict: Verdict;
  /** How the token was checked: the JWKS or /userinfo URL. */
  checkedWith: string | undefined;
  expiresAt: string | undefined;
  notes: string[];
  /** For an opaque token: what /userinfo answered. */
  userinfo?: Record<string, unknown>;
}

export interface InspectOptions {
  /** The tenant expected to have issued the token (`iss` must be https://DOMAIN/). */
  domain?: string;
  /** Verify against this JWKS instead of the issuer's. */
  jwksUrl?: string;
  /** The API audience expected in `aud`. */
  audience?: string;
  http: Http;
  now?: number;
}

/** Claims that are not custom: registered JWT claims, OIDC's, and those Auth0 itself sets. */
const STANDARD = new Set([
  'iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti',
  'auth_time', 'nonce', 'acr', 'amr', 'azp', 'at_hash', 'c_hash', 's_hash', 'sid', 'sub_jwk',
  'scope', 'gty', 'permissions', 'org_id', 'org_name', 'client_id', 'cnf', 'act', 'may_act', 'authorization_details',
  ...PROFILE_CLAIM_SCOPE.keys(),
]);

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const fail = (reason: FailureReason, message: string): Verdict => ({ valid: false, reason, message });

function looksLikeAccessToken(header: Record<string, unknown>, payload: JWTPayload): boolean {
  if (header['typ'] === 'at+jwt') return true;
  if (typeof payload['scope'] === 'string' || payload['gty'] !== undefined || payload['permissions'] !== undefined) return true;
  return strings(payload.aud).some((a) => a.endsWith('/userinfo'));
}

function classify(token: TokenKind, payload: JWTPayload, domain: string | undefined): { standard: Record<string, unknown>; custom: Record<string, unknown>; flags: ClaimFlag[] } {
  const standard: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const flags: ClaimFlag[] = [];
  const audience = token === 'access' ? strings(payload.aud).find((a) => !a.endsWith('/userinfo')) : undefined;
  const scopes = new Set(token === 'access' ? String(payload['scope'] ?? '').split(' ') : ['openid', ...PROFILE_CLAIM_SCOPE.values()]);
  const host = domain ?? (typeof payload.iss === 'string' ? safeHost(payload.iss) : undefined);
  for (const [name, value] of Object.entries(payload)) {
    if (STANDARD.has(name)) {
      standard[name] = value;
      continue;
    }
    custom[name] = value;
    const verdict = evaluateClaim(token, name, { audience, scopes, tenantHosts: host ? [host] : [] });
    if (verdict.drop) flags.push({ claim: name, effect: 'drop', rule: verdict.drop.rule, reason: verdict.drop.reason });
    for (const w of verdict.warnings) flags.push({ claim: name, effect: 'warn', rule: w.rule, reason: w.reason });
  }
  return { standard, custom, flags };
}

/** `https://HOST[:PORT]` with an optional trailing slash, as URL parses it: nothing else is fetched for a token's issuer. */
function isHttpsOrigin(issuer: string): boolean {
  if (!/^https:\/\/[^/?#\s]+\/?$/.test(issuer)) return false;
  try {
    const url = new URL(issuer);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.href === `${url.origin}/`;
  } catch {
    return false;
  }
}

/** A NumericDate as an ISO string; undefined for one no Date can hold (`exp: 1e300`). */
function isoOf(seconds: unknown): string | undefined {
  const date = new Date(Number(seconds) * 1000);
  return typeof seconds === 'number' && Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
}

/** Nesting deeper than any claim needs: printing it would overflow the stack. Iterative on purpose. */
const MAX_DEPTH = 64;
function tooDeep(value: unknown): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function verdictOf(err: unknown, jwksUrl: string): Verdict {
  if (err instanceof errors.JWTExpired) return fail('expired', `expired at ${isoOf(err.payload.exp) ?? String(err.payload.exp)}`);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return fail('not-yet-valid', `not valid before ${isoOf(err.payload.nbf) ?? String(err.payload.nbf)}`);
    if (err.claim === 'iss') return fail('foreign-issuer', `issued by ${String(err.payload.iss)}, not by the tenant expected`);
    if (err.claim === 'aud') return fail('wrong-audience', `its audience is ${strings(err.payload.aud).join(', ')}, not the one expected`);
    return fail('malformed', `the "${err.claim}" claim is ${err.reason}`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return fail('tampered', `the signature does not match the content: the token was altered after it was signed (checked with ${jwksUrl})`);
  if (err instanceof errors.JWKSNoMatchingKey) return fail('foreign-key', `signed with a key ${jwksUrl} does not publish: another tenant or a forgery`);
  // The keys are broken, not the token: nothing to check it against.
  if (err instanceof errors.JWKSInvalid) return fail('unverifiable', `${jwksUrl} is not a usable JWKS (${err.message})`);
  if (err instanceof errors.JOSEAlgNotAllowed) return fail('tampered', 'signed with an algorithm Auth0 does not use (or not signed at all)');
  return fail('malformed', err instanceof Error ? err.message : String(err));
}

async function jwks(http: Http, url: string): Promise<JSONWebKeySet | string> {
  const res = await http.request(url);
  if (res.status !== 200) return `${url} answered ${res.status}`;
  try {
    const body = JSON.parse(res.text) as JSONWebKeySet;
    return Array.isArray(body.keys) ? body : `${url} is not a JWKS`;
  } catch {
    return `${url} is not a JWKS`;
  }
}

/** What Auth0 signs tokens with (RS256 by default; PS256 when a tenant chooses it). */
const ALGORITHMS = ['RS256', 'PS256'];

async function inspectJwt(token: string, o: InspectOptions): Promise<Inspection> {
  let header: Record<string, unknown>;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
    payload = decodeJwt(token);
  } catch {
    return opaqueShape(fail('malformed', 'three dot-separated parts, but not a JWT: its header or payload does not decode'));
  }
  if (tooDeep(header) || tooDeep(payload)) return opaqueShape(fail('malformed', `a JWT whose header or payload is nested deeper than ${MAX_DEPTH} levels: no token Auth0 issues is`));
  const kind: TokenKind = looksLikeAccessToken(header, payload) ? 'access' : 'id';
  const notes: string[] = [];
  const expectedIssuer = o.domain ? `https://${o.domain}/` : undefined;
  const issuer = typeof payload.iss === 'string' ? payload.iss : undefined;
  if (!expectedIssuer && !o.jwksUrl) notes.push(`Verified against the issuer the token names (${issuer ?? 'none'}): pass --domain to pin the tenant you expect.`);
  const jwksUrl = o.jwksUrl ?? (expectedIssuer ?? issuer ?? '').replace(/\/?$/, '/') + '.well-known/jwks.json';
  const base: Omit<Inspection, 'verdict'> = {
    format: 'jwt',
    type: kind === 'access' ? 'access_token' : 'id_token',
    audience: strings(payload.aud),
    issuer,
    header,
    ...classify(kind, payload, o.domain),
    checkedWith: jwksUrl,
    expiresAt: isoOf(payload.exp),
    notes,
  };
  // Decided from the token alone, before any request: an unsigned token, or one whose "issuer" is no
  // https URL, sends nothing anywhere.
  if (!ALGORITHMS.includes(String(header['alg']))) return { ...base, verdict: fail('tampered', 'signed with an algorithm Auth0 does not use (or not signed at all)') };
  if (expectedIssuer && issuer !== expectedIssuer) return { ...base, verdict: fail('foreign-issuer', `issued by ${issuer ?? 'nobody (no iss)'}, not by ${expectedIssuer}`) };
  if (!o.jwksUrl && !expectedIssuer && issuer !== undefined && !isHttpsOrigin(issuer)) return { ...base, verdict: fail('unverifiable', `the issuer ${JSON.stringify(issuer.slice(0, 200))} is not an https origin: pass --domain or --jwks`) };
  if (!issuer && !o.jwksUrl) return { ...base, verdict: fail('unverifiable', 'the token names no issuer: pass --domain or --jwks') };
  const keys = await jwks(o.http, jwksUrl);
  if (typeof keys === 'string') return { ...base, verdict: fail('unverifiable', keys) };
  try {
    await jwtVerify(token, createLocalJWKSet(keys), {
      algorithms: ALGORITHMS,
      ...(expectedIssuer ? { issuer: expectedIssuer } : {}),
      ...(o.audience ? { audience: o.audience } : {}),
      requiredClaims: ['iss', 'sub', 'aud', 'iat', 'exp'],
      ...(o.now === undefined ? {} : { currentDate: new Date(o.now) }),
    });
  } catch (err) {
    return { ...base, verdict: verdictOf(err, jwksUrl) };
  }
  return { ...base, verdict: { valid: true, message: `signature verified with ${jwksUrl}; not expired${o.audience ? `; audience ${o.audience}` : ''}` } };
}

function opaqueShape(verdict: Verdict, extra: Partial<Inspection> = {}): Inspection {
  return { format: 'opaque', type: 'access_token', audience: [], issuer: undefined, header: null, standard: {}, custom: {}, flags: [], verdict, checkedWith: undefined, expiresAt: undefined, notes: [], ...extra };
}

/** An opaque access token means nothing by itself: Auth0's /userinfo is where it can be checked. */
async function inspectOpaque(token: string, o: InspectOptions): Promise<Inspection> {
  const note = 'Opaque access token: Auth0 issues one when the login asked for no audience; only /userinfo accepts it.';
  if (!o.domain) return opaqueShape(fail('unverifiable', 'an opaque token can only be checked at its tenant\'s /userinfo: pass --domain'), { notes: [note] });
  const url = `https://${o.domain}/userinfo`;
  const res = await o.http.request(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) return opaqueShape(fail('rejected', `${url} refused it (HTTP ${res.status}): expired, revoked, or not from this tenant`), { checkedWith: url, notes: [note] });
  let profile: Record<string, unknown> = {};
  try {
    profile = JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    // an answer that is not JSON still accepted the token
  }
  return opaqueShape({ valid: true, message: `accepted by ${url} for ${String(profile['sub'] ?? 'a user')}` }, { checkedWith: url, notes: [note], userinfo: profile, audience: [`https://${o.domain}/userinfo`] });
}

export async function inspectToken(token: string, options: InspectOptions): Promise<Inspection> {
  const value = token.trim().replace(/^Bearer\s+/i, '');
  const parts = value.split('.');
  if (value === '' || /\s/.test(value)) return opaqueShape(fail('malformed', 'not a token: empty or containing spaces'));
  if (parts.length === 3) return inspectJwt(value, options);
  // One part (random) or five (a JWE, as Auth0 issues for /userinfo): not readable here.
  if (parts.length === 1 || parts.length === 5) return inspectOpaque(value, options);
  return opaqueShape(fail('malformed', `not a JWT (${parts.length} dot-separated parts) nor an opaque token`));
}
