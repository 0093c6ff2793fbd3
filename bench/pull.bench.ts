import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleActions } from '../src/build/bundle.ts';
import { pull } from '../src/pull/pull.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(__dirname, '..');

/** An auth0-deploy-cli YAML export of `n` Actions, each the bundle of the add-custom-claims example (a 13 kB esbuild bundle). */
function exportOf(n: number, code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-pull-'));
  const entries: string[] = [];
  for (let i = 0; i < n; i++) {
    fs.mkdirSync(path.join(dir, 'actions', `claims-${i}`), { recursive: true });
    fs.writeFileSync(path.join(dir, 'actions', `claims-${i}`, 'code.js'), code);
    entries.push(`  - name: claims-${i}\n    code: ./actions/claims-${i}/code.js\n    deployed: true\n    runtime: node22\n    dependencies: []\n    secrets: []\n    status: built\n    supported_triggers:\n      - id: post-login\n        version: v3`);
  }
  fs.writeFileSync(path.join(dir, 'tenant.yaml'), `actions:\n${entries.join('\n')}\n`);
  return dir;
}

export const pullBenchmark: Benchmark = {
  name: 'pull',
  title: 'claimkit pull --from-export: Actions made readable, typed, type-checked and written',
  async run() {
    const [bundle] = await bundleActions([{ name: 'add-custom-claims', file: path.join(ROOT, 'actions/add-custom-claims.ts') }]);
    const rows: string[][] = [];
    for (const n of [1, 50, 300]) {
      const from = exportOf(n, bundle?.code ?? '');
      const out = path.join(from, '..', `${path.basename(from)}-out`);
      const t = performance.now();
      const s = await pull({ out, cwd: from, env: {}, fromExport: from, keywords: [], force: false, log: () => {} });
      const ms = performance.now() - t;
      if (!s.ok) throw new Error(JSON.stringify(s.error));
      rows.push([String(n), `${Math.round(ms)} ms`, `${(ms / n).toFixed(1)} ms`, String(s.files?.created.length ?? 0)]);
      fs.rmSync(from, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }
    return {
      summary:
        'Converting a YAML export whose Actions are each the 13 kB esbuild bundle of `actions/add-custom-claims.ts`: read, formatted by prettier, held to the original by esbuild fingerprints, JSDoc-typed, type-checked together by one tsc run, written all or nothing, then bundled again for the round-trip check. One run per size.',
      table: { head: ['Actions', 'Pull', 'Per Action', 'Files written'], rows },
    };
  },
};
