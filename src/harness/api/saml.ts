import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

const SETTERS = [
  'setAudience', 'setRecipient', 'setDestination', 'setIssuer', 'setRelayState', 'setCreateUpnClaim',
  'setPassthroughClaimsWithNoMapping', 'setMapUnknownClaimsAsIs', 'setMapIdentities', 'setSignResponse',
  'setLifetimeInSeconds', 'setNameIdentifierFormat', 'setNameIdentifierProbes', 'setAuthnContextClassRef',
  'setSigningCert', 'setIncludeAttributeNameFormat', 'setTypedAttributes', 'setEncryptionCert',
  'setEncryptionPublicKey', 'setCert', 'setKey', 'setSignatureAlgorithm', 'setDigestAlgorithm', 'setEncryptionAlgorithm',
] as const;

export function samlResponseApi(ctx: ActionContext): PostLoginApi['samlResponse'] {
  const api: Record<string, (...args: unknown[]) => void> = {
    setAttribute(attribute: unknown, value: unknown) {
      ctx.record('samlResponse.setAttribute', [attribute, value]);
      ctx.flow.effects.set(`samlResponse.attribute:${String(attribute)}`, value);
    },
  };
  for (const name of SETTERS) {
    api[name] = (value: unknown) => {
      ctx.record(`samlResponse.${name}`, [value]);
      ctx.flow.effects.set(`samlResponse.${name}`, value);
    };
  }
  return api as unknown as PostLoginApi['samlResponse'];
}
