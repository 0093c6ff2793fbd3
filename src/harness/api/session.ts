import type { PostLoginApi } from '../../types/api.ts';
import type { PostLoginEvent } from '../../types/event.ts';
import type { ActionContext } from '../state.ts';
import { checkOptions, typeName } from './checks.ts';
import { metadataMethods, setEarliestExpiry } from './entity-methods.ts';
import { invalidArgument } from './errors.ts';

const COOKIE_MODES: readonly unknown[] = ['persistent', 'non-persistent'];

export function sessionApi(ctx: ActionContext): PostLoginApi['session'] {
  const session = (event: PostLoginEvent) => event.session;
  return {
    revoke(reason, options) {
      ctx.record('session.revoke', options === undefined ? [reason] : [reason, options]);
      // PostLoginRevokeSessionInput (@auth0/actions): a string reason, options { preserveRefreshTokens?: boolean }.
      if (reason !== undefined && typeof reason !== 'string') throw invalidArgument(`session.revoke: the reason must be a string, got ${typeName(reason)}.`);
      checkOptions(options, 'session.revoke: options', ['preserveRefreshTokens']);
      const preserve = options?.preserveRefreshTokens;
      if (preserve !== undefined && typeof preserve !== 'boolean') throw invalidArgument('session.revoke: preserveRefreshTokens must be a boolean.');
      ctx.flow.effects.set('session.revoke', { reason, preserveRefreshTokens: preserve ?? false });
      // Revoking the session also denies this login: the Action finishes and no later Action runs.
      ctx.flow.denied = { reason: reason ?? '' };
    },
    setExpiresAt(absoluteMs) {
      ctx.record('session.setExpiresAt', [absoluteMs]);
      setEarliestExpiry(ctx, 'session.setExpiresAt', absoluteMs);
    },
    setIdleExpiresAt(idleMs) {
      ctx.record('session.setIdleExpiresAt', [idleMs]);
      setEarliestExpiry(ctx, 'session.setIdleExpiresAt', idleMs);
    },
    setCookieMode(mode) {
      ctx.record('session.setCookieMode', [mode]);
      if (!COOKIE_MODES.includes(mode)) throw invalidArgument(`session.setCookieMode: the mode must be 'persistent' or 'non-persistent', got ${JSON.stringify(mode) ?? 'undefined'}.`);
      ctx.flow.effects.set('session.setCookieMode', mode);
      // The last call wins, and the event shows it at once when there is a session (and later Actions too).
      ctx.update((event) => {
        const current = session(event);
        if (current && Object.keys(current).length > 0) event.session = { ...current, cookie: { ...current.cookie, mode } };
      });
    },
    // Setting metadata needs a session; deleting or evicting without one does nothing (as the runtime).
    ...metadataMethods(ctx, { namespace: 'session', entity: session, assertAllowed: () => undefined, requiresEntity: true }),
  };
}
