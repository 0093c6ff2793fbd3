import { ALL_MANAGEMENT_SCOPES } from '../management/scopes.ts';
import { ids } from './ids.ts';
import { MANAGEMENT_AUDIENCE, type StoredClient, type TenantData } from './model.ts';

export interface BootstrapCredentials {
  client_id: string;
  client_secret: string;
}

/**
 * A fresh tenant: no Actions, no users; one machine-to-machine client granted every Management API
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
    clients: [client],
    grants: [{ id: ids.grant(), client_id: client.client_id, audience: MANAGEMENT_AUDIENCE, scope: [...ALL_MANAGEMENT_SCOPES] }],
    users: [],
  };
}

export function bootstrapClient(data: TenantData): StoredClient | undefined {
  return data.clients.find((c) => c.client_id === data.bootstrapClientId);
}
