export interface BenchResult {
  /** One paragraph: what was measured and how. */
  summary: string;
  table: { head: string[]; rows: string[][] };
}

export interface Benchmark {
  /** Section id in BENCHMARKS.md and the name to select it: `npm run bench -- NAME`. */
  name: string;
  title: string;
  run(): Promise<BenchResult>;
}
