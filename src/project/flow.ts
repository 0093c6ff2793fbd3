import fs from 'node:fs';
import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import type { NamedAction } from '../harness/run.ts';
import { actionNameOf, loadActionFile } from './load-action.ts';
import type { TenantAction, TenantConfig } from './tenant-yaml.ts';

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

/** event.secrets for an Action: tenant.yaml's secret names, values from the environment. */
export function secretsFor(action: TenantAction | undefined, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of action?.secrets ?? []) out[s.name] = env[s.name] ?? s.value ?? '';
  return out;
}

function loadOptions(tenant: TenantConfig | undefined, name: string, env: Readonly<Record<string, string | undefined>>) {
  const declared = tenant?.actions.find((a) => a.name === name);
  return {
    name,
    dependencies: declared?.dependencies ?? [],
    secrets: secretsFor(declared, env),
    root: tenant?.dir ?? process.cwd(),
    env,
  };
}

/** Loads the given Action files; their tenant.yaml entries (if any) give dependencies and secrets. */
export async function loadActionFiles(files: readonly string[], tenant: TenantConfig | undefined, env: Readonly<Record<string, string | undefined>>): Promise<NamedAction[]> {
  const out: NamedAction[] = [];
  for (const file of files) {
    const name = actionNameOf(file);
    out.push(await loadActionFile(file, loadOptions(tenant, name, env)));
  }
  return out;
}

/** The post-login flow bound in tenant.yaml, in binding order, loaded from actions/<name>.ts. */
export async function loadBoundFlow(tenant: TenantConfig, env: Readonly<Record<string, string | undefined>>): Promise<NamedAction[]> {
  const bindings = tenant.postLogin ?? [];
  if (bindings.length === 0) {
    throw new ClaimkitError('ERR_TENANT_YAML_INVALID', 'No Action is bound to post-login. Add them under triggers.post-login, or name Action files on the command line.', {
      location: { file: tenant.file },
    });
  }
  const out: NamedAction[] = [];
  for (const b of bindings) {
    const file = actionSource(tenant, b.actionName);
    if (file === undefined) {
      throw new ClaimkitError('ERR_FILE_NOT_FOUND', `post-login binds "${b.actionName}" but ${ACTIONS_DIR}/${b.actionName}.ts does not exist. Create it or fix the binding.`, {
        location: { file: tenant.file },
      });
    }
    out.push(await loadActionFile(file, loadOptions(tenant, b.actionName, env)));
  }
  return out;
}
