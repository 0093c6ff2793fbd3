import { makeEvent, runPostLogin } from '../../../src/harness/index.ts';
import type { PostLoginApi } from '../../../src/types/api.ts';
import { NOW, outcome, runOne } from './helpers.ts';

type Saml = PostLoginApi['samlResponse'];
type Setter = Exclude<keyof Saml, 'setAttribute'>;

/** Calls each setter of the table with its value inside one Action; returns what each call did. */
async function calls(table: ReadonlyArray<readonly [Setter, unknown]>): Promise<string[]> {
  const seen: string[] = [];
  await runOne(async (_e, api) => {
    for (const [name, value] of table) seen.push(outcome(() => (api.samlResponse[name] as (v: unknown) => void)(value)));
  });
  return seen;
}

const VALID: ReadonlyArray<readonly [Setter, unknown]> = [
  ['setAudience', 'urn:sp'], ['setRecipient', 'https://sp.example.com/acs'], ['setDestination', 'https://sp.example.com/acs'],
  ['setIssuer', 'urn:claimkit'], ['setRelayState', 'relay'], ['setCreateUpnClaim', false],
  ['setPassthroughClaimsWithNoMapping', true], ['setMapUnknownClaimsAsIs', true], ['setMapIdentities', false],
  ['setSignResponse', true], ['setLifetimeInSeconds', 3600], ['setNameIdentifierFormat', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
  ['setNameIdentifierProbes', ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress']],
  ['setAuthnContextClassRef', 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password'], ['setSigningCert', '-----BEGIN CERTIFICATE-----'],
  ['setIncludeAttributeNameFormat', true], ['setTypedAttributes', false], ['setEncryptionCert', '-----BEGIN CERTIFICATE-----'],
  ['setEncryptionPublicKey', '-----BEGIN PUBLIC KEY-----'], ['setCert', '-----BEGIN CERTIFICATE-----'], ['setKey', '-----BEGIN PRIVATE KEY-----'],
  ['setSignatureAlgorithm', 'rsa-sha256'], ['setSignatureAlgorithm', 'rsa-sha1'], ['setDigestAlgorithm', 'sha256'], ['setDigestAlgorithm', 'sha1'],
  ['setEncryptionAlgorithm', 'aes256-gcm'], ['setEncryptionAlgorithm', 'aes256-cbc'],
];

describe('api.samlResponse setters', () => {
  it('accept values of the documented types', async () => {
    expect(await calls(VALID)).toEqual(VALID.map(() => 'ok'));
  });

  it('refuse a value of the wrong type, for every setter', async () => {
    // Strings get a number, booleans and numbers get a string, lists get a string.
    const wrong = VALID.map(([name, value]) => [name, typeof value === 'string' ? 7 : 'seven'] as const);
    expect(await calls(wrong)).toEqual(wrong.map(() => 'ERR_API_INVALID_ARGUMENT'));
  });

  it('accept only the listed algorithms', async () => {
    const seen = await calls([
      ['setSignatureAlgorithm', 'rsa-sha512'],
      ['setDigestAlgorithm', 'md5'],
      ['setEncryptionAlgorithm', 'aes128-gcm'],
    ]);
    expect(seen).toEqual(Array(3).fill('ERR_API_INVALID_ARGUMENT'));
  });

  it('enforce the length limits of the runtime schema', async () => {
    const seen = await calls([
      ['setIssuer', 'i'.repeat(512)], ['setIssuer', 'i'.repeat(513)],
      ['setAudience', 'a'.repeat(2049)], ['setCert', 'c'.repeat(4097)],
      ['setNameIdentifierProbes', Array(11).fill('p')], ['setNameIdentifierProbes', ['p'.repeat(513)]],
      ['setLifetimeInSeconds', Number.NaN],
    ]);
    expect(seen).toEqual(['ok', ...Array(6).fill('ERR_API_INVALID_ARGUMENT')]);
  });

  it('fail the login when the Action does not catch an invalid value', async () => {
    const result = await runOne(async (_e, api) => api.samlResponse.setSignatureAlgorithm('rsa-sha512' as never));
    expect(result.outcome).toBe('error');
  });
});

describe('api.samlResponse.setAttribute', () => {
  it('accepts strings, finite numbers, booleans, lists of those, and null or undefined to remove', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      for (const value of ['a', 1.5, true, ['x', 2, false], null, undefined]) seen.push(outcome(() => api.samlResponse.setAttribute('http://schemas.example.com/claim', value)));
    });
    expect(seen).toEqual(Array(6).fill('ok'));
  });

  it('refuses other values and bad names', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      const set = (name: unknown, value: unknown) => seen.push(outcome(() => api.samlResponse.setAttribute(name as string, value as never)));
      set('claim', { nested: true });
      set('claim', ['ok', null]);
      set('claim', [{ nested: true }]);
      set('claim', Number.NaN);
      set('claim', 'v'.repeat(2049));
      set('n'.repeat(1025), 'v');
      set(12, 'v');
    });
    expect(seen).toEqual(Array(7).fill('ERR_API_INVALID_ARGUMENT'));
  });

  it('refuses attributes over the documented 10 KiB in total, across Actions', async () => {
    const seen: string[] = [];
    const fill = (from: number) => async (_e: unknown, api: PostLoginApi) => {
      for (let i = from; i < from + 3; i++) seen.push(outcome(() => api.samlResponse.setAttribute(`attr${i}`, 'v'.repeat(2000))));
    };
    await runPostLogin([{ onExecutePostLogin: fill(0) }, { onExecutePostLogin: fill(3) }], makeEvent(), { now: () => NOW });
    // Five attributes are 10 056 bytes as JSON; a sixth would be over 12 000.
    expect(seen).toEqual([...Array(5).fill('ok'), 'ERR_API_INVALID_ARGUMENT']);
  });

  it('refuses a 101st attribute (Auth0: at most 100 changed or added by Actions); changing one already set still works', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      for (let i = 0; i < 100; i++) api.samlResponse.setAttribute(`a${i}`, i);
      seen.push(outcome(() => api.samlResponse.setAttribute('a100', 1)), outcome(() => api.samlResponse.setAttribute('a7', 'changed')));
    });
    expect(seen).toEqual(['ERR_API_INVALID_ARGUMENT', 'ok']);
  });
});
