import type { StoredAction, StoredSecret, StoredVersion } from '../../store/model.ts';
import type { Tenant } from '../../tenant.ts';
import { buildStatus } from './build.ts';

// What the Actions API returns. Secret values never leave the tenant: only names and update times.

const iso = (ms: number): string => new Date(ms).toISOString();

export const secretsView = (secrets: readonly StoredSecret[]) => secrets.map((s) => ({ name: s.name, updated_at: s.updated_at }));

function actionBase(action: StoredAction) {
  return {
    id: action.id,
    name: action.name,
    supported_triggers: action.supported_triggers,
    all_changes_deployed: action.all_changes_deployed,
    created_at: action.created_at,
    updated_at: action.updated_at,
  };
}

export function versionView(action: StoredAction, version: StoredVersion) {
  return {
    id: version.id,
    action_id: version.action_id,
    code: version.code,
    dependencies: version.dependencies,
    deployed: action.deployed_version_id === version.id,
    runtime: version.runtime,
    secrets: secretsView(version.secrets),
    status: 'built',
    number: version.number,
    errors: [],
    action: actionBase(action),
    built_at: version.built_at,
    created_at: version.created_at,
    updated_at: version.built_at,
    supported_triggers: version.supported_triggers,
  };
}

export function actionView(tenant: Tenant, action: StoredAction) {
  const status = buildStatus(action.build, tenant.now());
  const deployed = tenant.store.data.versions.find((v) => v.id === action.deployed_version_id);
  return {
    ...actionBase(action),
    code: action.code,
    dependencies: action.dependencies,
    runtime: action.runtime,
    secrets: secretsView(action.secrets),
    ...(deployed ? { deployed_version: versionView(action, deployed) } : {}),
    status,
    ...(status === 'built' ? { built_at: iso(action.build.ready_at) } : {}),
    ...(status === 'failed' ? { errors: action.build.errors } : {}),
    ...(action.modules ? { modules: action.modules } : {}),
  };
}
