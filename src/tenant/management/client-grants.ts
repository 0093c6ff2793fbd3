import type { Management } from 'auth0';
import { json, noContent, readJsonObject } from '../http/body.ts';
import { badRequest, conflict, notFound, payloadError } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { queryBoolean, validateBody, type BodySchema } from '../http/validate.ts';
import { ids } from '../store/ids.ts';
import { MANAGEMENT_AUDIENCE, type StoredGrant, type TenantData } from '../store/model.ts';
import { managementAudiences, storedAudience, type Tenant } from '../tenant.ts';
import { listAnswer } from './paging.ts';
import { findResourceServerByIdentifier } from './resource-servers.ts';

// Client grants: which client may ask for tokens for which API, with which scopes (the
// client-credentials grant reads them). The Management API's own audience is stored as a placeholder
// (it follows the port) and shown as its URL.

const UPDATABLE: BodySchema['fields'] = {
  scope: 'string[]',
  organization_usage: 'string',
  allow_any_organization: 'boolean',
  authorization_details_types: 'string[]',
  allow_all_scopes: 'boolean',
};
const CREATE: BodySchema = { required: ['audience'], fields: { ...UPDATABLE, client_id: 'string', audience: 'string', subject_type: 'string', default_for: 'string' } };
const ORGANIZATION_USAGE = ['deny', 'allow', 'require'];
const SUBJECT_TYPES = ['client', 'user'];

export function grantView(tenant: Tenant, grant: StoredGrant): Management.ClientGrantResponseContent {
  const audience = grant.audience === MANAGEMENT_AUDIENCE ? (managementAudiences(tenant)[0] as string) : grant.audience;
  return { ...grant, audience, scope: [...grant.scope] } as Management.ClientGrantResponseContent;
}

function findGrant(data: Readonly<TenantData>, id: string | undefined): StoredGrant {
  const grant = data.grants.find((g) => g.id === id);
  if (!grant) throw notFound('The client grant does not exist.', 'inexistent_client_grant');
  return grant;
}

/** The deploy's own access: without it nothing reaches the Management API any more (a local-tenant rule). */
function changeable(data: Readonly<TenantData>, grant: StoredGrant): StoredGrant {
  if (grant.client_id === data.bootstrapClientId && grant.audience === MANAGEMENT_AUDIENCE) {
    throw badRequest("This is the local tenant's own Management API grant: it cannot be changed or deleted (`claimkit tenant reset` starts over).", 'operation_not_supported');
  }
  return grant;
}

function checkEnums(body: Record<string, unknown>): void {
  const usage = body['organization_usage'];
  if (usage !== undefined && !ORGANIZATION_USAGE.includes(String(usage))) throw payloadError(`'No enum match for: ${JSON.stringify(usage)}' on property organization_usage`);
  const subject = body['subject_type'];
  if (subject !== undefined && !SUBJECT_TYPES.includes(String(subject))) throw payloadError(`'No enum match for: ${JSON.stringify(subject)}' on property subject_type`);
  if (body['allow_all_scopes'] === true && Array.isArray(body['scope']) && body['scope'].length > 0) {
    throw badRequest('scope cannot be set when allow_all_scopes is true.');
  }
}

export function listClientGrants(ctx: RouteContext): Response {
  const { url, tenant } = ctx;
  const audience = url.searchParams.get('audience');
  const clientId = url.searchParams.get('client_id');
  const anyOrg = queryBoolean(url, 'allow_any_organization');
  const subject = url.searchParams.get('subject_type');
  const items = tenant.store.data.grants.filter(
    (g) =>
      (audience === null || g.audience === storedAudience(tenant, audience)) &&
      (clientId === null || g.client_id === clientId) &&
      (anyOrg === undefined || (g.allow_any_organization === true) === anyOrg) &&
      (subject === null || (g.subject_type ?? 'client') === subject),
  );
  return json(listAnswer('client_grants', items.map((g) => grantView(tenant, g)), url));
}

export function getClientGrant(ctx: RouteContext): Response {
  return json(grantView(ctx.tenant, findGrant(ctx.tenant.store.data, ctx.params['id'])));
}

export async function createClientGrant(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, CREATE);
  checkEnums(body);
  const clientId = body['client_id'];
  if (typeof clientId !== 'string' || clientId === '') throw payloadError(`'Missing required property: client_id'`);
  const audience = storedAudience(tenant, body['audience'] as string);
  const grant: StoredGrant = { ...body, id: ids.grant(), client_id: clientId, audience, scope: Array.isArray(body['scope']) ? (body['scope'] as string[]) : [] };
  await tenant.store.write((data) => {
    if (!data.clients.some((c) => c.client_id === clientId)) throw notFound(`No client with id "${clientId}".`, 'inexistent_client');
    if (audience !== MANAGEMENT_AUDIENCE && !findResourceServerByIdentifier(tenant, data, audience)) {
      throw notFound(`No resource server with identifier "${audience}".`, 'inexistent_resource_server');
    }
    const subject = grant.subject_type ?? 'client';
    if (data.grants.some((g) => g.client_id === clientId && g.audience === audience && (g.subject_type ?? 'client') === subject)) {
      throw conflict('A client grant for this client and audience already exists.', 'client_grant_conflict');
    }
    return (d) => d.grants.push(grant);
  });
  return json(grantView(tenant, grant), 201);
}

export async function updateClientGrant(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  changeable(tenant.store.data, findGrant(tenant.store.data, ctx.params['id']));
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { fields: UPDATABLE });
  checkEnums(body);
  const grant = await tenant.store.write((data) => {
    const found = changeable(data, findGrant(data, ctx.params['id']));
    return () => Object.assign(found, body);
  });
  return json(grantView(tenant, grant));
}

export async function deleteClientGrant(ctx: RouteContext): Promise<Response> {
  await ctx.tenant.store.write((data) => {
    const grant = changeable(data, findGrant(data, ctx.params['id']));
    return (d) => {
      d.grants = d.grants.filter((g) => g.id !== grant.id);
      for (const org of d.organizations) if (org.client_grants) org.client_grants = org.client_grants.filter((id) => id !== grant.id);
    };
  });
  return noContent();
}
