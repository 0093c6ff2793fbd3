import fc from 'fast-check';
import type { EventOverrides } from '../event.ts';
import { freeText } from './strings.ts';

/** Who logs in: the user and the connection they came through. */
export interface Who {
  user: NonNullable<EventOverrides['user']>;
  connection: NonNullable<EventOverrides['connection']>;
}

/** Where the user comes from: the user_id, identity and connection agree, as they do at Auth0. */
const SOURCES = [
  { prefix: 'auth0', id: '5f7c8ec7c33c6c004bbafe82', connection: { id: 'con_fpe5kj482KO1eOzQ', name: 'Username-Password-Authentication', strategy: 'auth0' }, isSocial: false },
  { prefix: 'google-oauth2', id: '108472920583745172534', connection: { id: 'con_Gq3tR7pXw2LmN9sK', name: 'google-oauth2', strategy: 'google-oauth2' }, isSocial: true },
  { prefix: 'samlp|corp-idp', id: 'j.smith@corp.example', connection: { id: 'con_S4mLp0Xy1ZbC8dEf', name: 'corp-idp', strategy: 'samlp' }, isSocial: false },
  { prefix: 'email', id: '6650a1b2c3d4e5f60718293a', connection: { id: 'con_3m41lPwdl3ssA1b2', name: 'email', strategy: 'email' }, isSocial: false },
] as const;

/** An optional profile field: present with an ordinary or odd value, or absent (undefined removes it in makeEvent). */
function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 3 });
}

const email = fc.oneof(
  fc.constantFrom('j+smith@example.com', 'J.Smith@Example.COM', 'jörg@exämple.de', 'x@x.io'),
  fc.emailAddress(),
);
const isoDate = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-11-24T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

export function userArbitrary(appMetadata: fc.Arbitrary<Record<string, unknown>>, userMetadata: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Who> {
  return fc
    .record({
      source: fc.constantFrom(...SOURCES),
      email_verified: fc.boolean(),
      app_metadata: appMetadata,
      user_metadata: userMetadata,
      email: optional(email),
      name: optional(freeText(255)),
      given_name: optional(freeText(64)),
      family_name: optional(freeText(64)),
      nickname: optional(freeText(64)),
      username: optional(fc.stringMatching(/^[a-z0-9_.+-]{1,15}$/)),
      picture: optional(fc.constantFrom('https://www.gravatar.com/avatar/?d=identicon', 'https://lh3.googleusercontent.com/a/x=s96-c')),
      phone_number: optional(fc.stringMatching(/^\+?[0-9]{8,15}$/)),
      phone_verified: optional(fc.boolean()),
      last_password_reset: optional(isoDate),
      multifactor: optional(fc.subarray(['guardian', 'google-authenticator', 'duo'])),
      enrolledFactors: optional(fc.subarray([{ type: 'otp' }, { type: 'phone', options: { preferredMethod: 'sms' } }, { type: 'webauthn-roaming' }])),
    })
    .map(({ source, ...profile }) => ({
      user: {
        ...profile,
        user_id: `${source.prefix}|${source.id}`,
        identities: [{ connection: source.connection.name, isSocial: source.isSocial, provider: source.connection.strategy, user_id: source.id, profileData: {} }],
      },
      connection: { ...source.connection, metadata: {} },
    }));
}
