import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ManagementClient } from 'auth0';
import type { ClaimRule } from '../runtime/claims/config.ts';
import { writeFileAtomic } from '../tenant/store/atomic-file.ts';
import { DEFAULT_REALM } from '../tokens/login.ts';

// The demo user a deploy to the LOCAL tenant logs in with (never created on a real tenant). It is not in
// tenant.yaml: claimkit creates it through the Management API, like any user, and says what it gave it —
// every role tenant.yaml declares, and the value "demo" for each app_metadata / user_metadata field
// claims.yaml reads. Its password is random, kept in the local tenant's state folder (owner-only), and
// read by `claimkit login`. Once it exists claimkit leaves it alone: change it through the Management API
// to try other claims.

export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_FILE = 'demo-user.json';

export interface DemoUserFile {
  email: string;
  password: string;
  /** What `claimkit login` uses when not told otherwise: the deploy's demo login. */
  client?: string;
  audience?: string;
  scope?: string;
}

export interface DemoUser extends DemoUserFile {
  userId: string;
  /** created: new now; kept: as it was; password-reset: it existed without a known password. */
  status: 'created' | 'kept' | 'password-reset';
  roles: string[];
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
}

export function readDemoUser(stateDir: string): DemoUserFile | undefined {
  const file = path.join(stateDir, DEMO_FILE);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoUserFile;
    return typeof parsed.email === 'string' && typeof parsed.password === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** "demo" at every metadata path claims.yaml reads, so that its claims have something to show. */
export function demoMetadata(claims: readonly ClaimRule[]): { app_metadata: Record<string, unknown>; user_metadata: Record<string, unknown> } {
  const out = { app_metadata: {} as Record<string, unknown>, user_metadata: {} as Record<string, unknown> };
  for (const { source } of claims) {
    if (source.kind !== 'app_metadata' && source.kind !== 'user_metadata') continue;
    let node = out[source.kind];
    source.path.forEach((key, i) => {
      if (i === source.path.length - 1) node[key] ??= 'demo';
      else node = (node[key] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

/** A password Auth0's default policy accepts (upper, lower, digit; well within 72 bytes). */
const newPassword = () => `Demo-${randomBytes(18).toString('base64url')}-9a`;

export async function ensureDemoUser(mgmt: ManagementClient, stateDir: string, roleNames: readonly string[], claims: readonly ClaimRule[]): Promise<DemoUser> {
  const known = readDemoUser(stateDir);
  const [existing] = await mgmt.users.listUsersByEmail({ email: DEMO_EMAIL });
  const file = path.join(stateDir, DEMO_FILE);
  if (existing?.user_id && known) {
    const roles = (await mgmt.users.roles.list(existing.user_id)).data.map((r) => String(r.name));
    return { ...known, userId: existing.user_id, status: 'kept', roles, app_metadata: existing.app_metadata ?? {}, user_metadata: existing.user_metadata ?? {} };
  }
  const password = newPassword();
  let userId: string;
  let status: DemoUser['status'];
  let metadata: ReturnType<typeof demoMetadata>;
  if (existing?.user_id) {
    await mgmt.users.update(existing.user_id, { password, connection: DEFAULT_REALM });
    userId = existing.user_id;
    status = 'password-reset';
    metadata = { app_metadata: existing.app_metadata ?? {}, user_metadata: existing.user_metadata ?? {} };
  } else {
    metadata = demoMetadata(claims);
    const created = await mgmt.users.create({ connection: DEFAULT_REALM, email: DEMO_EMAIL, password, name: 'claimkit demo user', email_verified: true, ...metadata });
    userId = String(created.user_id);
    status = 'created';
    const byName = new Map((await mgmt.roles.list({ per_page: 100 })).data.map((r) => [String(r.name), String(r.id)]));
    const ids = roleNames.flatMap((n) => (byName.has(n) ? [byName.get(n) as string] : []));
    if (ids.length > 0) await mgmt.users.roles.assign(userId, { roles: ids });
  }
  await writeFileAtomic(file, JSON.stringify({ ...known, email: DEMO_EMAIL, password }, null, 2));
  const roles = (await mgmt.users.roles.list(userId)).data.map((r) => String(r.name));
  return { email: DEMO_EMAIL, password, userId, status, roles, ...metadata };
}

/** Remembers the demo login's client, audience and scope as `claimkit login`'s defaults. */
export async function rememberDemoLogin(stateDir: string, login: Required<Pick<DemoUserFile, 'client' | 'scope'>> & Pick<DemoUserFile, 'audience'>): Promise<void> {
  const known = readDemoUser(stateDir);
  if (!known) return;
  await writeFileAtomic(path.join(stateDir, DEMO_FILE), JSON.stringify({ ...known, ...login }, null, 2));
}
