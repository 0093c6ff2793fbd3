import fc from 'fast-check';
import { HOSTILE_TEXT, longString } from './strings.ts';

/** Users with hundreds of roles exist; lists go up to this many by default. */
export const DEFAULT_MAX_ROLES = 300;
/** Role names we generate go up to 255 code points. */
export const MAX_ROLE_NAME = 255;

const COMMON = ['admin', 'Admin', 'editor', 'viewer', 'billing-admin', 'Support Agent', 'read-only', 'owner', 'user'];
const PREFIXES = ['app:', 'org:', 'api:', 'tenant:', 'role:', ''];

/** Role names of realistic and hostile shapes: common names, prefixed names, any script, very long. */
export const roleName: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...COMMON) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...PREFIXES), fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}(:[a-z0-9_-]{1,12}){0,2}$/))
      .map(([prefix, rest]) => `${prefix}${rest}`),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT.filter((t) => t.trim() !== '')) },
  { weight: 1, arbitrary: longString(200, MAX_ROLE_NAME) },
);

/**
 * `event.authorization`: absent, or 0..maxRoles names. Most lists are short; some are long (up to
 * maxRoles, drawn at full size so >100 roles really occur); some repeat names.
 */
export function authorizationArbitrary(maxRoles: number, names: fc.Arbitrary<string>): fc.Arbitrary<{ roles: string[] } | undefined> {
  const short = fc.array(names, { maxLength: Math.min(maxRoles, 8) });
  const long = fc.array(names, { maxLength: maxRoles, size: 'max' });
  const repeated = fc
    .tuple(fc.array(names, { minLength: 1, maxLength: Math.max(1, Math.min(maxRoles, 8)) }), fc.nat())
    .map(([roles, n]) => [...roles, ...roles.slice(0, 1 + (n % roles.length))].slice(0, maxRoles));
  const lists = maxRoles === 0
    ? [{ weight: 1, arbitrary: short }]
    : [{ weight: 6, arbitrary: short }, { weight: 1, arbitrary: repeated }, { weight: 2, arbitrary: long }];
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 9, arbitrary: fc.oneof(...lists).map((roles) => ({ roles })) },
  );
}
