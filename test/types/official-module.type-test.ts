// Type-level tests of `@auth0/actions/post-login/v3` as claimkit provides it (tsconfig paths → our
// complete types): the official names, the same checks as our own types. Each @ts-expect-error must
// meet a real error.
import type { Configuration, Event, PostLoginAction, PostLoginAPI, PromptAPI, Secrets } from '@auth0/actions/post-login/v3';
import type { PostLoginApi, PostLoginEvent } from '../../src/types/index.ts';

// The official names are our types, not looser copies of them.
export const sameEvent = (e: Event): PostLoginEvent => e;
export const sameApi = (a: PostLoginAPI): PostLoginApi => a;

export const handler: PostLoginAction = async (event, api) => {
  const secrets: Secrets = event.secrets;
  const configuration: Configuration = event.configuration;
  api.idToken.setCustomClaim('https://claims.example.com/keys', Object.keys({ ...secrets, ...configuration }));
  const prompt: PromptAPI = api.prompt;
  prompt.render('prompt_1');
};

export const notAsync: PostLoginAction =
  // @ts-expect-error: a handler must return a Promise (Auth0 refuses one that is not async)
  (_event, _api) => undefined;

export async function misuse(event: Event, api: PostLoginAPI): Promise<void> {
  // @ts-expect-error: misspelt method name
  api.idToken.setCustomClam('https://claims.example.com/x', 1);
  // @ts-expect-error: a function cannot be put into a token
  api.accessToken.setCustomClaim('https://claims.example.com/f', () => 1);
  // @ts-expect-error: event.authorization may be absent
  api.idToken.setCustomClaim('https://claims.example.com/r', event.authorization.roles);
}
