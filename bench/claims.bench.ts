import path from 'node:path';
import { makeEvent, runPostLogin } from '../src/harness/index.ts';
import { computeClaims } from '../src/runtime/claims/compute.ts';
import type { ClaimsConfig } from '../src/runtime/claims/config.ts';
import type { PostLoginAction } from '../src/types/index.ts';
import { fmtMicros, fmtRate, perSecond } from './measure.ts';
import type { Benchmark } from './types.ts';

const ROOT = path.resolve(__dirname, '..');

export const claimsBenchmark: Benchmark = {
  name: 'claims',
  title: 'Generic claims Action cost per execution (issue 3)',
  async run() {
    const action = require(path.join(ROOT, 'actions/add-custom-claims.ts')) as PostLoginAction;
    const config = (require(path.join(ROOT, 'claims.yaml')) as { default: ClaimsConfig }).default;
    const rows: string[][] = [];
    for (const count of [5, 200]) {
      const roles = Array.from({ length: count }, (_, i) => (i === 0 ? 'reports-admin' : `app:role-${i}`));
      const event = makeEvent({ authorization: { roles }, resource_server: { identifier: 'https://api.example.com' }, user: { app_metadata: { tenant_id: 't-42' } } });
      const pure = await perSecond(() => computeClaims(config, event), 2);
      const flow = await perSecond(() => runPostLogin({ name: 'add-custom-claims', action }, event), 2);
      rows.push([String(count), fmtMicros(pure), fmtMicros(flow), fmtRate(flow)]);
    }
    return {
      summary:
        'The repository\'s claims.yaml (roles on both tokens, tenant_id for the reports API, is_admin) applied by actions/add-custom-claims.ts. "computeClaims" is the pure function alone; "through the harness" is one whole login with that Action via runPostLogin (api calls, claim policy, token budget). 2 s per cell after 2,000 warm-up runs, one core.',
      table: { head: ['Roles', 'computeClaims', 'Through the harness', 'Logins / s'], rows },
    };
  },
};
