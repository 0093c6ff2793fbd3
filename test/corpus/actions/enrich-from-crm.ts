// Adds the customer's tier from the CRM, looked up by email with fetch. Imports the official types
// without `import type`, as many Actions do: they are types only and vanish from the bundle.
import { Event, PostLoginAPI } from '@auth0/actions/post-login/v3';

interface CrmAccount {
  accountId: string;
  tier: string;
}

export const onExecutePostLogin = async (event: Event, api: PostLoginAPI) => {
  if (!event.user.email) return;
  const url = `https://${event.secrets.DOMAIN}/v1/accounts?email=${encodeURIComponent(event.user.email)}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${event.secrets.CRM_API_KEY}` } });
  if (res.status === 404) return;
  if (!res.ok) throw new Error(`CRM lookup failed with HTTP ${res.status}`);
  const account = (await res.json()) as CrmAccount;
  api.idToken.setCustomClaim('https://corpus.example.com/tier', account.tier);
  if (event.resource_server) api.accessToken.setCustomClaim('https://corpus.example.com/account', account.accountId);
};
