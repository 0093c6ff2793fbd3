import type { PostLoginApi } from '../../types/api.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import type { ActionContext } from '../state.ts';
import { checkText } from './checks.ts';
import { metadataMethods, setEarliestExpiry } from './entity-methods.ts';
import { notAllowed } from './errors.ts';

// PostLoginRevokeRefreshTokenInput (@auth0/actions): the reason is at most 1024 characters.
const MAX_REASON_LENGTH = 1024;

export function refreshTokenApi(ctx: ActionContext): PostLoginApi['refreshToken'] {
  const token = (event: PostLoginEvent) => event.refresh_token;
  // The runtime refuses every change but revoke on an online refresh token.
  const assertOffline = (method: string) => {
    if (token(ctx.event)?.access === 'online') throw notAllowed(`api.refreshToken.${method} cannot be used on an online refresh token.`);
  };
  return {
    revoke(reason) {
      ctx.record('refreshToken.revoke', [reason]);
      // Only in a refresh-token exchange (docs: RefreshTokenAPI.revoke).
      const protocol = ctx.event.transaction?.protocol;
      if (protocol !== 'oauth2-refresh-token') {
        throw notAllowed(`api.refreshToken.revoke only works in a refresh-token exchange (protocol 'oauth2-refresh-token'), not '${protocol ?? 'none'}'.`);
      }
      if (reason !== undefined) checkText(reason, 'refreshToken.revoke: the reason', MAX_REASON_LENGTH);
      ctx.flow.effects.set('refreshToken.revoke', { reason });
      // The exchange is denied: this Action finishes and no later Action runs.
      ctx.flow.denied = { reason: reason ?? '' };
    },
    setExpiresAt(absoluteMs) {
      ctx.record('refreshToken.setExpiresAt', [absoluteMs]);
      assertOffline('setExpiresAt');
      setEarliestExpiry(ctx, 'refreshToken.setExpiresAt', absoluteMs);
    },
    setIdleExpiresAt(idleMs) {
      ctx.record('refreshToken.setIdleExpiresAt', [idleMs]);
      assertOffline('setIdleExpiresAt');
      setEarliestExpiry(ctx, 'refreshToken.setIdleExpiresAt', idleMs);
    },
    // Allowed without event.refresh_token: the metadata waits for the token Auth0 is about to issue.
    ...metadataMethods(ctx, { namespace: 'refreshToken', entity: token, assertAllowed: assertOffline, requiresEntity: false }),
  };
}
