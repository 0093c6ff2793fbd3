import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function rulesApi(ctx: ActionContext): PostLoginApi['rules'] {
  return {
    // The runtime answers from the ids of the Rules that ran before the Actions; anything else is false.
    wasExecuted(ruleId) {
      ctx.record('rules.wasExecuted', [ruleId]);
      return typeof ruleId === 'string' && ctx.flow.options.rulesExecuted.has(ruleId);
    },
  };
}
