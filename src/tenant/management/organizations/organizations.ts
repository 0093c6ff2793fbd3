import type { Management } from 'auth0';
import { isObject, json, noContent, readJsonObject } from '../../http/body.ts';
import { conflict, notFound, payloadError } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody, type BodySchema } from '../../http/validate.ts';
import { ids } from '../../store/ids.ts';
import type { StoredOrganization, TenantData } from '../../store/model.ts';
import { listAnswer } from '../paging.ts';
import { connectionsOf } from './connections.ts';

// Organizations: name, display name, branding and metadata here; members, member roles, enabled
// connections and client grants in the files beside this one.

const UPDATABLE: BodySchema['fields'] = {
  display_name: 'string',
  branding: 'object',
  metadata: 'object',
  token_quota: 'object|null',
};
const CREATE: BodySchema = { required: ['name'], fields: { ...UPDATABLE, name: 'string', enabled_connections: 'object[]' } };

/** Auth0's rule for organization names: lower-case letters, digits, `-` and `_`, 1 to 50 characters, starting and ending with a letter or digit. */
const NAME = /^[a-z0-9](?:[a-z0-9_-]{0,48}[a-z0-9])?$/;
const MAX_METADATA_KEYS = 25;

export function findOrganization(data: Readonly<TenantData>, id: string | undefined): StoredOrganization {
  const org = data.organizations.find((o) => o.id === id);
  if (!org) throw notFound('No organization found by that id or name', 'inexistent_organization');
  return org;
}

export function organizationView(org: StoredOrganization): Management.GetOrganizationResponseContent {
  const { members: _m, member_roles: _r, connections: _c, client_grants: _g, ...rest } = org;
  return { ...rest, display_name: org.display_name ?? org.name, metadata: { ...org.metadata } };
}

/** Metadata holds at most 25 keys with string values (Auth0's limit for organization metadata). */
function checkMetadata(body: Record<string, unknown>): void {
  const metadata = body['metadata'];
  if (metadata === undefined) return;
  const entries = Object.entries(metadata as Record<string, unknown>);
  if (entries.length > MAX_METADATA_KEYS) throw payloadError(`'Too many properties defined (${entries.length}), maximum ${MAX_METADATA_KEYS}' on property metadata`);
  const bad = entries.find(([, v]) => typeof v !== 'string' && v !== null);
  if (bad) throw payloadError(`'Expected type string but found type ${typeof bad[1]}' on property metadata.${bad[0]}`);
}

function checkName(name: string): void {
  if (!NAME.test(name)) throw payloadError(`'String does not match pattern ^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$ (lower-case letters, digits, - and _; at most 50)' on property name`);
}

export function listOrganizations(ctx: RouteContext): Response {
  return json(listAnswer('organizations', ctx.tenant.store.data.organizations.map(organizationView), ctx.url));
}

export function getOrganization(ctx: RouteContext): Response {
  return json(organizationView(findOrganization(ctx.tenant.store.data, ctx.params['id'])));
}

export function getOrganizationByName(ctx: RouteContext): Response {
  const org = ctx.tenant.store.data.organizations.find((o) => o.name === ctx.params['name']);
  if (!org) throw notFound('No organization found by that id or name', 'inexistent_organization');
  return json(organizationView(org));
}

export async function createOrganization(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, CREATE);
  const name = body['name'] as string;
  checkName(name);
  checkMetadata(body);
  const { enabled_connections: enabled, metadata, ...rest } = body;
  const org = await tenant.store.write((data) => {
    if (data.organizations.some((o) => o.name === name)) throw conflict('An organization with this name already exists.', 'organization_conflict');
    const connections = connectionsOf(data, Array.isArray(enabled) ? enabled.filter(isObject) : []);
    const created: StoredOrganization = { ...rest, id: ids.organization(), name, metadata: (metadata as Record<string, string> | undefined) ?? {}, members: [], member_roles: {}, connections, client_grants: [] };
    return (d) => {
      d.organizations.push(created);
      return created;
    };
  });
  return json(organizationView(org), 201);
}

export async function updateOrganization(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findOrganization(tenant.store.data, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { fields: { ...UPDATABLE, name: 'string' } });
  if (typeof body['name'] === 'string') checkName(body['name']);
  checkMetadata(body);
  const org = await tenant.store.write((data) => {
    const found = findOrganization(data, ctx.params['id']);
    if (typeof body['name'] === 'string' && data.organizations.some((o) => o.name === body['name'] && o !== found)) throw conflict('An organization with this name already exists.', 'organization_conflict');
    return () => Object.assign(found, body);
  });
  return json(organizationView(org));
}

export async function deleteOrganization(ctx: RouteContext): Promise<Response> {
  await ctx.tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    return (d) => {
      d.organizations = d.organizations.filter((o) => o.id !== org.id);
    };
  });
  return noContent();
}
