// How parity runs each side: in-process with the harness (jest, fast), or isolated in the Action engine
// (`claimkit parity`: the Rule and the Action are a stranger's code).
import type { EngineAction, EngineRule } from '../engine/index.ts';
import { sharedEngine } from '../engine/index.ts';
import { runPostLogin } from '../harness/run.ts';
import type { HttpStub } from '../http-stubs/fixtures.ts';
import { runRules } from '../rules/run.ts';
import type { NamedRule } from '../rules/types.ts';
import type { PostLoginAction } from '../types/action.ts';
import type { ParityCompare, ParitySide } from './parity.ts';

/** Both sides run on one clock, so code that reads the time agrees: the generated logins' own moment, standing still. */
export const PARITY_NOW = Date.parse('2026-11-24T10:00:00.000Z');

export interface Sides {
  rule: ParitySide;
  action: ParitySide;
  compare?: ParityCompare;
}

/** The harness, in this process: a Rule's script and an imported Action module. */
export function inProcessSides(o: { rule: NamedRule; action: PostLoginAction; actionName?: string; configuration?: Readonly<Record<string, string>>; secrets?: Readonly<Record<string, string>> }): Sides {
  const now = () => PARITY_NOW;
  const configuration = o.configuration ?? {};
  const named = { name: o.actionName ?? o.rule.name, action: o.action, secrets: o.secrets ?? configuration };
  return {
    rule: (events) => Promise.all(events.map((e) => runRules(o.rule, e, { configuration, now }))),
    action: (events) => Promise.all(events.map((e) => runPostLogin(named, e, { now }))),
  };
}

/** The Action engine: both run isolated and bounded, as `claimkit run` runs them. */
export function engineSides(o: { rule: EngineRule; action: EngineAction; configuration: Readonly<Record<string, string>>; http?: readonly HttpStub[] }): Sides {
  const engine = sharedEngine();
  const options = { now: PARITY_NOW, frozenClock: true, ...(o.http ? { http: o.http } : {}) };
  return {
    rule: (events) => Promise.all(events.map((e) => engine.executeRules([o.rule], [], e, { ...options, configuration: o.configuration }))),
    action: (events) => Promise.all(events.map((e) => engine.execute([o.action], e, options))),
    compare: (events) => Promise.all(events.map((e) => engine.compareRule(o.rule, o.action, e, { ...options, configuration: o.configuration }))),
  };
}
