import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';
import { abortExecution } from './checks.ts';
import { invalidArgument } from './errors.ts';
import { encodeToken, validateToken, withoutSecret } from './redirect-token.ts';

// Protocols where Auth0 cannot redirect (@auth0/actions runtime, canRedirect).
const NO_REDIRECT_PROTOCOLS = new Set(['oauth2-resource-owner', 'oauth2-refresh-token', 'oauth2-password', 'oauth2-webauthn']);

export function redirectApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['redirect'] {
  return {
    sendUserTo(url, options) {
      ctx.record('redirect.sendUserTo', options === undefined ? [url] : [url, options]);
      if (ctx.flow.prompt?.action === ctx.name) throw abortExecution(ctx, 'Redirect and render commands cannot be used in the same action.');
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        throw invalidArgument(`api.redirect.sendUserTo needs an absolute URL, got "${String(url)}".`);
      }
      for (const [k, v] of Object.entries(options?.query ?? {})) target.searchParams.set(k, v);
      ctx.flow.redirect = { url: target.href, action: ctx.name };
      return api;
    },
    encodeToken(options) {
      ctx.record('redirect.encodeToken', [withoutSecret(options)]);
      return encodeToken(ctx, options);
    },
    validateToken(options) {
      ctx.record('redirect.validateToken', [withoutSecret(options)]);
      return validateToken(ctx, options);
    },
    canRedirect() {
      ctx.record('redirect.canRedirect', []);
      if (ctx.event.request.query['prompt'] === 'none') return false;
      return !NO_REDIRECT_PROTOCOLS.has(ctx.event.transaction?.protocol ?? 'unknown-protocol');
    },
  };
}
