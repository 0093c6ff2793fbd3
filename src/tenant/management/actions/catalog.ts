// The triggers this tenant offers, as GET /actions/triggers lists them (one entry per trigger version;
// clients take the unique ids). Post-login v3 is what claimkit's Actions target.

export interface TriggerInfo {
  id: string;
  version: string;
  status: 'CURRENT' | 'DEPRECATED';
  runtimes: string[];
  default_runtime: string;
  compatible_triggers: Array<{ id: string; version: string }>;
  binding_policy: 'trigger-bound';
}

const RUNTIMES = ['node18-actions', 'node22'];

function trigger(id: string, version: string, status: TriggerInfo['status'] = 'CURRENT'): TriggerInfo {
  return { id, version, status, runtimes: RUNTIMES, default_runtime: 'node22', compatible_triggers: [], binding_policy: 'trigger-bound' };
}

export const TRIGGERS: readonly TriggerInfo[] = [
  trigger('post-login', 'v3'),
  trigger('post-login', 'v2', 'DEPRECATED'),
  trigger('credentials-exchange', 'v2'),
  trigger('pre-user-registration', 'v2'),
  trigger('post-user-registration', 'v2'),
  trigger('post-change-password', 'v2'),
  trigger('send-phone-message', 'v2'),
];

export const isTriggerId = (id: string): boolean => TRIGGERS.some((t) => t.id === id);

/** The runtimes an Action may name; `node18` is Auth0's alias of node18-actions. */
export const RUNTIME_NAMES: readonly string[] = ['node18', 'node18-actions', 'node22'];
