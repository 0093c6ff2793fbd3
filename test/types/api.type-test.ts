// Type-level tests: `npm test` type-checks this file, and each @ts-expect-error must meet a real error
// (tsc fails on an unused one), so a type that became too loose fails the build.
import type { PostLoginAction, PostLoginApi, PostLoginEvent } from '../../src/types/index.ts';

export const good: PostLoginAction = {
  onExecutePostLogin: async (event, api) => {
    api.idToken.setCustomClaim('https://claims.example.com/roles', event.authorization?.roles ?? []);
    api.accessToken.setCustomClaim('https://claims.example.com/org', { id: 'org_1', tier: 2, active: true, parent: null });
    api.accessToken.addScope('read:reports');
    api.user.setAppMetadata('plan', null);
    api.redirect.sendUserTo('https://example.com/step-up', { query: { reason: 'mfa' } });
  },
};

export async function misspeltCalls(api: PostLoginApi): Promise<void> {
  // @ts-expect-error: misspelt method name
  api.idToken.setCustomClam('https://claims.example.com/x', 1);
  // @ts-expect-error: no such namespace (it is api.accessToken)
  api.access_token.setCustomClaim('https://claims.example.com/x', 1);
  // @ts-expect-error: deny takes a reason
  api.access.deny();
  // @ts-expect-error: unknown MFA provider
  api.multifactor.enable('sms');
}

export function wrongClaimValues(api: PostLoginApi): void {
  // @ts-expect-error: a function cannot be put into a token
  api.idToken.setCustomClaim('https://claims.example.com/f', () => 1);
  // @ts-expect-error: undefined would silently vanish from the token
  api.idToken.setCustomClaim('https://claims.example.com/u', undefined);
  // @ts-expect-error: a Date is not JSON; send its ISO string
  api.accessToken.setCustomClaim('https://claims.example.com/d', new Date());
  // @ts-expect-error: bigint cannot be serialised
  api.accessToken.setCustomClaim('https://claims.example.com/b', 10n);
  // @ts-expect-error: nested values are checked too
  api.accessToken.setCustomClaim('https://claims.example.com/n', { when: new Date() });
}

export function eventOptionality(event: PostLoginEvent): string {
  // @ts-expect-error: authorization may be absent: roles needs `?.`
  const first: string | undefined = event.authorization.roles[0];
  // @ts-expect-error: organization may be absent
  const org: string = event.organization.id;
  return `${first}${org}${event.user.user_id}${event.client.client_id}`;
}

export const notAsyncModule: PostLoginAction = {
  // @ts-expect-error: handlers must return a Promise (Auth0 requires an async function)
  onExecutePostLogin: (_event: PostLoginEvent, _api: PostLoginApi) => undefined,
};
