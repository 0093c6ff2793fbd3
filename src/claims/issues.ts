import type { Issue } from '../errors.ts';
import { similar } from '../lib/similar.ts';
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
