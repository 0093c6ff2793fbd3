import type { CredentialsExchangeApi } from './api.ts';
import type { CredentialsExchangeEvent } from './event.ts';

export type CredentialsExchangeHandler = (event: CredentialsExchangeEvent, api: CredentialsExchangeApi) => Promise<void>;

/** The module shape of a credentials-exchange Action: what `exports` holds after Auth0 loads it. */
export interface CredentialsExchangeAction {
  onExecuteCredentialsExchange: CredentialsExchangeHandler;
}
