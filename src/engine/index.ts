export { ActionEngine, sharedEngine, type EngineAction, type EngineRule, type ExchangeExecuteOptions, type ExecuteOptions, type ExecuteRulesOptions, type PausableResult } from './engine.ts';
export type { LoadFailure } from './protocol.ts';
export { ENGINE_DEFAULTS, type EngineSettings } from './settings.ts';
