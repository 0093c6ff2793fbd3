// While auth0-deploy-cli applies, watch the changed Actions' builds on the tenant. a0deploy retries a
// deploy every 2 s for up to 2 minutes while the draft is not 'built' — also when the build has FAILED
// and never will be. When one fails, its deploy requests are refused at once, so the import stops
// (before the bindings step) and the deploy reports the failed build instead of waiting it out.
import type { ManagementClient } from 'auth0';
import type { Transport } from './http.ts';
import { asRecord } from '../lib/records.ts';

export interface BuildWatch {
  /** Actions whose build failed, with the tenant's reason. */
  failed: Map<string, string>;
  stop(): Promise<void>;
}

const rec = asRecord;

export function watchBuilds(mgmt: ManagementClient, transport: Transport, names: readonly string[], intervalMs = 1000): BuildWatch {
  const failed = new Map<string, string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  // Existing Actions show the status of their previous build until a0deploy's PATCH starts a new one.
  const before = new Set<string>();
  const ids = new Map<string, string>();
  /** After one failure the import is lost: stop every deploy retry and the bindings step at once. */
  const stopImport = (reason: string) => {
    for (const id of ids.values()) transport.refuse('POST', `/api/v2/actions/actions/${id}/deploy`, reason);
    transport.refuse('PATCH', '/api/v2/actions/triggers/post-login/bindings', reason);
  };
  const poll = async (): Promise<void> => {
    let first = true;
    while (!stopped) {
      const sent = new Set(transport.counts.writeLog);
      try {
        for await (const item of await mgmt.actions.list({ per_page: 100 })) {
          const a = rec(item);
          const name = String(a['name']);
          const id = String(a['id']);
          if (first) before.add(id);
          if (names.includes(name)) ids.set(name, id);
          if (failed.size > 0) stopImport('claimkit: another Action failed to build; this import stops.');
          const submitted = !before.has(id) || sent.has(`PATCH /api/v2/actions/actions/${id}`);
          if (!names.includes(name) || !submitted || a['status'] !== 'failed' || failed.has(name)) continue;
          const errors = Array.isArray(a['errors']) ? a['errors'].map((e) => String(rec(e)['msg'] ?? rec(e)['message'] ?? '')).filter(Boolean) : [];
          const reason = errors.join('; ') || 'the tenant reports status "failed"';
          failed.set(name, reason);
          stopImport(`claimkit: the build of Action ${name} failed (${reason}); not waiting for it.`);
        }
        first = false;
      } catch {
        // A failed poll is not a failed deploy: a0deploy's own requests decide that.
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, intervalMs);
      });
    }
  };
  const running = poll();
  return {
    failed,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}
