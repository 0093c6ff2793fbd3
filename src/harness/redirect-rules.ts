import { createHash } from 'node:crypto';
import type { PostLoginEvent } from '../types/event.ts';
import type { FlowError } from './state.ts';

const REDIRECT_DOC = 'Auth0 docs, Redirect with Actions';

/**
 * Protocols where Auth0 cannot redirect: @auth0/actions RedirectAPIImpl (NO_REDIRECT_PROTOCOLS, used by
 * canRedirect), which matches the docs' "Restrictions and limitations" (Resource Owner endpoint, password
 * exchange, refresh-token exchange): there is no browser to send anywhere.
 */
export const NO_REDIRECT_PROTOCOLS: ReadonlySet<string> = new Set([
  'oauth2-resource-owner',
  'oauth2-refresh-token',
  'oauth2-password',
  'oauth2-webauthn',
]);

/** True when the authorize request said prompt=none (query, as canRedirect reads it, or the transaction). */
export function isPromptNone(event: PostLoginEvent): boolean {
  const prompt = event.transaction?.prompt;
  // Optional chains: an event file from a stranger may lack parts the type promises.
  return event.request?.query?.['prompt'] === 'none' || (Array.isArray(prompt) && prompt.includes('none'));
}

/**
 * How Auth0 fails a login in which `action` called api.redirect.sendUserTo, or undefined when it can
 * redirect. Read from the flow's event: what the Action did to its own copy changes nothing.
 */
export function redirectRefusal(event: PostLoginEvent, action: string): FlowError | undefined {
  const protocol = event.transaction?.protocol;
  if (protocol !== undefined && NO_REDIRECT_PROTOCOLS.has(protocol)) {
    return {
      message:
        `api.redirect.sendUserTo was called in a '${protocol}' flow: there is no browser to redirect, and Auth0 fails the request ` +
        `(${REDIRECT_DOC}, "Restrictions and limitations"). Check api.redirect.canRedirect() or event.transaction.protocol before redirecting.`,
      action,
    };
  }
  if (isPromptNone(event)) {
    return {
      message:
        `api.redirect.sendUserTo was called in a login with prompt=none: Auth0 fails it with error=interaction_required ` +
        `(${REDIRECT_DOC}, "Flows where prompt=none"). Check api.redirect.canRedirect() before redirecting.`,
      action,
      code: 'interaction_required',
    };
  }
  return undefined;
}

/**
 * The `state` Auth0 adds to the redirect URL ("Auth0 also passes a state parameter in that URL"). Auth0's is
 * opaque; this one is derived from the login so the same event gives the same URL, and it is never the
 * application's own `state` (event.transaction.state), which Auth0 keeps for the final response.
 */
export function defaultRedirectState(event: PostLoginEvent): string {
  const seed = JSON.stringify(['claimkit-continue', event.tenant?.id, event.transaction?.id, event.user?.user_id, event.session?.id]);
  return createHash('sha256').update(seed).digest('base64url').slice(0, 32);
}

/** The URL the user is sent to: the Action's URL with Auth0's `state` set (it wins over one of the Action's). */
export function withState(url: string, state: string): string {
  const target = new URL(url);
  target.searchParams.set('state', state);
  return target.href;
}

/**
 * Auth0 resumes a login only when /continue brings back the state it sent; otherwise "Auth0 will lose the
 * context of the login transaction and the user will not be able to log in due to an invalid_request error"
 * (Redirect with Actions, "Resume the authentication flow").
 */
export function continueStateError(event: PostLoginEvent, expected: string, action: string): FlowError | undefined {
  const got = { ...event.request?.query, ...event.request?.body }['state'];
  if (got === expected) return undefined;
  const what = got === undefined ? 'has no state parameter' : 'carries another state than the one Auth0 sent';
  return {
    message: `The /continue request ${what}; Auth0 loses the login transaction and fails it with error=invalid_request (${REDIRECT_DOC}, "Resume the authentication flow"). Send back the state from the redirect URL.`,
    action,
    code: 'invalid_request',
  };
}
