import { cachedDependencies, stateDirOf } from '../../dependencies/index.ts';
import type { EngineAction } from '../../engine/index.ts';
import type { StoredVersion } from '../store/model.ts';
import type { Tenant } from '../tenant.ts';

// The post-login flow a login runs: the Actions bound to post-login, in binding order, each at its
// deployed version (never a draft), with that version's secrets and declared npm dependencies.

/** Engine Actions per deployed version: versions never change, and the engine caches modules per object. */
const prepared = new Map<string, EngineAction>();

function engineAction(tenant: Tenant, name: string, version: StoredVersion): EngineAction {
  const key = `${tenant.resolveFrom}\0${version.id}`;
  let action = prepared.get(key);
  // Rebuilt while a declared package is still missing from the cache (claimkit build installs them).
  if (!action || (action.packages?.size ?? 0) < version.dependencies.length) {
    action = {
      name,
      code: version.code,
      dependencies: version.dependencies,
      packages: cachedDependencies(version.dependencies, stateDirOf(tenant.resolveFrom)),
      secrets: Object.fromEntries(version.secrets.map((s) => [s.name, s.value])),
    };
    if (prepared.size > 1000) prepared.clear();
    prepared.set(key, action);
  }
  return action;
}

/** The bound post-login Actions at their deployed versions; a binding to an undeployed Action is skipped. */
export function postLoginFlow(tenant: Tenant): EngineAction[] {
  const data = tenant.store.data;
  const out: EngineAction[] = [];
  for (const binding of data.bindings['post-login'] ?? []) {
    const action = data.actions.find((a) => a.id === binding.action_id);
    const version = action?.deployed_version_id ? data.versions.find((v) => v.id === action.deployed_version_id) : undefined;
    if (action && version) out.push(engineAction(tenant, action.name, version));
  }
  return out;
}
