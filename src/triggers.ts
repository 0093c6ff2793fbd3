// Auth0's Actions triggers, in one table: the id and current version an Action names in
// `supported_triggers`, and the handler Auth0's loader calls for it. Sources: Auth0 docs "Explore
// Triggers" (customize/actions/explore-triggers) and each trigger's "Event object" / "API object"
// reference; the ids are the Management API's (auth0 SDK `Management.ActionTriggerTypeEnum`).

export interface TriggerSpec {
  id: string;
  /** The version new Actions use. */
  version: string;
  /** Older versions Auth0 still reports on Actions that use them. */
  deprecated: readonly string[];
  /** The export Auth0 calls: `exports.<handler> = async (event, api) => …`. */
  handler: string;
  /** A second handler Auth0 may call (post-login's `/continue` after a redirect). */
  continueHandler?: string;
}

export const TRIGGER_SPECS: readonly TriggerSpec[] = [
  { id: 'post-login', version: 'v3', deprecated: ['v2'], handler: 'onExecutePostLogin', continueHandler: 'onContinuePostLogin' },
  { id: 'credentials-exchange', version: 'v2', deprecated: [], handler: 'onExecuteCredentialsExchange' },
  { id: 'pre-user-registration', version: 'v2', deprecated: [], handler: 'onExecutePreUserRegistration' },
  { id: 'post-user-registration', version: 'v2', deprecated: [], handler: 'onExecutePostUserRegistration' },
  { id: 'post-change-password', version: 'v2', deprecated: [], handler: 'onExecutePostChangePassword' },
  { id: 'send-phone-message', version: 'v2', deprecated: [], handler: 'onExecuteSendPhoneMessage' },
  { id: 'password-reset-post-challenge', version: 'v1', deprecated: [], handler: 'onExecutePostChallenge' },
  { id: 'custom-email-provider', version: 'v1', deprecated: [], handler: 'onExecuteCustomEmailProvider' },
  { id: 'custom-phone-provider', version: 'v1', deprecated: [], handler: 'onExecuteCustomPhoneProvider' },
  { id: 'custom-token-exchange', version: 'v1', deprecated: [], handler: 'onExecuteCustomTokenExchange' },
];

export const triggerSpec = (id: string): TriggerSpec | undefined => TRIGGER_SPECS.find((t) => t.id === id);
