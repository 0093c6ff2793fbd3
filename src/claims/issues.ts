import type { Issue } from '../errors.ts';
import { locate, locateKey, type YamlFile } from '../project/yaml-file.ts';

export type YamlPath = ReadonlyArray<string | number>;

/** Collects every problem in a YAML file, each at its file:line:column. */
export class IssueList {
  readonly items: Issue[] = [];
  constructor(readonly yaml: YamlFile) {}

  add(path: YamlPath, message: string): void {
    this.items.push({ location: locate(this.yaml, path), message });
  }

  /** An issue with a key itself (an unknown key): positioned at the key, not its value. */
  addAtKey(path: YamlPath, message: string): void {
    this.items.push({ location: locateKey(this.yaml, path), message });
  }

  /** Reports keys not in `known`, with a suggestion when one is close. */
  unknownKeys(obj: Record<string, unknown>, known: readonly string[], path: YamlPath, where: string): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const close = known.find((k) => similar(k, key));
      this.addAtKey([...path, key], `Unknown key "${key}" in ${where}.${close ? ` Did you mean "${close}"?` : ''} Allowed: ${known.join(', ')}.`);
    }
  }
}

/** Edit distance ≤ 2, or one contains the other: good enough for "did you mean". */
function similar(a: string, b: string): boolean {
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
