// Action names that cannot be actions/<name>.js on every developer's machine are found, with why.
import { fileNameProblem, safeFileName, unrepresentableNames } from '../../src/pull/file-names.ts';

test('paths, device names, refused characters and trailing dots are not file names', () => {
  for (const name of ['../x', 'a/b', 'a\\b', '..', '.', '', '   ', 'CON', 'com1.js', 'lpt9', 'a:b', 'what?', 'star*', 'pipe|', 'tab\there', 'nul\u0000', 'dot.', 'space ', 'x'.repeat(201)]) {
    expect({ name, problem: fileNameProblem(name) }).toEqual({ name, problem: expect.any(String) });
  }
  for (const name of ['add-role-claims', 'Add roles (v2)', 'tier.claims', 'ünïcode-名前', '.hidden', 'console']) expect(fileNameProblem(name)).toBeUndefined();
});

test('names one case-insensitive file system would fold into one file are all reported', () => {
  const out = unrepresentableNames(['Tier', 'tier', 'ok', 'caf\u00e9', 'cafe\u0301', '../up']);
  expect([...out.keys()].sort()).toEqual(['../up', 'Tier', 'caf\u00e9', 'cafe\u0301', 'tier'].sort());
  expect(out.get('Tier')).toMatch(/same as "tier"'s on macOS and Windows/);
  expect(out.has('ok')).toBe(false);
});

test('asset file names are made safe, never empty', () => {
  expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
  expect(safeFileName('..')).toBe('_');
  expect(safeFileName('CON')).toBe('_CON');
  expect(safeFileName('verify_email')).toBe('verify_email');
});
