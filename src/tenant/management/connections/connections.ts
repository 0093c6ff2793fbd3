import type { Management } from 'auth0';
import { json, noContent, readJsonObject } from '../../http/body.ts';
import { conflict, notFound, payloadError } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { validateBody, type BodySchema } from '../../http/validate.ts';
import { ids } from '../../store/ids.ts';
import type { StoredConnection, TenantData } from '../../store/model.ts';
import { listAnswer } from '../paging.ts';
import { STRATEGIES } from './strategies.ts';

// Connections (database, social, enterprise). PATCH replaces `options` whole, as Auth0 does ("the
// options object is overwritten"); name and strategy never change. Enabled clients are kept on the
// connection and also served by /connections/{id}/clients (enabled-clients.ts).

const UPDATABLE: BodySchema['fields'] = {
  display_name: 'string',
  options: 'object',
  enabled_clients: 'string[]',
  is_domain_connection: 'boolean',
  show_as_button: 'boolean',
  realms: 'string[]',
  metadata: 'object',
  authentication: 'object',
  connected_accounts: 'object',
};
const CREATE: BodySchema = { required: ['name', 'strategy'], fields: { ...UPDATABLE, name: 'string', strategy: 'string' }, additional: true };

/** Auth0's rule for connection names: letters, digits and single hyphens, at most 128 characters. */
const NAME = /^[a-zA-Z0-9](?:-?[a-zA-Z0-9])*$/;

export function findConnection(data: Readonly<TenantData>, id: string | undefined): StoredConnection {
  const connection = data.connections.find((c) => c.id === id);
  if (!connection) throw notFound('The connection does not exist.', 'inexistent_connection');
  return connection;
}

/** One connection as GET/POST/PATCH answer it (the list leaves enabled_clients out, as Auth0's does). */
export const connectionView = (c: StoredConnection): Management.GetConnectionResponseContent => ({ ...c, options: { ...c.options }, enabled_clients: [...c.enabled_clients] });

function listView(c: StoredConnection): Management.ConnectionForList {
  const { enabled_clients: _clients, ...rest } = c;
  return rest;
}

/** Every id must be a client of this tenant: a typo would otherwise enable nothing, silently. */
export function checkClients(data: Readonly<TenantData>, clientIds: readonly string[]): void {
  const unknown = clientIds.filter((id) => !data.clients.some((c) => c.client_id === id));
  if (unknown.length > 0) throw notFound(`No client with id ${unknown.map((id) => `"${id}"`).join(', ')}.`, 'inexistent_client');
}

export function listConnections(ctx: RouteContext): Response {
  const { url, tenant } = ctx;
  const strategies = url.searchParams.getAll('strategy').flatMap((s) => s.split(',')).filter(Boolean);
  const name = url.searchParams.get('name');
  const items = tenant.store.data.connections.filter((c) => (strategies.length === 0 || strategies.includes(c.strategy)) && (name === null || c.name === name));
  return json(listAnswer('connections', items.map(listView), url));
}

export function getConnection(ctx: RouteContext): Response {
  return json(connectionView(findConnection(ctx.tenant.store.data, ctx.params['id'])));
}

export async function createConnection(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  validateBody(body, CREATE);
  const name = body['name'] as string;
  const strategy = body['strategy'] as string;
  if (name.length > 128 || !NAME.test(name)) throw payloadError(`'String does not match pattern ^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$' on property name`);
  if (!STRATEGIES.includes(strategy)) throw payloadError(`'No enum match for: ${JSON.stringify(strategy)}' on property strategy`);
  const { id: _id, ...rest } = body;
  const connection: StoredConnection = {
    is_domain_connection: false,
    realms: [name],
    ...rest,
    id: ids.connection(),
    name,
    strategy,
    options: (body['options'] as Record<string, unknown> | undefined) ?? {},
    enabled_clients: (body['enabled_clients'] as string[] | undefined) ?? [],
  };
  await tenant.store.write((data) => {
    if (data.connections.some((c) => c.name === name)) throw conflict('A connection with the same name already exists', 'connection_conflict');
    checkClients(data, connection.enabled_clients);
    return (d) => d.connections.push(connection);
  });
  return json(connectionView(connection), 201);
}

export async function updateConnection(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findConnection(tenant.store.data, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  const fixed = ['name', 'strategy', 'id'].filter((k) => Object.hasOwn(body, k));
  if (fixed.length > 0) throw payloadError(`'Additional properties not allowed: ${fixed.join(',')}'`);
  validateBody(body, { fields: UPDATABLE, additional: true });
  const updated = await tenant.store.write((data) => {
    const found = findConnection(data, ctx.params['id']);
    if (Array.isArray(body['enabled_clients'])) checkClients(data, body['enabled_clients'] as string[]);
    return () => Object.assign(found, body);
  });
  return json(connectionView(updated));
}

/** Deleting a connection deletes its users and takes it out of every organization, as on Auth0. */
export async function deleteConnection(ctx: RouteContext): Promise<Response> {
  await ctx.tenant.store.write((data) => {
    const connection = findConnection(data, ctx.params['id']);
    return (d) => {
      d.connections = d.connections.filter((c) => c.id !== connection.id);
      d.users = d.users.filter((u) => u.connection !== connection.name);
      for (const org of d.organizations) org.connections = org.connections.filter((c) => c.connection_id !== connection.id);
    };
  });
  return noContent();
}
