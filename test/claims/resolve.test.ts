import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadClaimsConfig } from '../../src/claims/load.ts';
import { claimsModuleSource } from '../../src/claims/project.ts';
import { makeEvent } from '../../src/harness/index.ts';
import { computeClaims } from '../../src/runtime/claims/compute.ts';
import type { ClaimsConfig } from '../../src/runtime/claims/config.ts';

// What runs locally (jest's claims.yaml module, the require hook) must be what a0deploy deploys: the
// bundle's text with every keyword replaced, not only the claim names.
const CLAIMS = `namespace: "##NS##"
keywords:
  NS: https://claims.example.com/
  API: https://api.example.com
  ADMIN: reports-admin
  STAGE: prod
claims:
  - name: tenant_id
    source: app_metadata.tenant_id
    tokens: [access_token]
    when: { audiences: ["##API##"] }
  - name: is_admin
    source: roles
    shape: has_role
    role: "##ADMIN##"
    tokens: [id_token]
  - name: stage
    value: "##STAGE##"
    tokens: [id_token]
`;

function write(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-resolve-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('the resolved configuration replaces keywords in conditions, role names and values, as the deployed bundle has them', () => {
  const dir = write({ 'claims.yaml': CLAIMS });
  // The module jest and the require hook give `import config from '../claims.yaml'`.
  const config = JSON.parse(/exports\.default = ([\s\S]*);\n$/.exec(claimsModuleSource(path.join(dir, 'claims.yaml'), {}, false))?.[1] ?? 'null') as ClaimsConfig;
  const event = makeEvent({ authorization: { roles: ['reports-admin'] }, resource_server: { identifier: 'https://api.example.com' }, user: { app_metadata: { tenant_id: 't-1' } } });
  expect(computeClaims(config, event)).toMatchObject({
    id_token: { 'https://claims.example.com/is_admin': true, 'https://claims.example.com/stage': 'prod' },
    access_token: { 'https://claims.example.com/tenant_id': 't-1' },
    deny: null,
  });
});

test('an audience with a keyword matches tenant.yaml\'s API whether either side writes the keyword or its value', () => {
  const file = path.join(write({ 'claims.yaml': CLAIMS }), 'claims.yaml');
  expect(() => loadClaimsConfig(file, { audiences: ['https://api.example.com'] })).not.toThrow();
  expect(() => loadClaimsConfig(file, { audiences: ['##API##'] })).not.toThrow();
  const literal = path.join(write({ 'claims.yaml': CLAIMS.replace('["##API##"]', '[https://api.example.com]') }), 'claims.yaml');
  expect(() => loadClaimsConfig(literal, { audiences: ['##API##'] })).not.toThrow();
  expect(() => loadClaimsConfig(file, { audiences: ['https://other.example.com'] })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
});
