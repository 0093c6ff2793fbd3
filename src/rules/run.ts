import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import { cloneJson, deepMerge } from '../harness/clone.ts';
import type { EventOverrides } from '../harness/event.ts';
import type { FlowResult } from '../harness/result.ts';
import { continueStateError } from '../harness/redirect-rules.ts';
import { createFlow, runActionsOn, type FlowInput } from '../harness/run.ts';
import type { FlowError, HarnessOptions } from '../harness/state.ts';
import { installHttpStubs, unstubbedMessage } from '../http-stubs/install.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { compileRule, type RuleFactory } from './compile.ts';
import type { RulesPass } from './context.ts';
import { RULES_TIMEOUT_MS, runRulesPass, type CompiledRule } from './pipeline.ts';
import { packageOfVersioned } from './require.ts';
import type { NamedRule } from './types.ts';

export interface RulesOptions extends HarnessOptions {
  /** The Rules' global `configuration` (in Actions: each Action's `event.secrets`). */
  configuration?: Readonly<Record<string, string>>;
  /** Actions that run after the Rules, as they did on Auth0 (Rules first, then post-login Actions). */
  actions?: FlowInput;
  /** The Rules pipeline's own time budget; Auth0's webtask limit is about 20 s. */
  rulesTimeoutMs?: number;
  /** The Rules' `global` object; pass the same one to several runs to model a warm container. */
  global?: Record<string, unknown>;
  /** `require` for the Rules; default: Node's built-ins and the project's packages (a `@version` is ignored). */
  require?: (id: string) => unknown;
}

/** A Rule ready to run: compiled by the caller (the Action engine) or from its script here. */
export type RuleInput = NamedRule | (CompiledRule & { id?: string });

const compiled = new Map<string, RuleFactory>();

function factoryOf(rule: RuleInput): CompiledRule {
  if ('factory' in rule) return rule;
  if (typeof rule.script !== 'string') throw new ClaimkitError('ERR_USAGE', `The Rule "${rule.name}" has no script.`);
  const filename = rule.filename ?? `${rule.name}.js`;
  const key = `${filename}\n${rule.script}`;
  let factory = compiled.get(key);
  if (!factory) {
    factory = compileRule(rule.script, filename);
    if (compiled.size > 256) compiled.clear();
    compiled.set(key, factory);
  }
  return { name: rule.name, factory };
}

/** In-process `require`: built-ins, else the project's own node_modules ("lodash@4.17.21" → "lodash"). */
function projectRequire(): (id: string) => unknown {
  const req = createRequire(path.join(process.cwd(), 'noop.js'));
  return (id) => (isBuiltin(id) ? req(id) : req(packageOfVersioned(id).bare));
}

interface PausedRules {
  rules: CompiledRule[];
  options: RulesOptions;
  event: PostLoginEvent;
  state: string;
}
const paused = new WeakMap<FlowResult, PausedRules>();

async function login(rules: CompiledRule[], event: PostLoginEvent, options: RulesOptions, pass: RulesPass, ids: string[], refused?: FlowError): Promise<{ result: FlowResult; flowEvent: PostLoginEvent }> {
  const { configuration, actions, rulesTimeoutMs, global, require, http, ...harness } = options;
  const flow = createFlow(event, { ...harness, rulesExecuted: [...(options.rulesExecuted ?? []), ...ids] });
  const stubs = http === undefined ? undefined : installHttpStubs(http);
  let result: FlowResult;
  let ran = 0;
  if (refused) flow.error = refused;
  try {
    if (!refused) ran = await runRulesPass(flow, rules, {
      pass,
      configuration: configuration ?? {},
      global: global ?? {},
      require: require ?? projectRequire(),
      timeoutMs: rulesTimeoutMs ?? RULES_TIMEOUT_MS,
    });
    result = await runActionsOn(flow, actions ?? []);
  } finally {
    stubs?.restore();
  }
  if (stubs) {
    const missing = stubs.unstubbed();
    if (missing.length > 0) {
      throw new ClaimkitError('ERR_HTTP_UNSTUBBED', `${missing.length} HTTP request(s) had no stub and were not sent:\n${missing.map((c) => `  ${unstubbedMessage(c)}`).join('\n')}`);
    }
    result.http = stubs.calls;
  }
  // One list, in the order they ran: the Rules, then the Actions.
  result.actions = [...rules.map((r, i) => ({ name: r.name, ran: i < ran })), ...result.actions];
  return { result, flowEvent: flow.event };
}

/**
 * Runs legacy Rules on a post-login event as Auth0 did: each `function (user, context, callback)` in
 * order with `user` and `context` built from the event, `configuration`, `global`, `UnauthorizedError`
 * and `auth0`; claims set on `context.idToken` / `context.accessToken` go through the claim policy; a
 * callback error denies; a Rule that never calls back times out; then the Actions (options.actions) run.
 * The result is the harness's FlowResult; `actions` lists the Rules first.
 */
export async function runRules(input: RuleInput | readonly RuleInput[], event: PostLoginEvent, options: RulesOptions = {}): Promise<FlowResult> {
  const list = Array.isArray(input) ? (input as readonly RuleInput[]) : [input as RuleInput];
  const rules = list.map(factoryOf);
  const ids = list.map((r) => r.id ?? r.name);
  const { result, flowEvent } = await login(rules, event, options, 'login', ids);
  if (result.outcome === 'success' && result.redirect) {
    paused.set(result, { rules, options: { ...options, rulesExecuted: [...(options.rulesExecuted ?? [])] }, event: cloneJson(flowEvent), state: result.redirect.state });
  }
  return result;
}

/** True when `result` is a login a Rule paused with context.redirect (resume it with continueRules). */
export function rulesPaused(result: FlowResult): boolean {
  return paused.has(result);
}

/**
 * Resumes a login a Rule redirected (`context.redirect`): the user is back at /continue, and every Rule
 * runs again with `context.protocol === 'redirect-callback'` ("Redirection back to the /continue endpoint
 * … in which all rules will again be run": Rules execution best practices), then the Actions.
 */
export async function continueRules(previous: FlowResult, continueEvent: EventOverrides = {}): Promise<FlowResult> {
  const p = paused.get(previous);
  if (!p) throw new ClaimkitError('ERR_USAGE', 'continueRules needs the result of runRules in which a Rule set context.redirect.');
  paused.delete(previous);
  const event = cloneJson(p.event);
  event.request = { ...event.request, method: 'GET', query: { state: p.state }, body: {} };
  const resumed = deepMerge(event, continueEvent);
  const refused = continueStateError(resumed, p.state, p.rules[0]?.name ?? '');
  const ids = p.rules.map((r) => r.name);
  return (await login(p.rules, resumed, { ...p.options, redirectState: p.state }, 'redirect-callback', ids, refused)).result;
}
