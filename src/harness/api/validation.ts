import type { PostLoginApi } from '../../types/api.ts';
import type { ActionContext } from '../state.ts';
import { checkText } from './checks.ts';

// PostLoginValidationErrorInput (@auth0/actions): both are strings of at most 100 characters. The harness
// also refuses empty ones: a login denied with no code or message tells the application nothing.
const MAX_LENGTH = 100;

export function validationApi(ctx: ActionContext, api: PostLoginApi): PostLoginApi['validation'] {
  return {
    error(errorCode, errorMessage) {
      ctx.record('validation.error', [errorCode, errorMessage]);
      checkText(errorCode, 'validation.error: errorCode', MAX_LENGTH, true);
      checkText(errorMessage, 'validation.error: errorMessage', MAX_LENGTH, true);
      // Like access.deny: the Action finishes, later Actions are skipped and the login fails.
      ctx.flow.denied = { reason: errorMessage, code: errorCode };
      return api;
    },
  };
}
