import path from 'node:path';
import { makeEvent, runPostLogin, type NamedAction } from '../src/harness/index.ts';
import { loadActionFile } from '../src/project/load-action.ts';
import type { PostLoginAction } from '../src/types/index.ts';
import { fmtMicros, fmtRate, perSecond } from './measure.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = ['add-role-claims', 'add-api-claims'];

async function measure(flow: NamedAction[], seconds: number): Promise<number> {
  const event = makeEvent({
    authorization: { roles: ['admin', 'editor', 'viewer'] },
    resource_server: { identifier: 'https://api.example.com' },
    user: { app_metadata: { tenant_id: 't-42' } },
  });
  return perSecond(() => runPostLogin(flow, event), seconds);
}

export const harnessBenchmark: Benchmark = {
  name: 'harness',
  title: 'Harness throughput (issue 2)',
  async run() {
    const sources: NamedAction[] = EXAMPLES.map((name) => ({ name, action: require(path.join(ROOT, 'actions', `${name}.ts`)) as PostLoginAction }));
    const bundles = await Promise.all(EXAMPLES.map((name) => loadActionFile(path.join(ROOT, 'actions', `${name}.ts`), { root: ROOT })));
    const rows: string[][] = [];
    for (const [form, flow] of [['TypeScript sources, in-process', sources], ['esbuild bundles in the runtime sandbox', bundles]] as const) {
      const rate = await measure([...flow], 3);
      rows.push([form, fmtRate(rate), fmtMicros(rate)]);
    }
    return {
      summary: `Flow of the two example Actions (${EXAMPLES.join(' → ')}) through \`runPostLogin\`, one event with 3 roles and the reports API audience, sequential on one core, 3 s per row after 2,000 warm-up runs. Target: ≥ 50,000 executions/s.`,
      table: { head: ['Actions as', 'Flow executions / s', 'Per execution'], rows },
    };
  },
};
