import type { PostLoginApi } from '../../types/api.ts';
import type { PostLoginEvent, Transaction } from '../../types/event.ts';
import type { ActionContext } from '../state.ts';
import { addTargetScope, removeTargetScope, setTargetScopes } from './target-scopes.ts';
import { nextTransactionMetadata } from './transaction-metadata.ts';

/** event.transaction, created with empty metadata when absent (the runtime creates it on the first change). */
function txOf(event: PostLoginEvent): Transaction {
  const tx = (event.transaction ??= { metadata: {} });
  tx.metadata ??= {};
  return tx;
}

export function transactionApi(ctx: ActionContext): PostLoginApi['transaction'] {
  // The flow's transaction holds what the api stored; each change is copied into this Action's event (it
  // sees it at once, "updated in real-time") and stays in the flow's event for later Actions and for
  // onContinuePostLogin ("Values persist across sequential Actions and survive interruptions").
  const stored = () => txOf(ctx.flow.event);
  const syncScopes = () => {
    const scopes = stored().target_scopes ?? [];
    ctx.update((event) => void (txOf(event).target_scopes = [...scopes]));
  };
  return {
    setMetadata(key, value) {
      ctx.record('transaction.setMetadata', [key, value]);
      const next = nextTransactionMetadata(stored().metadata, key, value);
      ctx.update((event) => void (txOf(event).metadata = { ...next }));
    },
    addTargetScope(scope) {
      ctx.record('transaction.addTargetScope', [scope]);
      addTargetScope(stored(), scope);
      syncScopes();
    },
    removeTargetScope(scope) {
      ctx.record('transaction.removeTargetScope', [scope]);
      removeTargetScope(stored(), scope);
      syncScopes();
    },
    setTargetScopes(scopes) {
      ctx.record('transaction.setTargetScopes', [scopes]);
      setTargetScopes(stored(), scopes);
      syncScopes();
    },
    clearTargetScopes() {
      ctx.record('transaction.clearTargetScopes', []);
      stored().target_scopes = [];
      syncScopes();
    },
  };
}
