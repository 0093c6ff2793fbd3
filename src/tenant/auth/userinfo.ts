import { errors, jwtVerify } from 'jose';
import type { ClaimValue } from '../../types/api.ts';
import { json, readText } from '../http/body.ts';
import type { RouteContext } from '../http/router.ts';
import { profileClaims } from '../login/tokens.ts';
import { authService } from '../oidc/service.ts';
import { issuerOf } from '../tenant.ts';

// GET|POST /userinfo: the user's profile for an access token — an opaque one (no audience: the only
// place it works), or a JWT whose `aud` includes https://DOMAIN/userinfo. The claims are those the
// token's scopes release, plus the custom claims the Actions put into the ID token of that login (Auth0
// returns them there too). A bad token is 401 with a WWW-Authenticate challenge (RFC 6750 §3).

const unauthorized = (description: string) =>
  json({ error: 'invalid_token', error_description: description }, 401, { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` });

interface Holder {
  userId: string;
  clientId: string;
  scopes: string[];
  grantId: string | undefined;
}

async function bearer(ctx: RouteContext): Promise<string | undefined> {
  const header = /^Bearer\s+(\S+)\s*$/i.exec(ctx.request.headers.get('authorization') ?? '')?.[1];
  if (header || ctx.request.method !== 'POST') return header;
  return new URLSearchParams(await readText(ctx.request, ctx.tenant.settings.bodyLimitBytes)).get('access_token') ?? undefined;
}

async function holderOf(ctx: RouteContext, token: string): Promise<Holder | string> {
  const { tenant } = ctx;
  if (token.split('.').length === 3) {
    try {
      const { payload } = await jwtVerify(token, tenant.key.publicKey, { algorithms: ['RS256'], issuer: issuerOf(tenant), audience: `${issuerOf(tenant)}userinfo`, currentDate: new Date(tenant.now()) });
      const clientId = typeof payload['azp'] === 'string' ? payload['azp'] : String(payload['client_id'] ?? '');
      return { userId: String(payload.sub), clientId, scopes: String(payload['scope'] ?? '').split(' '), grantId: undefined };
    } catch (err) {
      return err instanceof errors.JWTExpired ? 'The access token expired.' : err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud' ? 'The access token was not issued for /userinfo.' : 'The access token is invalid.';
    }
  }
  const found = await (await authService(tenant)).provider.AccessToken.find(token);
  if (!found || found.isExpired || !found.accountId) return 'The access token is invalid or expired.';
  return { userId: found.accountId, clientId: found.clientId ?? '', scopes: [...found.scopes], grantId: found.grantId };
}

export async function userinfo(ctx: RouteContext): Promise<Response> {
  const token = await bearer(ctx);
  if (!token) return unauthorized('No access token was sent.');
  const holder = await holderOf(ctx, token);
  if (typeof holder === 'string') return unauthorized(holder);
  if (!holder.scopes.includes('openid')) return json({ error: 'insufficient_scope', error_description: 'The access token lacks the openid scope.' }, 403);
  const user = ctx.tenant.store.data.users.find((u) => u.user_id === holder.userId);
  if (!user) return unauthorized('The user of this access token no longer exists.');
  const service = await authService(ctx.tenant);
  const plan = service.artifacts.plan(holder.grantId) ?? service.artifacts.latestPlan(holder.userId, holder.clientId);
  const claims: Record<string, ClaimValue> = { sub: user.user_id, ...profileClaims(user, holder.scopes), ...(plan?.idClaims ?? {}) };
  return json(claims, 200, { 'cache-control': 'no-store' });
}
