// A post-login Action as teams write them: the official types, app_metadata, namespaced claims on both tokens.
import type { Event, PostLoginAPI } from '@auth0/actions/post-login/v3';

const NAMESPACE = '##CLAIM_NAMESPACE##';

export const onExecutePostLogin = async (event: Event, api: PostLoginAPI): Promise<void> => {
  const tier = typeof event.user.app_metadata['tier'] === 'string' ? event.user.app_metadata['tier'] : 'free';
  api.idToken.setCustomClaim(`${NAMESPACE}tier`, tier);
  api.accessToken.setCustomClaim(`${NAMESPACE}tier`, tier);
};
