// `@auth0/actions/credentials-exchange/v2` (the official types package, github.com/auth0/auth0-actions),
// served by claimkit's own complete credentials-exchange types so that Actions written against it
// type-check unchanged: tsconfig.json maps the module path here. Its exports, by the official names. It
// holds types only: `import type` it (a value import of it fails the build with ERR_TYPES_ONLY_MODULE).
import type { CredentialsExchangeHandler } from '../credentials-exchange/action.ts';
import type { CredentialsExchangeApi } from '../credentials-exchange/api.ts';
import type { CredentialsExchangeEvent } from '../credentials-exchange/event.ts';

export type Event = CredentialsExchangeEvent;
export type CredentialsExchangeAPI = CredentialsExchangeApi;
/** The handler's type: `exports.onExecuteCredentialsExchange: CredentialsExchangeAction`. */
export type CredentialsExchangeAction = CredentialsExchangeHandler;
export type Secrets = CredentialsExchangeEvent['secrets'];
export type Configuration = CredentialsExchangeEvent['configuration'];
