import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import type { EngineAction } from '../engine/index.ts';
import type { EnsureOptions } from '../dependencies/index.ts';
import type { TriggerId } from '../types/triggers.ts';
import type { Env } from './dotenv.ts';
import { actionNameOf, loadActionFile, type LoadActionOptions } from './load-action.ts';
import { secretsFor, type SecretOverrides } from './secrets.ts';
import { declaredTrigger, triggerBindings, type TenantConfig } from './tenant-yaml.ts';

/** Folder of the Actions' sources, next to tenant.yaml. */
export const ACTIONS_DIR = 'actions';

/** The source file of an Action named in tenant.yaml: actions/<name>.ts (or .js). */
export function actionSource(tenant: TenantConfig, name: string): string | undefined {
  for (const ext of ['.ts', '.js']) {
    const file = path.join(tenant.dir, ACTIONS_DIR, `${name}${ext}`);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** How Actions of a project are loaded: secret values from the event file, dependency install progress, the trigger. */
export interface FlowLoadOptions {
  secrets?: SecretOverrides;
  install?: EnsureOptions;
  /** The trigger the Actions run on; default: each Action's declared trigger, else post-login. */
  trigger?: TriggerId;
}

function loadOptions(tenant: TenantConfig | undefined, name: string, env: Env, options: FlowLoadOptions, root: string): LoadActionOptions {
  const declared = tenant?.actions.find((a) => a.name === name);
  return {
    name,
    dependencies: declared?.dependencies ?? [],
    external: (tenant?.actions ?? []).flatMap((a) => a.dependencies.map((d) => d.name)),
    // An Action file tenant.yaml does not list declares no secrets: it gets the event file's as given.
    secrets: declared ? secretsFor(declared, env, options.secrets) : { ...options.secrets?.shared, ...options.secrets?.perAction[name] },
    root,
    env,
    ...(options.install ? { install: options.install } : {}),
    trigger: options.trigger ?? (declared ? declaredTrigger(declared) : undefined) ?? 'post-login',
  };
}

/** Loads the given Action files; their tenant.yaml entries (if any) give dependencies and secrets. */
export async function loadActionFiles(files: readonly string[], tenant: TenantConfig | undefined, env: Env, options: FlowLoadOptions = {}): Promise<EngineAction[]> {
  const out: EngineAction[] = [];
  for (const file of files) {
    const name = actionNameOf(file);
    out.push(await loadActionFile(file, loadOptions(tenant, name, env, options, tenant?.dir ?? process.cwd())));
  }
  return out;
}

/** A trigger's flow bound in tenant.yaml (post-login by default), in binding order, loaded from actions/<name>.ts. */
export async function loadBoundFlow(tenant: TenantConfig, env: Env, options: FlowLoadOptions = {}): Promise<EngineAction[]> {
  const trigger = options.trigger ?? 'post-login';
  const bindings = triggerBindings(tenant, trigger) ?? [];
  if (bindings.length === 0) {
    throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `No Action is bound to ${trigger}. Add them under triggers.${trigger}, or name Action files on the command line.`, {
      location: { file: tenant.file },
    });
  }
  const out: EngineAction[] = [];
  for (const b of bindings) {
    const file = actionSource(tenant, b.actionName);
    if (file === undefined) {
      throw new ClaimkitError('ERR_FILE_NOT_FOUND', `${trigger} binds "${b.actionName}" but ${ACTIONS_DIR}/${b.actionName}.ts does not exist. Create it or fix the binding.`, {
        location: { file: tenant.file },
      });
    }
    out.push(await loadActionFile(file, { ...loadOptions(tenant, b.actionName, env, options, tenant.dir), trigger }));
  }
  return out;
}
