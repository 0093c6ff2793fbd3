import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function rulesApi(ctx: ActionContext): PostLoginApi['rules'] {
  return {
    wasExecuted(ruleId) {
      ctx.record('rules.wasExecuted', [ruleId]);
      return ctx.flow.options.rulesExecuted.has(ruleId);
    },
  };
}
