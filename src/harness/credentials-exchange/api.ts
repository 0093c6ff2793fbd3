import { ClaimkitError } from '../../errors.ts';
import { SCOPE_CLAIM, SCOPE_CLAIM_MESSAGE } from '../../policy/index.ts';
import type { AccessDeniedCode, CredentialsExchangeApi } from '../../types/credentials-exchange/api.ts';
import { cacheApi } from '../api/cache.ts';
import { typeName } from '../api/checks.ts';
import { invalidArgument } from '../api/errors.ts';
import { ignoreLateCalls } from '../api/late.ts';
import { addTargetScope, removeTargetScope, setTargetScopes } from '../api/target-scopes.ts';
import { cloneJson } from '../clone.ts';
import type { ExchangeContext } from './state.ts';

/** The OAuth errors Auth0 takes (docs, credentials-exchange API object, api.access.deny). */
export const ACCESS_DENIED_CODES: readonly AccessDeniedCode[] = ['invalid_scope', 'invalid_request', 'server_error'];

function accessApi(ctx: ExchangeContext, api: CredentialsExchangeApi): CredentialsExchangeApi['access'] {
  return {
    // Does not throw: the Action runs on, later Actions are skipped, no token is issued.
    deny(code, reason) {
      ctx.record('access.deny', reason === undefined ? [code] : [code, reason]);
      // Auth0 documents only these three; another code is refused here rather than guessed at.
      if (!(ACCESS_DENIED_CODES as readonly unknown[]).includes(code)) {
        throw invalidArgument(`api.access.deny: the code must be one of ${ACCESS_DENIED_CODES.join(', ')}; got ${typeof code === 'string' ? JSON.stringify(code) : typeName(code)}.`);
      }
      ctx.flow.denied = { code, reason: reason === undefined ? '' : String(reason) };
      return api;
    },
  };
}

function accessTokenApi(ctx: ExchangeContext, api: CredentialsExchangeApi): CredentialsExchangeApi['accessToken'] {
  return {
    setCustomClaim(key, value) {
      ctx.record('accessToken.setCustomClaim', [key, value]);
      if (typeof key !== 'string') throw new TypeError('The claim name must be a string.');
      // As in post-login: 'scope' throws rather than being dropped (@auth0/actions, assertSettableCustomClaim).
      if (key === SCOPE_CLAIM) throw new ClaimkitError('ERR_CLAIM_SCOPE', SCOPE_CLAIM_MESSAGE);
      // Serialised when the call is made: later mutations do not reach the token.
      ctx.flow.claims.set(key, cloneJson(value));
      ctx.flow.lastWriter = ctx.name;
      return api;
    },
  };
}

function transactionApi(ctx: ExchangeContext): CredentialsExchangeApi['transaction'] {
  const stored = ctx.flow.transaction;
  // Each change is seen at once in this Action's event and in the event of every later Action (the
  // runtime syncs event.transaction.target_scopes after each call).
  const sync = () => {
    ctx.event.transaction.target_scopes = [...stored.target_scopes];
    ctx.flow.event.transaction.target_scopes = [...stored.target_scopes];
  };
  return {
    addTargetScope(scope) {
      ctx.record('transaction.addTargetScope', [scope]);
      addTargetScope(stored, scope);
      sync();
    },
    removeTargetScope(scope) {
      ctx.record('transaction.removeTargetScope', [scope]);
      removeTargetScope(stored, scope);
      sync();
    },
    setTargetScopes(scopes) {
      ctx.record('transaction.setTargetScopes', [scopes]);
      setTargetScopes(stored, scopes);
      sync();
    },
    clearTargetScopes() {
      ctx.record('transaction.clearTargetScopes', []);
      stored.target_scopes = [];
      sync();
    },
  };
}

/** The `api` one credentials-exchange Action receives; calls after it finished change nothing. */
export function createCredentialsExchangeApi(ctx: ExchangeContext): CredentialsExchangeApi {
  const api = {} as { -readonly [K in keyof CredentialsExchangeApi]: CredentialsExchangeApi[K] };
  api.access = ignoreLateCalls(ctx, api, 'access', accessApi(ctx, api));
  api.accessToken = ignoreLateCalls(ctx, api, 'accessToken', accessTokenApi(ctx, api));
  api.cache = ignoreLateCalls(ctx, api, 'cache', cacheApi(ctx));
  api.transaction = ignoreLateCalls(ctx, api, 'transaction', transactionApi(ctx));
  return Object.freeze(api);
}
