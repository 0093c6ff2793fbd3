import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';
import { validScope } from './scope.ts';

export function transactionApi(ctx: ActionContext): PostLoginApi['transaction'] {
  const tx = () => ctx.flow.event.transaction;
  const targets = () => {
    const t = tx();
    if (t === undefined) return [];
    return (t.target_scopes ??= [...(t.requested_scopes ?? [])]);
  };
  return {
    setMetadata(key, value) {
      ctx.record('transaction.setMetadata', [key, value]);
      const t = tx();
      if (t === undefined) return;
      if (value === null) delete t.metadata[key];
      else t.metadata[key] = value;
    },
    addTargetScope(scope) {
      ctx.record('transaction.addTargetScope', [scope]);
      const s = validScope(scope);
      const list = targets();
      if (!list.includes(s)) list.push(s);
    },
    removeTargetScope(scope) {
      ctx.record('transaction.removeTargetScope', [scope]);
      const s = validScope(scope);
      const list = targets();
      const i = list.indexOf(s);
      if (i >= 0) list.splice(i, 1);
    },
    setTargetScopes(scopes) {
      ctx.record('transaction.setTargetScopes', [scopes]);
      const list = targets();
      list.splice(0, list.length, ...scopes.map(validScope));
    },
    clearTargetScopes() {
      ctx.record('transaction.clearTargetScopes', []);
      targets().length = 0;
    },
  };
}
