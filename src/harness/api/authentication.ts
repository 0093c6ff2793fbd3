import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';
import { typeName } from './checks.ts';
import { invalidArgument, notAllowed } from './errors.ts';
import { CHALLENGE_FACTORS, checkFactorList, checkFactorWithOptions, ENROLL_FACTORS } from './factors.ts';

// Auth0 limit: primary_user_id is at most 128 characters (@auth0/actions MAX_USER_ID_LENGTH; docs, Actions limitations).
const MAX_USER_ID_LENGTH = 128;

function checkProviderUrl(url: unknown): void {
  if (typeof url !== 'string') throw invalidArgument(`recordMethod needs an http(s) URL string, got ${typeName(url)}.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidArgument(`recordMethod needs an absolute http(s) URL, got "${url}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalidArgument(`recordMethod needs an http: or https: URL, got "${url}".`);
  }
}

export function authenticationApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['authentication'] {
  const effect = (method: string, args: unknown[]) => {
    ctx.flow.effects.set(`authentication.${method}`, args);
  };
  // "When a multifactor challenge [or enrollment] is requested, subsequent Actions will not be run until
  // that challenge has been fulfilled by the user" (docs, post-login api object).
  const requestMfa = (method: string, args: unknown[]) => {
    effect(method, args);
    ctx.flow.mfaRequested = true;
  };
  const call = (method: string, args: unknown[]) => ctx.record(`authentication.${method}`, args);
  return {
    challengeWith(factor, options) {
      const args = options === undefined ? [factor] : [factor, options];
      call('challengeWith', args);
      checkFactorWithOptions(factor, options, CHALLENGE_FACTORS, 'challengeWith');
      requestMfa('challengeWith', args);
    },
    challengeWithAny(factors) {
      call('challengeWithAny', [factors]);
      checkFactorList(factors, CHALLENGE_FACTORS, 'challengeWithAny: factors', false);
      requestMfa('challengeWithAny', [factors]);
    },
    enrollWith(factor, options) {
      const args = options === undefined ? [factor] : [factor, options];
      call('enrollWith', args);
      checkFactorWithOptions(factor, options, ENROLL_FACTORS, 'enrollWith');
      requestMfa('enrollWith', args);
    },
    enrollWithAny(factors) {
      call('enrollWithAny', [factors]);
      checkFactorList(factors, ENROLL_FACTORS, 'enrollWithAny: factors', false);
      requestMfa('enrollWithAny', [factors]);
    },
    recordMethod(providerUrl) {
      call('recordMethod', [providerUrl]);
      // Only after a redirect, in onContinuePostLogin (@auth0/actions AuthenticationAPI.recordMethod).
      if (ctx.phase !== 'continue') throw notAllowed('api.authentication.recordMethod can only be used in onContinuePostLogin.');
      checkProviderUrl(providerUrl);
      effect('recordMethod', [providerUrl]);
      return api;
    },
    setPrimaryUser(primaryUserId) {
      call('setPrimaryUser', [primaryUserId]);
      // Once per transaction, across all Actions (and Rules) of the login.
      if (ctx.flow.primaryUser !== undefined) throw notAllowed('The primary user can only be changed once per transaction.');
      if (typeof primaryUserId !== 'string' || primaryUserId.length === 0) {
        throw invalidArgument('setPrimaryUser needs a non-empty user id string.');
      }
      if (primaryUserId.length > MAX_USER_ID_LENGTH) {
        throw invalidArgument(`setPrimaryUser: the user id is ${primaryUserId.length} characters; Auth0 allows ${MAX_USER_ID_LENGTH}.`);
      }
      effect('setPrimaryUser', [primaryUserId]);
      ctx.flow.primaryUser = primaryUserId;
      ctx.flow.primaryUserAction = ctx.name;
    },
  };
}
