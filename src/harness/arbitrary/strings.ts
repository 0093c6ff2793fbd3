import fc from 'fast-check';

/** `seed` repeated and cut to exactly `length` code points (never a lone surrogate); cheap for long strings. */
export function repeatTo(seed: string, length: number): string {
  const points = [...seed];
  if (points.length === 0) return '';
  return seed.repeat(Math.floor(length / points.length)) + points.slice(0, length % points.length).join('');
}

/** A string of `min`..`max` code points, built by repetition so that 100 KB costs no more than 10 bytes. */
export function longString(min: number, max: number, unit: 'grapheme' | 'grapheme-ascii' = 'grapheme'): fc.Arbitrary<string> {
  return fc
    .tuple(fc.string({ unit, minLength: 1, maxLength: 12 }), fc.integer({ min, max }))
    .map(([seed, length]) => repeatTo(seed, length));
}

/** Text people really type, in any script: letters with accents, CJK, right-to-left, emoji with joiners. */
export const HOSTILE_TEXT: readonly string[] = [
  '',
  ' ',
  ' padded ',
  'line\nbreak',
  'tab\there',
  'quote " and \\ backslash',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'Zoë Ångström',
  '管理者',
  'مدير النظام',
  '👩🏽‍💻 devs',
  'e\u0301 combining',
  'zero\u200Bwidth',
];

/** Free text as it reaches Auth0 from users and admins: mostly ordinary, sometimes hostile, up to `max` code points. */
export function freeText(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: Math.min(max, 40) }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: Math.min(max, 40) }) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    { weight: 1, arbitrary: longString(Math.min(max, 200), max) },
  );
}
