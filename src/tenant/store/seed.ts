import { ALL_MANAGEMENT_SCOPES } from '../management/scopes.ts';
import { ids } from './ids.ts';
import { MANAGEMENT_AUDIENCE, type StoredClient, type StoredConnection, type TenantData } from './model.ts';

/** Auth0's default database connection, which every new tenant has. */
export const DATABASE_CONNECTION = 'Username-Password-Authentication';

export interface BootstrapCredentials {
  client_id: string;
  client_secret: string;
}

function databaseConnection(): StoredConnection {
  return {
    id: ids.connection(),
    name: DATABASE_CONNECTION,
    strategy: 'auth0',
    enabled_clients: [],
    options: { brute_force_protection: true },
    is_domain_connection: false,
    realms: [DATABASE_CONNECTION],
  };
}

/** Every Auth0 tenant has one global client ("All Applications"): it holds tenant-wide login page settings. */
function globalClient(): StoredClient {
  return {
    client_id: ids.client(),
    client_secret: ids.clientSecret(),
    name: 'All Applications',
    global: true,
    is_first_party: true,
    callbacks: [],
    custom_login_page_on: false,
  };
}

/**
 * What a state file written before a part of the model existed lacks, filled in: such files keep
 * loading (the tenant's data is never thrown away for being older).
 */
export function withDefaults(data: Omit<TenantData, 'connections' | 'organizations' | 'tenantSettings' | 'documents'> & Partial<TenantData>): TenantData {
  // A file from before the documents existed also predates their scopes and those of client grants,
  // connections, organizations and tenant settings: its own client gets them, or it could not deploy them.
  const grants = data.documents !== undefined ? data.grants : data.grants.map((g) =>
    g.client_id === data.bootstrapClientId && g.audience === MANAGEMENT_AUDIENCE ? { ...g, scope: [...new Set([...g.scope, ...ALL_MANAGEMENT_SCOPES])] } : g,
  );
  return {
    ...data,
    clients: data.clients.some((c) => c['global'] === true) ? data.clients : [...data.clients, globalClient()],
    grants,
    connections: data.connections ?? [databaseConnection()],
    organizations: data.organizations ?? [],
    tenantSettings: data.tenantSettings ?? {},
    documents: data.documents ?? { settings: {}, collections: {} },
  };
}

/**
 * A fresh tenant: no Actions, no users; Auth0's default database connection; one machine-to-machine client granted every Management API
 * scope (what a0deploy and the SDK authenticate with). `reset` passes the old credentials to keep them.
 */
export function initialData(credentials?: BootstrapCredentials): TenantData {
  const client: StoredClient = {
    client_id: credentials?.client_id ?? ids.client(),
    client_secret: credentials?.client_secret ?? ids.clientSecret(),
    name: 'claimkit (Management API)',
    description: 'Machine-to-machine client created by `claimkit tenant start`: deploys with a0deploy and the auth0 SDK.',
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
    is_first_party: true,
    oidc_conformant: true,
    global: false,
  };
  return {
    format: 1,
    bootstrapClientId: client.client_id,
    actions: [],
    versions: [],
    bindings: {},
    roles: [],
    resourceServers: [],
    clients: [client, globalClient()],
    grants: [{ id: ids.grant(), client_id: client.client_id, audience: MANAGEMENT_AUDIENCE, scope: [...ALL_MANAGEMENT_SCOPES] }],
    users: [],
    connections: [databaseConnection()],
    organizations: [],
    tenantSettings: {},
    documents: { settings: {}, collections: {} },
  };
}

export function bootstrapClient(data: TenantData): StoredClient | undefined {
  return data.clients.find((c) => c.client_id === data.bootstrapClientId);
}
