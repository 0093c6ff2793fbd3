import type { PostLoginApi } from './api.ts';
import type { PostLoginEvent } from './event.ts';

export type PostLoginHandler = (event: PostLoginEvent, api: PostLoginApi) => Promise<void>;

/** The module shape of a post-login Action: what `exports` holds after Auth0 loads it. */
export interface PostLoginAction {
  onExecutePostLogin: PostLoginHandler;
  /** Runs when the user comes back to /continue after api.redirect.sendUserTo. */
  onContinuePostLogin?: PostLoginHandler;
}
