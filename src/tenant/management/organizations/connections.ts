import { json, noContent, readJsonObject, type JsonObject } from '../../http/body.ts';
import { conflict, notFound, payloadError } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody, type BodySchema } from '../../http/validate.ts';
import type { StoredOrganization, StoredOrganizationConnection, TenantData } from '../../store/model.ts';
import { offsetList, pageRequest } from '../paging.ts';
import { findOrganization } from './organizations.ts';

// The connections enabled for an organization, under both of Auth0's paths: /enabled_connections (the
// original) and /connections (the newer one, with is_enabled, organization_access_level and
// organization_connection_name). Both read and write the same records.

const SETTINGS: BodySchema['fields'] = {
  assign_membership_on_login: 'boolean',
  show_as_button: 'boolean',
  is_signup_enabled: 'boolean',
  is_enabled: 'boolean',
  organization_access_level: 'string',
  organization_connection_name: 'string',
};

/** What Auth0 reports for settings nobody set. */
const DEFAULTS = { assign_membership_on_login: false, show_as_button: true, is_enabled: true } as const;

function view(data: Readonly<TenantData>, c: StoredOrganizationConnection): Record<string, unknown> {
  const connection = data.connections.find((x) => x.id === c.connection_id);
  return { ...DEFAULTS, ...c, connection: { name: connection?.name ?? '', strategy: connection?.strategy ?? '' } };
}

/** Enabled connections given on create or POST, checked against the tenant's connections. */
export function connectionsOf(data: Readonly<TenantData>, given: readonly JsonObject[]): StoredOrganizationConnection[] {
  return given.map((entry, i) => {
    validateBody(entry, { required: ['connection_id'], fields: { ...SETTINGS, connection_id: 'string' } });
    const id = entry['connection_id'] as string;
    if (!data.connections.some((c) => c.id === id)) throw notFound(`No connection with id "${id}" (enabled_connections[${i}]).`, 'inexistent_connection');
    return { ...entry, connection_id: id, assign_membership_on_login: entry['assign_membership_on_login'] === true };
  });
}

function findEnabled(org: StoredOrganization, connectionId: string | undefined): StoredOrganizationConnection {
  const c = org.connections.find((x) => x.connection_id === connectionId);
  if (!c) throw notFound('The connection is not enabled for this organization.', 'inexistent_organization_connection');
  return c;
}

/** `key` is `enabled_connections` or `connections`: the list's wrapper under each path. */
export const listOrganizationConnections = (key: string) => (ctx: RouteContext): Response => {
  const data = ctx.tenant.store.data;
  const org = findOrganization(data, ctx.params['id']);
  return json(offsetList(key, org.connections.map((c) => view(data, c)), pageRequest(ctx.url)));
};

export function getOrganizationConnection(ctx: RouteContext): Response {
  const data = ctx.tenant.store.data;
  return json(view(data, findEnabled(findOrganization(data, ctx.params['id']), ctx.params['connectionId'])));
}

export async function addOrganizationConnection(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findOrganization(tenant.store.data, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  const answer = await tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    const [added] = connectionsOf(data, [body]) as [StoredOrganizationConnection];
    if (org.connections.some((c) => c.connection_id === added.connection_id)) throw conflict('The connection is already enabled for this organization.', 'organization_connection_conflict');
    return (d) => {
      org.connections.push(added);
      return view(d, added);
    };
  });
  return json(answer, 201);
}

export async function updateOrganizationConnection(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findEnabled(findOrganization(tenant.store.data, ctx.params['id']), ctx.params['connectionId']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, { fields: SETTINGS });
  if (Object.hasOwn(body, 'connection_id')) throw payloadError(`'Additional properties not allowed: connection_id'`);
  const answer = await tenant.store.write((data) => {
    const found = findEnabled(findOrganization(data, ctx.params['id']), ctx.params['connectionId']);
    return (d) => view(d, Object.assign(found, body));
  });
  return json(answer);
}

export async function removeOrganizationConnection(ctx: RouteContext): Promise<Response> {
  await ctx.tenant.store.write((data) => {
    const org = findOrganization(data, ctx.params['id']);
    const found = findEnabled(org, ctx.params['connectionId']);
    return () => {
      org.connections = org.connections.filter((c) => c !== found);
    };
  });
  return noContent();
}
