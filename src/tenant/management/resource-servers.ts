import { json, noContent, readJsonObject } from '../http/body.ts';
import { ApiError, conflict, notFound, payloadError } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { validateBody, type BodySchema } from '../http/validate.ts';
import { ids } from '../store/ids.ts';
import type { StoredResourceServer, TenantData } from '../store/model.ts';
import { managementAudiences, type Tenant } from '../tenant.ts';
import { offsetList, pageRequest } from './paging.ts';
import { managementScopeList } from './scopes.ts';

// Resource servers (APIs). The system "Auth0 Management API" is always listed first; its identifier
// follows the tenant's port, so it is computed, not stored, and cannot be changed or deleted.

export const MANAGEMENT_API_NAME = 'Auth0 Management API';
const MANAGEMENT_API_ID = 'claimkit0management0api';

const FIELDS: BodySchema['fields'] = {
  name: 'string',
  identifier: 'string',
  scopes: 'object[]',
  signing_alg: 'string',
  signing_secret: 'string',
  token_lifetime: 'integer',
  token_lifetime_for_web: 'integer',
  allow_offline_access: 'boolean',
  skip_consent_for_verifiable_first_party_clients: 'boolean',
  enforce_policies: 'boolean',
  token_dialect: 'string',
  client_id: 'string',
};

function managementApi(tenant: Tenant): StoredResourceServer {
  return {
    id: MANAGEMENT_API_ID,
    name: MANAGEMENT_API_NAME,
    identifier: managementAudiences(tenant)[0] as string,
    is_system: true,
    allow_offline_access: false,
    skip_consent_for_verifiable_first_party_clients: false,
    token_lifetime: tenant.settings.tokenLifetimeSeconds,
    token_lifetime_for_web: 7200,
    signing_alg: 'RS256',
    scopes: managementScopeList(),
  };
}

// `data` is the store's saved data for reads, or the working copy inside a store write.

function all(tenant: Tenant, data: Readonly<TenantData>): StoredResourceServer[] {
  return [managementApi(tenant), ...data.resourceServers];
}

export function findResourceServerByIdentifier(tenant: Tenant, data: Readonly<TenantData>, identifier: string): StoredResourceServer | undefined {
  if (managementAudiences(tenant).includes(identifier)) return managementApi(tenant);
  return data.resourceServers.find((rs) => rs.identifier === identifier);
}

/** By id or by (URL-encoded) identifier, as Auth0 accepts both in the path. */
function find(tenant: Tenant, data: Readonly<TenantData>, idOrIdentifier: string | undefined): StoredResourceServer {
  const rs = all(tenant, data).find((r) => r.id === idOrIdentifier) ?? findResourceServerByIdentifier(tenant, data, idOrIdentifier ?? '');
  if (!rs) throw notFound('The resource server does not exist', 'inexistent_resource_server');
  return rs;
}

function stored(tenant: Tenant, rs: StoredResourceServer): StoredResourceServer {
  if (rs.id === MANAGEMENT_API_ID) throw new ApiError(403, `The ${MANAGEMENT_API_NAME} is a system resource server: it cannot be changed or deleted.`, { errorCode: 'operation_not_supported' });
  return rs;
}

/** Auth0's bound on an API's access token lifetimes: at most 30 days ("Token Expiration", 2,592,000 s), at least a second. */
export const MAX_TOKEN_LIFETIME = 2_592_000;

function checkLifetimes(body: Record<string, unknown>): void {
  for (const name of ['token_lifetime', 'token_lifetime_for_web']) {
    const value = body[name];
    if (typeof value !== 'number') continue;
    if (value < 1) throw payloadError(`'Value ${value} is less than minimum 1' on property ${name}`);
    if (value > MAX_TOKEN_LIFETIME) throw payloadError(`'Value ${value} is greater than maximum ${MAX_TOKEN_LIFETIME}' on property ${name}`);
  }
}

function checkScopes(body: Record<string, unknown>): void {
  const scopes = body['scopes'];
  if (!Array.isArray(scopes)) return;
  scopes.forEach((s: Record<string, unknown>, i) => {
    if (typeof s['value'] !== 'string' || s['value'] === '') throw payloadError(`'Missing required property: value' on property scopes[${i}]`);
  });
}

export function listResourceServers(ctx: RouteContext): Response {
  return json(offsetList('resource_servers', all(ctx.tenant, ctx.tenant.store.data), pageRequest(ctx.url)));
}

export function getResourceServer(ctx: RouteContext): Response {
  return json(find(ctx.tenant, ctx.tenant.store.data, ctx.params['id']));
}

export async function createResourceServer(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { required: ['identifier'], fields: FIELDS, additional: true, nonEmpty: ['name'] });
  checkScopes(body);
  checkLifetimes(body);
  delete body['id'];
  delete body['is_system'];
  const identifier = body['identifier'] as string;
  const rs: StoredResourceServer = {
    id: ids.resourceServer(),
    name: identifier,
    scopes: [],
    signing_alg: 'RS256',
    token_lifetime: 86_400,
    token_lifetime_for_web: 7200,
    allow_offline_access: false,
    skip_consent_for_verifiable_first_party_clients: true,
    enforce_policies: false,
    token_dialect: 'access_token',
    ...body,
    identifier,
  };
  await tenant.store.write((data) => {
    if (findResourceServerByIdentifier(tenant, data, identifier)) throw conflict('A resource server with the same identifier already exists', 'resource_server_conflict');
    return (data) => data.resourceServers.push(rs);
  });
  return json(rs, 201);
}

export async function updateResourceServer(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  stored(tenant, find(tenant, tenant.store.data, ctx.params['id']));
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  const { identifier: _identifier, ...updatable } = FIELDS;
  if (Object.hasOwn(body, 'identifier')) throw payloadError(`'Additional properties not allowed: identifier'`);
  validateBody(body, { fields: updatable, additional: true, nonEmpty: ['name'] });
  checkScopes(body);
  checkLifetimes(body);
  delete body['id'];
  delete body['is_system'];
  const rs = await tenant.store.write((data) => {
    const found = stored(tenant, find(tenant, data, ctx.params['id']));
    return () => Object.assign(found, body);
  });
  return json(rs);
}

export async function deleteResourceServer(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  await tenant.store.write((current) => {
    const rs = stored(tenant, find(tenant, current, ctx.params['id']));
    return (data) => {
      data.resourceServers = data.resourceServers.filter((r) => r !== rs);
      const removed = new Set(data.grants.filter((g) => g.audience === rs.identifier).map((g) => g.id));
      data.grants = data.grants.filter((g) => !removed.has(g.id));
      for (const org of data.organizations) if (org.client_grants) org.client_grants = org.client_grants.filter((id) => !removed.has(id));
      for (const role of data.roles) role.permissions = role.permissions.filter((p) => p.resource_server_identifier !== rs.identifier);
    };
  });
  return noContent();
}
