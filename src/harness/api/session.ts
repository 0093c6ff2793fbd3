import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function sessionApi(ctx: ActionContext): PostLoginApi['session'] {
  const effect = (method: string, args: unknown[]) => {
    ctx.record(`session.${method}`, args);
    ctx.flow.effects.set(`session.${method}`, args);
  };
  return {
    revoke(reason, options) {
      effect('revoke', options === undefined ? [reason] : [reason, options]);
      ctx.flow.denied = { reason };
    },
    setExpiresAt: (absoluteMs) => effect('setExpiresAt', [absoluteMs]),
    setIdleExpiresAt: (idleMs) => effect('setIdleExpiresAt', [idleMs]),
    setCookieMode: (mode) => effect('setCookieMode', [mode]),
    setMetadata: (key, value) => effect('setMetadata', [key, value]),
    deleteMetadata: (key) => effect('deleteMetadata', [key]),
    evictMetadata: () => effect('evictMetadata', []),
  };
}
