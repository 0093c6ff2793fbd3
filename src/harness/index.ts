export { CacheStore } from './api/cache-store.ts';
export { createApi } from './api/index.ts';
export { deepMerge, type DeepPartial } from './clone.ts';
export { DEFAULT_TENANT, makeEvent, type EventOverrides } from './event.ts';
export { issueTokens, tokenContext } from './issue.ts';
export type { ApiCall, DroppedClaim, FlowResult, LogEntry, Outcome } from './result.ts';
export { continuePostLogin, DEFAULT_TIMEOUT_MS, runPostLogin, type FlowInput, type NamedAction } from './run.ts';
export type { ActionContext, FlowState, HarnessOptions } from './state.ts';
