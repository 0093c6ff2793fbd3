export { cachedDependencies, DEPENDENCIES_DIR, ensureDependencies, type DependencyProgress, type EnsureOptions, type ResolvedDependencies } from './cache.ts';
export { undeclaredMessage } from './messages.ts';
export { npmInstall, type NpmInstall } from './npm.ts';
export { cacheKey, checkDependency, specOf, type Dependency } from './spec.ts';
export { STATE_DIR, stateDirOf } from './state.ts';
