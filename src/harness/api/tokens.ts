import { ClaimkitError } from '../../errors.ts';
import { SCOPE_CLAIM, SCOPE_CLAIM_MESSAGE, type TokenKind } from '../../policy/index.ts';
import type { ClaimValue, PostLoginApi } from '../../types/api.ts';
import { cloneJson } from '../clone.ts';
import type { ActionContext } from '../state.ts';
import { invalidArgument } from './errors.ts';
import { MAX_ADDED_SCOPES, validScope } from './scope.ts';

function setClaim(ctx: ActionContext, token: TokenKind, key: string, value: ClaimValue): void {
  if (typeof key !== 'string') throw new TypeError('The claim name must be a string.');
  // Source: @auth0/actions runtime, assertSettableCustomClaim: 'scope' throws rather than being dropped.
  if (key === SCOPE_CLAIM) throw new ClaimkitError('ERR_CLAIM_SCOPE', SCOPE_CLAIM_MESSAGE);
  // The runtime serialises the value when the call is made; later mutations do not reach the token.
  ctx.flow.claims[token].set(key, cloneJson(value));
  ctx.flow.lastWriter[token] = ctx.name;
}

export function idTokenApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['idToken'] {
  return {
    setCustomClaim(key, value) {
      ctx.record('idToken.setCustomClaim', [key, value]);
      setClaim(ctx, 'id', key, value);
      return api;
    },
  };
}

export function accessTokenApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['accessToken'] {
  const { added, removed } = ctx.flow.scopes;
  return {
    setCustomClaim(key, value) {
      ctx.record('accessToken.setCustomClaim', [key, value]);
      setClaim(ctx, 'access', key, value);
      return api;
    },
    addScope(scope) {
      ctx.record('accessToken.addScope', [scope]);
      const s = validScope(scope);
      if (!added.has(s) && added.size >= MAX_ADDED_SCOPES) throw invalidArgument(`At most ${MAX_ADDED_SCOPES} scopes can be added.`);
      removed.delete(s);
      added.add(s);
    },
    removeScope(scope) {
      ctx.record('accessToken.removeScope', [scope]);
      const s = validScope(scope);
      added.delete(s);
      removed.add(s);
    },
  };
}
