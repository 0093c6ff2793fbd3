import { transformSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { migrateRule } from '../src/migrate/index.ts';
import { engineSides, inProcessSides, parity, parityEvents, ruleLiterals } from '../src/parity/index.ts';
import { parseRule } from '../src/rules/parse.ts';
import type { PostLoginAction } from '../src/types/index.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(__dirname, '..');
const RUNS = 10_000;
const SEED = 20261124;

export const parityBenchmark: Benchmark = {
  name: 'parity',
  title: 'Rules parity: logins per second (issue 16)',
  async run() {
    const file = path.join(ROOT, 'test/rules/corpus/rules/add-roles-to-tokens.js');
    const script = fs.readFileSync(file, 'utf8');
    const migration = migrateRule(script, { ruleName: 'add-roles-to-tokens', ruleFile: file, root: ROOT });
    const code = transformSync(migration.code, { loader: 'ts', format: 'cjs', target: 'node22' }).code;
    const module = { exports: {} as Record<string, unknown> };
    new Function('exports', 'require', 'module', code)(module.exports, require, module);
    const literals = ruleLiterals(parseRule(script, file));
    const events = parityEvents({ literals });
    const rows: string[][] = [];
    const sides = [
      ['in-process harness (jest)', inProcessSides({ rule: { name: 'add-roles-to-tokens', script }, action: module.exports as unknown as PostLoginAction })],
      ['Action engine (claimkit parity)', engineSides({ rule: { name: 'add-roles-to-tokens', code: script }, action: { name: 'add-roles-to-tokens', code }, configuration: {} })],
    ] as const;
    for (const [label, s] of sides) {
      const started = performance.now();
      const report = await parity({ ...s, events, literals, runs: RUNS, seed: SEED });
      const seconds = (performance.now() - started) / 1000;
      if (!report.ok) throw new Error(`parity bench: the migrated Action diverged (${label})`);
      rows.push([label, String(RUNS), `${seconds.toFixed(1)} s`, String(Math.round(RUNS / seconds))]);
    }
    return {
      summary: `claimkit parity of test/rules/corpus/rules/add-roles-to-tokens.js and its migrated Action on ${RUNS.toLocaleString('en')} generated logins (seed ${SEED}), event generation included: in-process with the harness, and in the Action engine (each login one parity job: the Rule and the Action run apart on it and only their differences come back; batches of 256).`,
      table: { head: ['Where', 'Logins', 'Wall time', 'Logins / s'], rows },
    };
  },
};
