import { memoByString } from '../../src/lib/memo.ts';

test('a memo answers as the function does, asking it once per key, undefined answers included', () => {
  const asked: string[] = [];
  const f = memoByString((k) => {
    asked.push(k);
    return k.startsWith('x') ? undefined : k.length;
  });
  expect([f('abc'), f('abc'), f('xy'), f('xy')]).toEqual([3, 3, undefined, undefined]);
  expect(asked).toEqual(['abc', 'xy']);
});

test('a memo holds at most max keys: past them it starts afresh and still answers right', () => {
  const asked: string[] = [];
  const f = memoByString((k) => (asked.push(k), k.toUpperCase()), 2);
  for (const k of ['a', 'b', 'c', 'a']) expect(f(k)).toBe(k.toUpperCase());
  expect(asked).toEqual(['a', 'b', 'c', 'a']);
});
