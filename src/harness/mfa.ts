import type { FlowState } from './state.ts';

/**
 * After an Action that requested an MFA challenge or enrollment, Auth0 shows it before the next Action
 * runs ("subsequent Actions will not be run until that challenge has been fulfilled by the user" — docs,
 * post-login api object, api.authentication.challengeWith). claimkit assumes the user succeeds: later
 * Actions see the completed factor in event.authentication.methods ("the authentication methods a user
 * has completed during their session"; the MFA entry is `{ name: 'mfa', timestamp }` — docs, post-login
 * event object). A factor already completed in this transaction is not asked again.
 */
export function completeRequestedMfa(flow: FlowState): void {
  if (!flow.mfaRequested) return;
  flow.mfaRequested = false;
  const authentication = (flow.event.authentication ??= { methods: [] });
  if (!Array.isArray(authentication.methods)) authentication.methods = [];
  if (authentication.methods.some((m) => m?.name === 'mfa')) return;
  authentication.methods = [...authentication.methods, { name: 'mfa', timestamp: new Date(flow.options.now()).toISOString() }];
}
