import type { CredentialsExchangeEvent } from '../../../types/credentials-exchange/event.ts';
import type { StoredClient, StoredOrganization } from '../../store/model.ts';
import type { Tenant } from '../../tenant.ts';

/** The local tenant's name in events (event.tenant.id). */
export const LOCAL_TENANT_ID = 'claimkit-local';

/** Request parameters no Action gets: client credentials stay with the token endpoint. */
const HIDDEN_PARAMS: ReadonlySet<string> = new Set(['client_secret', 'client_assertion']);

/** One client-credentials token request, as the token endpoint has checked it. */
export interface ExchangeRequest {
  request: Request;
  params: ReadonlyMap<string, string>;
  client: StoredClient;
  /** The audience as the client asked for it. */
  audience: string;
  /** The scopes the request named (its `scope` parameter). */
  requested: readonly string[];
  /** The scopes to be issued: the client grant's, narrowed by the request. */
  scope: readonly string[];
  /** The client grant's scopes: what the Actions' target scopes end intersected with. */
  grantScopes: readonly string[];
}

/** Application metadata as Auth0 hands it to Actions: string values only. */
function metadataOf(client: StoredClient): Record<string, string> {
  const raw = client['client_metadata'];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The organization the request names (by id or name), when this tenant has it. */
function organizationOf(tenant: Tenant, params: ReadonlyMap<string, string>): CredentialsExchangeEvent['organization'] {
  const wanted = params.get('organization');
  if (wanted === undefined) return undefined;
  const org: StoredOrganization | undefined = tenant.store.data.organizations.find((o) => o.id === wanted || o.name === wanted);
  return org && { id: org.id, name: org.name, display_name: org.display_name ?? org.name, metadata: { ...org.metadata } };
}

/** The credentials-exchange event of a token request. */
export function exchangeEvent(tenant: Tenant, input: ExchangeRequest): CredentialsExchangeEvent {
  const { request, params, client } = input;
  const userAgent = request.headers.get('user-agent');
  const language = request.headers.get('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  const organization = organizationOf(tenant, params);
  return {
    secrets: {},
    configuration: {},
    accessToken: { customClaims: {}, scope: [...input.scope] },
    client: { client_id: client.client_id, name: client.name, metadata: metadataOf(client) },
    ...(organization ? { organization } : {}),
    request: {
      // The tenant listens on 127.0.0.1 only.
      ip: '127.0.0.1',
      method: request.method,
      hostname: new URL(request.url).host,
      ...(userAgent ? { user_agent: userAgent } : {}),
      ...(language ? { language } : {}),
      body: Object.fromEntries([...params].filter(([k]) => !HIDDEN_PARAMS.has(k))),
      geoip: {},
    },
    resource_server: { identifier: input.audience },
    tenant: { id: LOCAL_TENANT_ID },
    transaction: { requested_scopes: [...input.requested] },
  };
}
