import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function accessApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['access'] {
  return {
    // Does not throw: the Action runs on, later Actions are skipped (auth0-facts §2).
    deny(reason) {
      ctx.record('access.deny', [reason]);
      ctx.flow.denied = { reason: String(reason) };
      return api;
    },
  };
}
