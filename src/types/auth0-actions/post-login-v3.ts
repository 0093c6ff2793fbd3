// `@auth0/actions/post-login/v3` (the official types package, github.com/auth0/auth0-actions), served by
// claimkit's own complete post-login types so that Actions written against it type-check unchanged:
// tsconfig.json maps the module path here. Its exports, by the official names. It holds types only:
// `import type` it (a value import of it fails the build with ERR_TYPES_ONLY_MODULE).
import type { PostLoginHandler } from '../action.ts';
import type { PostLoginApi } from '../api.ts';
import type { PostLoginEvent } from '../event.ts';

export type Event = PostLoginEvent;
export type PostLoginAPI = PostLoginApi;
/** The handler's type: `exports.onExecutePostLogin: PostLoginAction`. */
export type PostLoginAction = PostLoginHandler;
export type Secrets = PostLoginEvent['secrets'];
export type Configuration = PostLoginEvent['configuration'];
export type PromptAPI = PostLoginApi['prompt'];
export type RefreshTokenAPI = PostLoginApi['refreshToken'];
export type SessionAPI = PostLoginApi['session'];
export type TransactionAPI = PostLoginApi['transaction'];
