import { cachedDependencies, stateDirOf } from '../../../dependencies/index.ts';
import type { ActionDependency, BuildError, StoredBuild } from '../../store/model.ts';
import type { Tenant } from '../../tenant.ts';

// Auth0 builds an Action's draft after each create or update; a deploy before the build is done fails
// (auth0-facts §4). Here a build is a record with a ready time: the status is read off the clock, so it
// needs no timers and survives restarts. The outcome is decided at once by loading the code in the
// Action engine, as the runtime does — code that does not load, whose module scope never finishes, or
// that lacks its trigger's async handler (onExecutePostLogin for post-login), builds as failed.

export type BuildStatus = 'pending' | 'building' | 'built' | 'failed';

interface Draft {
  name: string;
  code: string;
  dependencies: readonly ActionDependency[];
  supported_triggers: ReadonlyArray<{ id: string }>;
}

async function check(tenant: Tenant, { code, name, dependencies, supported_triggers }: Draft): Promise<{ outcome: 'built' | 'failed'; errors: BuildError[] }> {
  // Declared packages come from the project's dependency cache, which claimkit build fills.
  const packages = cachedDependencies(dependencies, stateDirOf(tenant.resolveFrom));
  const missing = dependencies.filter((d) => !packages.has(d.name)).map((d) => `${d.name}@${d.version}`);
  if (missing.length > 0) {
    return { outcome: 'failed', errors: [{ id: 'ERR_DEPENDENCY_INSTALL', msg: `Declared dependencies not installed in the local tenant's cache: ${missing.join(', ')}. Run claimkit build (it installs them) and deploy again.` }] };
  }
  const failure = await tenant.engine.load({ name, code, dependencies, packages }, supported_triggers[0]?.id ?? 'post-login');
  return failure ? { outcome: 'failed', errors: [{ id: failure.code, msg: failure.message }] } : { outcome: 'built', errors: [] };
}

/** Starts a build of a draft: injected faults may make it fail or take longer. */
export async function startBuild(tenant: Tenant, draft: Draft): Promise<StoredBuild> {
  const fault = tenant.faults.forBuild();
  const now = tenant.now();
  const result = fault.failed
    ? { outcome: 'failed' as const, errors: [{ id: 'fault_injected', msg: 'The build failed (fault injected with build=failed).' }] }
    : await check(tenant, draft);
  return { started_at: now, ready_at: now + (fault.delayMs ?? tenant.settings.buildDelayMs), ...result };
}

export function buildStatus(build: StoredBuild, now: number): BuildStatus {
  if (now >= build.ready_at) return build.outcome;
  return now < build.started_at + (build.ready_at - build.started_at) / 2 ? 'pending' : 'building';
}
