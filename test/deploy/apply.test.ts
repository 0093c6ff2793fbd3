// The secret values a deploy sends are looked up as `claimkit run` and the tests look them up, so the
// value deployed is the one the Action was tried with (README, "Secrets per Action").
import { secretValues } from '../../src/deploy/apply.ts';
import { desiredTenant } from '../../src/deploy/desired.ts';
import type { Plan } from '../../src/deploy/plan.ts';
import { secretsFor } from '../../src/project/secrets.ts';

const YAML = 'actions:\n  - name: risk-gate\n    code: ./dist/actions/risk-gate.js\n    secrets:\n      - { name: API_KEY, value: placeholder }\n      - { name: DOMAIN, value: risk.example.com }\n      - { name: REGION, value: eu }\n';
const PLAN: Plan = { changes: [{ section: 'actions', type: 'action', name: 'risk-gate', change: 'update', reasons: ['code'] }], passthrough: [], passthroughUnchanged: [], deletionsSkipped: [] };

test("the environment's <ACTION>__<NAME>, then <NAME>, win over tenant.yaml's value:, as for claimkit run", () => {
  const env = { RISK_GATE__API_KEY: 'sk-from-env', DOMAIN: 'risk.internal', REGION: undefined };
  const desired = desiredTenant(YAML, [{ name: 'risk-gate', code: 'exports.x = 1;', bytes: 1, file: 'risk-gate.js' } as never], {});
  const { values, missing } = secretValues(desired, PLAN, env);
  expect(missing).toEqual([]);
  const deployed = Object.fromEntries([...values].map(([k, v]) => [k.split('\u0000')[1], v]));
  expect(deployed).toEqual({ API_KEY: 'sk-from-env', DOMAIN: 'risk.internal', REGION: 'eu' });
  const tried = secretsFor({ name: 'risk-gate', secrets: [{ name: 'API_KEY', value: 'placeholder' }, { name: 'DOMAIN', value: 'risk.example.com' }, { name: 'REGION', value: 'eu' }] }, env);
  expect(deployed).toEqual(tried);
});
