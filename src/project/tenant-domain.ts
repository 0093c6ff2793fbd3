import { ClaimkitError, type ClaimkitErrorCode } from '../errors.ts';

/**
 * A tenant's domain as a user gives it (`AUTH0_DOMAIN`, `--domain`): `host[:port]`, an `https://` in front
 * and slashes behind tolerated. Anything else — a path, spaces, credentials, a host URL cannot parse — is
 * refused with `code`, before it becomes a request URL.
 */
export function tenantDomain(raw: string, where: string, code: ClaimkitErrorCode): string {
  const domain = raw.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const url = URL.canParse(`https://${domain}/`) ? new URL(`https://${domain}/`) : undefined;
  if (url === undefined || domain === '' || url.host !== domain.toLowerCase().replace(/:443$/, '') || url.username !== '' || url.password !== '') {
    throw new ClaimkitError(
      code,
      `${where} ${JSON.stringify(raw.slice(0, 200))} is not a tenant domain: give the tenant's host name, for example your-tenant.eu.auth0.com (or 127.0.0.1:4433 for the local tenant).`,
    );
  }
  return domain;
}
