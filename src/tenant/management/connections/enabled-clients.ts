import { isObject, json, noContent, readJsonArray } from '../../http/body.ts';
import { payloadError } from '../../http/errors.ts';
import type { RouteContext } from '../../http/router.ts';
import { checkpointList } from '../paging.ts';
import { checkClients, findConnection } from './connections.ts';

// GET /connections/{id}/clients: the clients enabled for a connection, checkpoint-paged;
// PATCH takes up to 50 `{client_id, status}` changes (true enables, false disables) and answers 204.

const MAX_CHANGES = 50;

export function listEnabledClients(ctx: RouteContext): Response {
  const connection = findConnection(ctx.tenant.store.data, ctx.params['id']);
  return json(checkpointList('clients', connection.enabled_clients.map((client_id) => ({ client_id })), ctx.url));
}

export async function updateEnabledClients(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findConnection(tenant.store.data, ctx.params['id']);
  const body = await readJsonArray(ctx.request, tenant.settings.bodyLimitBytes);
  if (body.length > MAX_CHANGES) throw payloadError(`'Array is too long (${body.length}), maximum ${MAX_CHANGES}'`);
  const changes = body.map((item, i) => {
    if (!isObject(item) || typeof item['client_id'] !== 'string' || typeof item['status'] !== 'boolean') {
      throw payloadError(`'Expected {client_id: string, status: boolean}' on property [${i}]`);
    }
    return { clientId: item['client_id'], enable: item['status'] };
  });
  await tenant.store.write((data) => {
    const connection = findConnection(data, ctx.params['id']);
    checkClients(data, changes.filter((c) => c.enable).map((c) => c.clientId));
    return () => {
      for (const { clientId, enable } of changes) {
        const without = connection.enabled_clients.filter((id) => id !== clientId);
        connection.enabled_clients = enable ? [...without, clientId] : without;
      }
    };
  });
  return noContent();
}
