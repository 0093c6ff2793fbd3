export { compileRule, type RuleFactory, type RuleGlobals } from './compile.ts';
export { GEOIP_KEYS, ruleContext, ruleUser, type RulesPass } from './context.ts';
export { UnauthorizedError } from './globals.ts';
export { RULES_TIMEOUT_MS } from './pipeline.ts';
export { rulesTimeoutMessage } from './timeout.ts';
export { continueRules, runRules, type RuleInput, type RulesOptions } from './run.ts';
export type { NamedRule, RuleCallback, RuleConfiguration, RuleContext, RuleFunction, RuleUser } from './types.ts';
