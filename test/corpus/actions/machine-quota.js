// @ts-check
// A credentials-exchange Action as teams write them: JavaScript typed with JSDoc against the official
// types, axios at a declared version, an API key in its secrets, the Actions cache in front of a quota
// service. Machines over their quota get no token.
const axios = require('axios');

/** @type {import('@auth0/actions/credentials-exchange/v2').CredentialsExchangeAction} */
exports.onExecuteCredentialsExchange = async (event, api) => {
  const { QUOTA_DOMAIN, QUOTA_API_KEY = '' } = event.secrets;
  const key = `quota:${event.client.client_id}`;
  const cached = api.cache.get(key);
  /** @type {{ remaining: number, tier: string }} */
  const quota = cached
    ? JSON.parse(cached.value)
    : (await axios.get(`https://${QUOTA_DOMAIN}/v1/clients/${encodeURIComponent(event.client.client_id)}`, { headers: { 'x-api-key': QUOTA_API_KEY } })).data;
  if (!cached) api.cache.set(key, JSON.stringify(quota), { ttl: 60_000 });
  if (quota.remaining <= 0) {
    api.access.deny('invalid_request', `${event.client.name} has used its token quota.`);
    return;
  }
  api.accessToken.setCustomClaim('https://corpus.example.com/tier', quota.tier);
  api.accessToken.setCustomClaim('https://corpus.example.com/quota_remaining', quota.remaining);
};
