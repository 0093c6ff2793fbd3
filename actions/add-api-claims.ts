// Adds the user's tenant id to the access token, only when the login asks for the reports API. A user
// with no tenant assigned is refused access to that API rather than given a token without the claim.
import type { PostLoginAction } from '../src/types/index.ts';
import { claimName } from '../src/runtime/namespace.ts';

export const REPORTS_API = 'https://api.example.com';

export const onExecutePostLogin: PostLoginAction['onExecutePostLogin'] = async (event, api) => {
  if (event.resource_server?.identifier !== REPORTS_API) return;
  const tenantId = event.user.app_metadata['tenant_id'];
  if (typeof tenantId !== 'string' || tenantId === '') {
    api.access.deny('No tenant is assigned to this user: ask an administrator to set app_metadata.tenant_id.');
    return;
  }
  api.accessToken.setCustomClaim(claimName('tenant_id'), tenantId);
};
