import { createHash, timingSafeEqual } from 'node:crypto';
import { json, readParams } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteContext } from '../http/router.ts';
import { issuerOf, storedAudience, type Tenant } from '../tenant.ts';
import { MANAGEMENT_AUDIENCE, type StoredClient } from '../store/model.ts';
import { runCredentialsExchangeActions } from './credentials-exchange/index.ts';
import { PROVIDER_GRANTS } from '../oidc/clients.ts';
import { providerToken } from './provider-token.ts';
import { issueAccessToken } from './tokens.ts';
import { basicCredentials } from './basic.ts';

// POST /oauth/token. OAuth errors have their own shape ({error, error_description}), not the
// Management API's. The client-credentials grant is answered here, as one step (clientCredentials); the
// login grants (authorization_code, refresh_token, password, password-realm) go to the OpenID provider.

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

type Params = ReadonlyMap<string, string>;
type Grant = (tenant: Tenant, params: Params, client: StoredClient, request: Request) => Promise<Response>;

// A Map: grant_type is the caller's text (`__proto__` or `constructor` must not find anything).
const GRANTS: ReadonlyMap<string, Grant> = new Map([['client_credentials', clientCredentials]]);

/** Compared in constant time (digests first: timingSafeEqual needs equal lengths). */
const sameSecret = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

function clientAuth(request: Request, params: Params): { id: string | undefined; secret: string | undefined } {
  const basic = basicCredentials(request);
  if (basic === null) return { id: undefined, secret: undefined };
  return basic ?? { id: params.get('client_id'), secret: params.get('client_secret') };
}

export async function oauthToken({ request, tenant }: RouteContext): Promise<Response> {
  try {
    const params = await readParams(request, tenant.settings.bodyLimitBytes);
    const grantType = params.get('grant_type');
    if (!grantType) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: grant_type');
    if ((PROVIDER_GRANTS as readonly string[]).includes(grantType)) return await providerToken(tenant, request, params);
    const grant = GRANTS.get(grantType);
    // RFC 6749 §5.2: an unknown grant type is a 400.
    if (!grant) throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
    const { id, secret } = clientAuth(request, params);
    if (!id) throw new OAuthError(401, 'access_denied', 'Unauthorized');
    const client = tenant.store.data.clients.find((c) => c.client_id === id);
    if (!client || secret === undefined || !sameSecret(secret, client.client_secret)) throw new OAuthError(401, 'access_denied', 'Unauthorized');
    return await grant(tenant, params, client, request);
  } catch (err) {
    if (err instanceof OAuthError) return json({ error: err.error, error_description: err.description }, err.status);
    // A body the tenant refuses (too large, too deep, not JSON or a form): in the OAuth shape, as the token endpoint answers.
    if (err instanceof ApiError) return json({ error: 'invalid_request', error_description: err.message }, err.statusCode, err.headers);
    throw err;
  }
}

async function clientCredentials(tenant: Tenant, params: Params, client: StoredClient, request: Request): Promise<Response> {
  const audience = params.get('audience');
  if (!audience) throw new OAuthError(403, 'access_denied', 'No audience parameter was provided, and no default audience has been configured');
  const stored = storedAudience(tenant, audience);
  const resourceServer = tenant.store.data.resourceServers.find((rs) => rs.identifier === audience);
  if (stored !== MANAGEMENT_AUDIENCE && !resourceServer) throw new OAuthError(403, 'access_denied', `Service not found: ${audience}`);
  const grant = tenant.store.data.grants.find((g) => g.client_id === client.client_id && g.audience === stored);
  if (!grant) {
    throw new OAuthError(403, 'access_denied', `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`);
  }
  const requested = (params.get('scope') ?? '').split(' ').filter(Boolean);
  const granted = requested.length === 0 ? grant.scope : requested.filter((s) => grant.scope.includes(s));
  // The bound credentials-exchange Actions add claims, change the target scopes, or deny.
  const exchange = await runCredentialsExchangeActions(tenant, { request, params, client, audience, requested, scope: granted, grantScopes: grant.scope });
  if (!exchange.ok) throw new OAuthError(exchange.status, exchange.error, exchange.description);
  const { scope, claims } = exchange;
  const lifetime = typeof resourceServer?.['token_lifetime'] === 'number' ? resourceServer['token_lifetime'] : tenant.settings.tokenLifetimeSeconds;
  const accessToken = await issueAccessToken(tenant.key, {
    issuer: issuerOf(tenant),
    audience,
    clientId: client.client_id,
    scope,
    claims,
    lifetimeSeconds: lifetime,
    now: tenant.now(),
  });
  return json({ access_token: accessToken, scope: scope.join(' '), expires_in: lifetime, token_type: 'Bearer' }, 200, { 'cache-control': 'no-store' });
}
