import type { PostLoginApi } from '../../types/api.ts';
import { codePoints, typeName, isFiniteNumber } from './checks.ts';

/** Returns what is wrong with a value, or undefined when Auth0 accepts it. */
type Check = (value: unknown) => string | undefined;

const text = (max: number): Check => (v) => {
  if (typeof v !== 'string') return `must be a string, got ${typeName(v)}`;
  return codePoints(v) > max ? `must be at most ${max} characters long` : undefined;
};
const flag: Check = (v) => (typeof v === 'boolean' ? undefined : `must be a boolean, got ${typeName(v)}`);
const finite: Check = (v) => (isFiniteNumber(v) ? undefined : `must be a finite number, got ${typeName(v)}`);
const oneOf = (...allowed: string[]): Check => (v) =>
  typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`;
const probes: Check = (v) => {
  if (!Array.isArray(v)) return `must be an array of strings, got ${typeName(v)}`;
  if (v.length > 10) return 'must have at most 10 entries';
  const bad = v.findIndex((p: unknown) => text(512)(p) !== undefined);
  return bad >= 0 ? `entry ${bad} must be a string of at most 512 characters` : undefined;
};

export type SamlSetter = Exclude<keyof PostLoginApi['samlResponse'], 'setAttribute'>;

/**
 * Each setter, the configuration property it sets and what Auth0 accepts for it: the
 * PostLoginSetSAMLConfigurationInput schema of @auth0/actions (lengths in characters).
 */
export const SAML_SETTERS: { readonly [K in SamlSetter]: readonly [property: string, check: Check] } = {
  setAudience: ['audience', text(2048)],
  setRecipient: ['recipient', text(2048)],
  setDestination: ['destination', text(2048)],
  setIssuer: ['issuer', text(512)],
  setRelayState: ['RelayState', text(512)],
  setCreateUpnClaim: ['createUpnClaim', flag],
  setPassthroughClaimsWithNoMapping: ['passthroughClaimsWithNoMapping', flag],
  setMapUnknownClaimsAsIs: ['mapUnknownClaimsAsIs', flag],
  setMapIdentities: ['mapIdentities', flag],
  setSignResponse: ['signResponse', flag],
  setLifetimeInSeconds: ['lifetimeInSeconds', finite],
  setNameIdentifierFormat: ['nameIdentifierFormat', text(512)],
  setNameIdentifierProbes: ['nameIdentifierProbes', probes],
  setAuthnContextClassRef: ['authnContextClassRef', text(512)],
  setSigningCert: ['signingCert', text(4096)],
  setIncludeAttributeNameFormat: ['includeAttributeNameFormat', flag],
  setTypedAttributes: ['typedAttributes', flag],
  setEncryptionCert: ['encryptionCert', text(4096)],
  setEncryptionPublicKey: ['encryptionPublicKey', text(4096)],
  setCert: ['cert', text(4096)],
  setKey: ['key', text(4096)],
  setSignatureAlgorithm: ['signatureAlgorithm', oneOf('rsa-sha256', 'rsa-sha1')],
  setDigestAlgorithm: ['digestAlgorithm', oneOf('sha256', 'sha1')],
  setEncryptionAlgorithm: ['encryptionAlgorithm', oneOf('aes256-gcm', 'aes256-cbc')],
};

// PostLoginSetSAMLAttributeInput: a name of at most 1024 characters; a value that is null, a boolean, a
// finite number, a string of at most 2048 characters, or an array of those (without null).
const attributeItem: Check = (v) => (typeof v === 'boolean' || isFiniteNumber(v) ? undefined : text(2048)(v));

export const checkAttributeName: Check = text(1024);
export const checkAttributeValue: Check = (v) => {
  if (v === null) return undefined;
  if (!Array.isArray(v)) return attributeItem(v);
  const bad = v.findIndex((item: unknown) => attributeItem(item) !== undefined);
  return bad >= 0 ? `entry ${bad} must be a boolean, a finite number or a string of at most 2048 characters` : undefined;
};
