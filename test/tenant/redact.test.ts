import { redact, secretValues } from '../../src/tenant/process/redact.ts';
import { initialData } from '../../src/tenant/store/seed.ts';

test('known secret values and credential-shaped strings are masked; JSON stays JSON', () => {
  const data = initialData();
  const secret = data.clients[0]?.client_secret ?? '';
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
  const text = [
    `client secret  ${secret}`,
    `export AUTH0_CLIENT_SECRET='${secret}'`,
    `Authorization: Bearer ${jwt}`,
    `Basic dXNlcjpwYXNz`,
    JSON.stringify({ clientId: 'abc', clientSecret: 'not-registered-but-named', password: 'Passw0rd!x' }),
    'client_secret=form-secret&grant_type=client_credentials',
    '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
  ].join('\n');
  const out = redact(text, secretValues(data));
  for (const leaked of [secret, jwt, 'dXNlcjpwYXNz', 'not-registered-but-named', 'Passw0rd!x', 'form-secret', 'MIIE']) expect(out).not.toContain(leaked);
  expect(JSON.parse(out.split('\n')[4] ?? '')).toEqual({ clientId: 'abc', clientSecret: '[redacted]', password: '[redacted]' });
  expect(out).toContain('grant_type=client_credentials');
});

test('Action secret values are known secrets wherever they appear', () => {
  const data = initialData();
  const secret = { name: 'API_KEY', value: 'sk_live_123456', updated_at: '' };
  data.actions.push({ id: 'a', name: 'a', supported_triggers: [], code: '', dependencies: [], runtime: 'node22', secrets: [secret], created_at: '', updated_at: '', build: { started_at: 0, ready_at: 0, outcome: 'built', errors: [] }, deployed_version_id: null, all_changes_deployed: false });
  expect(redact('TypeError: cannot read sk_live_123456 of undefined', secretValues(data))).toBe('TypeError: cannot read [redacted] of undefined');
});
