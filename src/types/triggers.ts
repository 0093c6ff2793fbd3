// The Action triggers claimkit types and runs (harness, engine, claimkit run), in one table: the version
// each Action declares in tenant.yaml (`supported_triggers`), the handlers Auth0's loader requires, and
// optional ones it checks when present. Every Auth0 trigger, which check, build and deploy take, is in
// src/triggers.ts; a test holds the two equal where both speak of a trigger.
// Sources: the @auth0/actions loaders (post-login/v3, credentials-exchange/v2) and Auth0's trigger docs.

export const TRIGGERS = {
  'post-login': { version: 'v3', handler: 'onExecutePostLogin', optional: ['onContinuePostLogin'] },
  'credentials-exchange': { version: 'v2', handler: 'onExecuteCredentialsExchange', optional: [] },
} as const satisfies Record<string, { version: string; handler: string; optional: readonly string[] }>;

export type TriggerId = keyof typeof TRIGGERS;
export type HandlerName = (typeof TRIGGERS)[TriggerId]['handler'] | (typeof TRIGGERS)[TriggerId]['optional'][number];

export const TRIGGER_IDS = Object.keys(TRIGGERS) as TriggerId[];

export function isTriggerId(id: unknown): id is TriggerId {
  return typeof id === 'string' && Object.hasOwn(TRIGGERS, id);
}

/** `supported_triggers` as tenant.yaml writes it for one trigger: `[{ id: …, version: … }]`. */
export const supportedTriggersText = (id: TriggerId): string => `[{ id: ${id}, version: ${TRIGGERS[id].version} }]`;
