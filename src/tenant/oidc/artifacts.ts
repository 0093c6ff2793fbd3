import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { TokenPlan } from '../login/tokens.ts';

// Where the provider keeps its artifacts (sessions, interactions, codes, grants, opaque access tokens,
// refresh tokens): in memory, each until it expires. A restart of the tenant signs everybody out — what
// is lost is short-lived, and the tenant's own data (users, clients, Actions) lives in its store.
// The token plan of a login (claims, scope) rides on its grant and goes when the grant goes.

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/** Artifacts kept at most: past it the oldest go first (a load test must not exhaust memory). */
const MAX_ENTRIES = 200_000;
const SWEEP_EVERY = 1_000;

export class Artifacts {
  private readonly entries = new Map<string, Entry>();
  private readonly byGrant = new Map<string, Set<string>>();
  private readonly byUid = new Map<string, string>();
  private readonly plans = new Map<string, TokenPlan>();
  /** The latest plan per user and client: what /userinfo adds for a JWT access token (it names no grant). */
  private readonly latest = new Map<string, TokenPlan>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  upsert(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    this.entries.delete(key);
    this.entries.set(key, { payload, expiresAt: expiresIn === undefined ? Infinity : this.now() + expiresIn * 1000 });
    if (typeof payload.grantId === 'string') {
      let keys = this.byGrant.get(payload.grantId);
      if (!keys) this.byGrant.set(payload.grantId, (keys = new Set()));
      keys.add(key);
    }
    if (typeof payload.uid === 'string') this.byUid.set(payload.uid, key);
    if (++this.writes % SWEEP_EVERY === 0) this.sweep();
    while (this.entries.size > MAX_ENTRIES) this.remove(this.entries.keys().next().value as string);
  }

  find(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key);
      return undefined;
    }
    return entry.payload;
  }

  findByUid(uid: string): AdapterPayload | undefined {
    const key = this.byUid.get(uid);
    return key === undefined ? undefined : this.find(key);
  }

  consume(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.payload.consumed = Math.floor(this.now() / 1000);
  }

  remove(key: string): void {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (!entry) return;
    const { grantId, uid } = entry.payload;
    if (typeof uid === 'string' && this.byUid.get(uid) === key) this.byUid.delete(uid);
    if (typeof grantId === 'string') this.byGrant.get(grantId)?.delete(key);
    if (key.startsWith('Grant:')) {
      const id = key.slice('Grant:'.length);
      this.plans.delete(id);
      this.byGrant.delete(id);
    }
  }

  revokeByGrantId(grantId: string): void {
    for (const key of [...(this.byGrant.get(grantId) ?? [])]) this.remove(key);
    this.remove(`Grant:${grantId}`);
  }

  /** The token plan of the login that made `grantId` (replaced at each refresh). */
  setPlan(grantId: string, plan: TokenPlan): void {
    this.plans.set(grantId, plan);
    const key = `${plan.userId}\0${plan.clientId}`;
    this.latest.delete(key);
    this.latest.set(key, plan);
    if (this.latest.size > MAX_ENTRIES) this.latest.delete(this.latest.keys().next().value as string);
  }

  latestPlan(userId: string, clientId: string): TokenPlan | undefined {
    return this.latest.get(`${userId}\0${clientId}`);
  }

  plan(grantId: string | undefined): TokenPlan | undefined {
    return grantId === undefined ? undefined : this.plans.get(grantId);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.remove(key);
  }
}

/** The provider's adapter contract over the shared artifacts; clients come from the tenant's store. */
export function adapterClass(artifacts: Artifacts, findClient: (id: string) => AdapterPayload | undefined): new (name: string) => Adapter {
  return class TenantAdapter implements Adapter {
    constructor(private readonly model: string) {}
    private key(id: string): string {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      if (this.model !== 'Client') artifacts.upsert(this.key(id), payload, expiresIn);
    }
    async find(id: string): Promise<AdapterPayload | undefined> {
      return this.model === 'Client' ? findClient(id) : artifacts.find(this.key(id));
    }
    async findByUserCode(): Promise<undefined> {
      return undefined; // no device flow
    }
    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return artifacts.findByUid(uid);
    }
    async consume(id: string): Promise<void> {
      artifacts.consume(this.key(id));
    }
    async destroy(id: string): Promise<void> {
      artifacts.remove(this.key(id));
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      artifacts.revokeByGrantId(grantId);
    }
  };
}
