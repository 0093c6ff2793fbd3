// The triggers this tenant offers, as GET /actions/triggers lists them (one entry per trigger version;
// clients take the unique ids), from claimkit's table of Auth0's triggers (src/triggers.ts).
import { TRIGGER_SPECS } from '../../../triggers.ts';

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

export const TRIGGERS: readonly TriggerInfo[] = TRIGGER_SPECS.flatMap((t) => [trigger(t.id, t.version), ...t.deprecated.map((v) => trigger(t.id, v, 'DEPRECATED'))]);

export const isTriggerId = (id: string): boolean => TRIGGERS.some((t) => t.id === id);

/** The runtimes an Action may name; `node18` is Auth0's alias of node18-actions. */
export const RUNTIME_NAMES: readonly string[] = ['node18', 'node18-actions', 'node22'];
