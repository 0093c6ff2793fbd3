export { ActionEngine, sharedEngine, type EngineAction, type ExchangeExecuteOptions, type ExecuteOptions } from './engine.ts';
export type { LoadFailure } from './protocol.ts';
export { ENGINE_DEFAULTS, type EngineSettings } from './settings.ts';
