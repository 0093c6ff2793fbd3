import type { PostLoginApi } from '../../types/api.ts';
import type { Transaction } from '../../types/event.ts';
import { setOwn } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { typeName, isFiniteNumber } from './checks.ts';
import { invalidArgument } from './errors.ts';
import { addTargetScope, removeTargetScope, setTargetScopes } from './target-scopes.ts';

function checkMetadata(key: unknown, value: unknown): void {
  if (typeof key !== 'string' || key.length === 0) throw invalidArgument(`transaction.setMetadata: the key must be a non-empty string, got ${typeName(key)}.`);
  const ok = value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
  if (!ok) throw invalidArgument(`transaction.setMetadata("${key}"): the value must be a string, a finite number, a boolean or null; got ${typeName(value)}.`);
}

export function transactionApi(ctx: ActionContext): PostLoginApi['transaction'] {
  // event.transaction is optional; the runtime creates it on the first change. Changes go to the flow's
  // event, so this Action sees them at once and later Actions (and onContinuePostLogin) see them too.
  const tx = (): Transaction => {
    const existing = ctx.event.transaction ?? ctx.flow.event.transaction;
    const t = existing ?? { metadata: {} };
    t.metadata ??= {};
    ctx.flow.event.transaction = t;
    if (ctx.event !== ctx.flow.event) ctx.event.transaction = t;
    return t;
  };
  return {
    setMetadata(key, value) {
      ctx.record('transaction.setMetadata', [key, value]);
      checkMetadata(key, value);
      const t = tx();
      const next = { ...t.metadata };
      if (value === null) delete next[key];
      else setOwn(next, key, value);
      t.metadata = next;
    },
    addTargetScope(scope) {
      ctx.record('transaction.addTargetScope', [scope]);
      addTargetScope(tx(), scope);
    },
    removeTargetScope(scope) {
      ctx.record('transaction.removeTargetScope', [scope]);
      removeTargetScope(tx(), scope);
    },
    setTargetScopes(scopes) {
      ctx.record('transaction.setTargetScopes', [scopes]);
      setTargetScopes(tx(), scopes);
    },
    clearTargetScopes() {
      ctx.record('transaction.clearTargetScopes', []);
      tx().target_scopes = [];
    },
  };
}
