// "Did you mean" for misspelt keys. No Node APIs.

/** Edit distance ≤ 2, or one contains the other: good enough for "did you mean". */
export function similar(a: string, b: string): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return ((d[a.length] as number[])[b.length] as number) <= 2;
}

/** The first of `known` close to `key`, for a "Did you mean" hint. */
export function closest(key: string, known: readonly string[]): string | undefined {
  return known.find((k) => similar(k, key));
}
