import { json, noContent, readJsonObject } from '../http/body.ts';
import { badRequest, notFound, payloadError } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { queryBoolean, validateBody, type BodySchema } from '../http/validate.ts';
import { ids } from '../store/ids.ts';
import type { StoredClient, TenantData } from '../store/model.ts';
import { fieldsProjection } from './fields.ts';
import { offsetList, pageRequest } from './paging.ts';
import { SCOPES } from './scopes.ts';

// Applications. Fields are stored as given (Auth0 has dozens); the ones checked are typed here.

const FIELDS: BodySchema['fields'] = {
  name: 'string',
  description: 'string',
  app_type: 'string',
  callbacks: 'string[]',
  allowed_logout_urls: 'string[]',
  web_origins: 'string[]',
  allowed_origins: 'string[]',
  grant_types: 'string[]',
  oidc_conformant: 'boolean',
  is_first_party: 'boolean',
  token_endpoint_auth_method: 'string',
  client_metadata: 'object',
  jwt_configuration: 'object',
  sso: 'boolean',
  sso_disabled: 'boolean',
  cross_origin_authentication: 'boolean',
  logo_uri: 'string',
  client_secret: 'string',
};

const READ_ONLY = ['client_id', 'client_secret', 'tenant', 'global', 'signing_keys', 'callback_url_template'];

function findClient(data: Readonly<TenantData>, id: string | undefined): StoredClient {
  const client = data.clients.find((c) => c.client_id === id);
  if (!client) throw notFound('The client does not exist', 'inexistent_client');
  return client;
}

/** client_secret is shown only to tokens with read:client_keys, as Auth0 does. */
function view(ctx: RouteContext, client: StoredClient): Record<string, unknown> {
  const canSeeSecret = (ctx.auth?.scope ?? '').split(' ').includes(SCOPES.readClientKeys);
  const { client_secret, ...rest } = client;
  return canSeeSecret ? { ...rest, client_secret } : rest;
}

function checkBody(body: Record<string, unknown>, required: boolean): void {
  validateBody(body, { ...(required ? { required: ['name'] } : {}), fields: FIELDS, additional: true, nonEmpty: ['client_secret'] });
  const ro = READ_ONLY.filter((k) => Object.hasOwn(body, k) && k !== 'client_secret');
  if (ro.length > 0) throw payloadError(`'Additional properties not allowed: ${ro.join(',')}'`);
  if (body['name'] === '') throw badRequest(`Payload validation error: 'String is too short (0 chars), minimum 1' on property name.`);
}

export function listClients(ctx: RouteContext): Response {
  const { url, tenant } = ctx;
  const isGlobal = queryBoolean(url, 'is_global');
  const isFirstParty = queryBoolean(url, 'is_first_party');
  const appType = url.searchParams.get('app_type')?.split(',');
  const clients = tenant.store.data.clients.filter(
    (c) =>
      (isGlobal === undefined || (c['global'] === true) === isGlobal) &&
      (isFirstParty === undefined || (c['is_first_party'] !== false) === isFirstParty) &&
      (appType === undefined || appType.includes(String(c['app_type']))),
  );
  return json(offsetList('clients', clients.map((c) => view(ctx, c)).map(fieldsProjection(url)), pageRequest(url)));
}

export function getClient(ctx: RouteContext): Response {
  return json(fieldsProjection(ctx.url)(view(ctx, findClient(ctx.tenant.store.data, ctx.params['id']))));
}

export async function createClient(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  checkBody(body, true);
  const client: StoredClient = {
    is_first_party: true,
    global: false,
    callbacks: [],
    grant_types: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36000, secret_encoded: false },
    ...body,
    name: body['name'] as string,
    client_id: ids.client(),
    client_secret: typeof body['client_secret'] === 'string' ? body['client_secret'] : ids.clientSecret(),
  };
  await tenant.store.write(() => (data) => data.clients.push(client));
  return json(view(ctx, client), 201);
}

export async function updateClient(ctx: RouteContext): Promise<Response> {
  const { tenant } = ctx;
  findClient(tenant.store.data, ctx.params['id']);
  const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
  checkBody(body, false);
  const client = await tenant.store.write((data) => {
    const found = findClient(data, ctx.params['id']);
    return () => Object.assign(found, body);
  });
  return json(view(ctx, client));
}

export async function deleteClient(ctx: RouteContext): Promise<Response> {
  await ctx.tenant.store.write((data) => {
    const client = findClient(data, ctx.params['id']);
    if (client['global'] === true) throw badRequest('The global client ("All Applications") cannot be deleted.', 'operation_not_supported');
    if (client.client_id === data.bootstrapClientId) {
      // A local-tenant rule: without this client nothing can reach the Management API any more.
      throw badRequest('This is the local tenant\'s own Management API client: it cannot be deleted (`claimkit tenant reset` starts over).', 'operation_not_supported');
    }
    return (d) => {
      d.clients = d.clients.filter((c) => c !== client);
      const removed = new Set(d.grants.filter((g) => g.client_id === client.client_id).map((g) => g.id));
      d.grants = d.grants.filter((g) => !removed.has(g.id));
      for (const org of d.organizations) if (org.client_grants) org.client_grants = org.client_grants.filter((id) => !removed.has(id));
      for (const c of d.connections) c.enabled_clients = c.enabled_clients.filter((id) => id !== client.client_id);
    };
  });
  return noContent();
}
