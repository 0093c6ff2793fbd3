import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function multifactorApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['multifactor'] {
  return {
    enable(provider, options) {
      const args = options === undefined ? [provider] : [provider, options];
      ctx.record('multifactor.enable', args);
      ctx.flow.effects.set('multifactor.enable', args);
      return api;
    },
  };
}
