// For the reports API only: refuses users who belong to no tenant, and tells the API which plan the
// user's tenant is on. Other audiences are left alone.
import type { PostLoginAction } from '../src/types/index.ts';
import { claimName } from '../src/runtime/namespace.ts';

export const REPORTS_API = 'https://api.example.com';
const PLANS = ['free', 'team', 'enterprise'];

export const onExecutePostLogin: PostLoginAction['onExecutePostLogin'] = async (event, api) => {
  if (event.resource_server?.identifier !== REPORTS_API) return;
  const { tenant_id: tenantId, plan } = event.user.app_metadata;
  if (typeof tenantId !== 'string' || tenantId === '') {
    api.access.deny('No tenant is assigned to this user: ask an administrator to set app_metadata.tenant_id.');
    return;
  }
  api.accessToken.setCustomClaim(claimName('plan'), typeof plan === 'string' && PLANS.includes(plan) ? plan : 'free');
};
