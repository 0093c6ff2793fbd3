import { json, noContent, readJsonObject } from '../../http/body.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody } from '../../http/validate.ts';
import { grantView } from '../client-grants.ts';
import { offsetList, pageRequest } from '../paging.ts';
import { findOrganization } from './organizations.ts';

// The client grants associated with an organization (for client-credentials tokens issued for it).

export function listOrganizationClientGrants(ctx: RouteContext): Response {
  const { tenant } = ctx;
  const org = findOrganization(tenant.store.data, ctx.params['id']);
  const grants = (org.client_grants ?? []).map((id) => tenant.store.data.grants.find((g) => g.id === id)).filter((g) => g !== undefined);
  return json(offsetList('client_grants', grants.map((g) => grantView(tenant, g)), pageRequest(ctx.url)));
}

export async function associateOrganizationClientGrant(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findOrganization(tenant.store.data, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['grant_id'], fields: { grant_id: 'string' } });
  const grantId = body['grant_id'] as string;
  const grant = await tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    const found = data.grants.find((g) => g.id === grantId);
    if (!found) throw notFound('The client grant does not exist.', 'inexistent_client_grant');
    if ((org.client_grants ?? []).includes(grantId)) throw conflict('The client grant is already associated with this organization.', 'organization_client_grant_conflict');
    return () => {
      org.client_grants = [...(org.client_grants ?? []), grantId];
      return found;
    };
  });
  return json(grantView(tenant, grant), 201);
}

export async function dissociateOrganizationClientGrant(ctx: RouteContext): Promise<Response> {
  await ctx.tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    if (!(org.client_grants ?? []).includes(ctx.params['grantId'] ?? '')) throw notFound('The client grant is not associated with this organization.', 'inexistent_organization_client_grant');
    return () => {
      org.client_grants = (org.client_grants ?? []).filter((id) => id !== ctx.params['grantId']);
    };
  });
  return noContent();
}
