// Asks a risk-scoring service about each login (axios, as the vendor's sample does) and blocks the
// risky ones. DOMAIN is this Action's own: enrich-from-crm has a DOMAIN secret too, with another value.
import type { Event, PostLoginAPI } from '@auth0/actions/post-login/v3';

interface Axios {
  post<T>(url: string, body: unknown, config: { headers: Record<string, string>; timeout: number }): Promise<{ data: T }>;
}
const axios = require('axios') as Axios;

export const onExecutePostLogin = async (event: Event, api: PostLoginAPI): Promise<void> => {
  const { data } = await axios.post<{ score: number }>(
    `https://${event.secrets.DOMAIN}/v2/score`,
    { ip: event.request.ip, user_id: event.user.user_id },
    { headers: { 'x-api-key': event.secrets.API_KEY ?? '' }, timeout: 5000 },
  );
  if (data.score >= 80) {
    api.access.deny('Sign-in blocked by the risk policy.');
    return;
  }
  api.idToken.setCustomClaim('https://corpus.example.com/risk', data.score);
};
