import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';

export function refreshTokenApi(ctx: ActionContext): PostLoginApi['refreshToken'] {
  const effect = (method: string, args: unknown[]) => {
    ctx.record(`refreshToken.${method}`, args);
    ctx.flow.effects.set(`refreshToken.${method}`, args);
  };
  return {
    revoke: (reason) => effect('revoke', [reason]),
    setExpiresAt: (absoluteMs) => effect('setExpiresAt', [absoluteMs]),
    setIdleExpiresAt: (idleMs) => effect('setIdleExpiresAt', [idleMs]),
    setMetadata: (key, value) => effect('setMetadata', [key, value]),
    deleteMetadata: (key) => effect('deleteMetadata', [key]),
    evictMetadata: () => effect('evictMetadata', []),
  };
}
