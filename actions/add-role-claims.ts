// Puts the user's role names into both tokens under our namespace, so that the app (ID token) and the
// API (access token) see the same roles. Auth0 drops a plain "roles" claim: it is a restricted name.
import type { PostLoginAction } from '../src/types/index.ts';
import { claimName } from '../src/runtime/namespace.ts';

export const onExecutePostLogin: PostLoginAction['onExecutePostLogin'] = async (event, api) => {
  const roles = event.authorization?.roles ?? [];
  api.idToken.setCustomClaim(claimName('roles'), roles);
  // Without an API audience the access token is opaque and Auth0 would drop the claim.
  if (event.resource_server) api.accessToken.setCustomClaim(claimName('roles'), roles);
};
