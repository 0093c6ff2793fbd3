import { cachedDependencies, stateDirOf } from '../dependencies/index.ts';
import type { EngineAction } from '../engine/index.ts';
import type { ActionDependency, StoredSecret } from './store/model.ts';
import type { Tenant } from './tenant.ts';

/**
 * A stored Action (its draft, or one of its versions) as the Action engine runs it: its code, its declared
 * dependencies from the project's cache (which claimkit build fills), its own secret values.
 */
export function engineActionOf(tenant: Tenant, name: string, from: { code: string; dependencies: readonly ActionDependency[]; secrets: readonly StoredSecret[] }): EngineAction {
  const packages = cachedDependencies(from.dependencies, stateDirOf(tenant.resolveFrom));
  return { name, code: from.code, dependencies: from.dependencies, packages, secrets: Object.fromEntries(from.secrets.map((s) => [s.name, s.value])) };
}
