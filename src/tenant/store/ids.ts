import { randomBytes, randomUUID } from 'node:crypto';

// Identifiers in Auth0's shapes: actions, versions and bindings are UUIDs, roles `rol_` + 16 characters,
// resource servers 24 hex digits, clients 32 characters, database users `auth0|` + 24 hex digits, connections `con_` and organizations
// `org_` + 16 characters.

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function alphanumeric(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 248) out += ALPHANUMERIC[b % 62]; // 248 = 4 × 62: no modulo bias
  }
  return out.length === length ? out : out + alphanumeric(length - out.length);
}

export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

export const ids = {
  action: (): string => randomUUID(),
  version: (): string => randomUUID(),
  binding: (): string => randomUUID(),
  role: (): string => `rol_${alphanumeric(16)}`,
  resourceServer: (): string => hex(12),
  client: (): string => alphanumeric(32),
  clientSecret: (): string => randomBytes(48).toString('base64url'),
  grant: (): string => `cgr_${alphanumeric(16)}`,
  user: (): string => `auth0|${hex(12)}`,
  connection: (): string => `con_${alphanumeric(16)}`,
  organization: (): string => `org_${alphanumeric(16)}`,
};
