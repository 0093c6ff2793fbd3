import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function authenticationApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['authentication'] {
  const effect = (method: string, args: unknown[]) => {
    ctx.record(`authentication.${method}`, args);
    ctx.flow.effects.set(`authentication.${method}`, args);
  };
  return {
    challengeWith: (factor, options) => effect('challengeWith', options === undefined ? [factor] : [factor, options]),
    challengeWithAny: (factors) => effect('challengeWithAny', [factors]),
    enrollWith: (factor, options) => effect('enrollWith', options === undefined ? [factor] : [factor, options]),
    enrollWithAny: (factors) => effect('enrollWithAny', [factors]),
    recordMethod(providerUrl) {
      effect('recordMethod', [providerUrl]);
      return api;
    },
    setPrimaryUser(primaryUserId) {
      effect('setPrimaryUser', [primaryUserId]);
      ctx.flow.primaryUser = primaryUserId;
    },
  };
}
