import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function validationApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['validation'] {
  return {
    error(errorCode, errorMessage) {
      ctx.record('validation.error', [errorCode, errorMessage]);
      ctx.flow.denied = { reason: errorMessage, code: errorCode };
      return api;
    },
  };
}
