import type { TenantStore } from '../store/store.ts';
import type { StoredUser } from '../store/model.ts';

// `logins_count`, `last_login` and `last_ip` move with every login. They are saved in the background,
// at most FLUSH_MS after the login (Auth0 also updates them after the login, not as part of it), so a
// login does not wait for a disk write; until then the counts are added from memory. What the Actions
// write to a user's metadata is saved before the login answers, as every other change.

const FLUSH_MS = 500;

interface Pending {
  count: number;
  lastLogin: string;
  lastIp: string;
}

class LoginStats {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly store: TenantStore) {}

  count(user: StoredUser): number {
    const stored = typeof user['logins_count'] === 'number' ? user['logins_count'] : 0;
    return stored + (this.pending.get(user.user_id)?.count ?? 0);
  }

  record(userId: string, at: string, ip: string): void {
    const p = this.pending.get(userId);
    this.pending.set(userId, { count: (p?.count ?? 0) + 1, lastLogin: at, lastIp: ip });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
  }

  /** Saves what is pending (also called when the tenant stops). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (batch.size === 0) return this.saving;
    this.pending = new Map();
    this.saving = this.saving.then(() =>
      this.store
        .write(() => (data) => {
          for (const user of data.users) {
            const p = batch.get(user.user_id);
            if (!p) continue;
            user['logins_count'] = (typeof user['logins_count'] === 'number' ? user['logins_count'] : 0) + p.count;
            user['last_login'] = p.lastLogin;
            user['last_ip'] = p.lastIp;
          }
        })
        .catch(() => {
          // A failed save loses these counts, not the tenant's data: the next logins count on.
        }),
    );
    return this.saving;
  }
}

const byStore = new WeakMap<TenantStore, LoginStats>();

export function loginStats(store: TenantStore): LoginStats {
  let stats = byStore.get(store);
  if (!stats) byStore.set(store, (stats = new LoginStats(store)));
  return stats;
}
