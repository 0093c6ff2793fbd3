import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NpmInstall } from '../../src/dependencies/index.ts';
import { ClaimkitError } from '../../src/errors.ts';

const ROOT = path.resolve(__dirname, '../..');

export interface ActionSpec {
  code: string;
  /** Extra YAML lines for this Action's tenant.yaml entry (indented 4 spaces). */
  entry?: string;
  dependencies?: Array<{ name: string; version: string }>;
  secrets?: string[];
  /** false: leave `deployed: true` out of the entry. */
  deployed?: boolean;
}

/**
 * An installer for the dependency cache that takes packages from the test project's node_modules
 * instead of the npm registry (tests stay offline); a package that is not there fails like npm would.
 */
export function localInstall(root: string): NpmInstall {
  return async (dep, prefix) => {
    const from = path.join(root, 'node_modules', dep.name);
    if (!fs.existsSync(from)) throw new ClaimkitError('ERR_DEPENDENCY_INSTALL', `Cannot install ${dep.name}@${dep.version}: not in the test registry.`);
    fs.cpSync(from, path.join(prefix, 'node_modules', dep.name), { recursive: true, dereference: true });
  };
}

export const OK_ACTION = 'exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim("https://claims.example.com/ok", true); };\n';

function entryYaml(name: string, spec: ActionSpec): string {
  const deps = spec.dependencies ?? [];
  const secrets = spec.secrets ?? [];
  return [
    `  - name: ${name}`,
    `    code: ./dist/actions/${name}.js`,
    '    runtime: node22',
    ...(spec.deployed === false ? [] : ['    deployed: true']),
    deps.length ? `    dependencies:\n${deps.map((d) => `      - { name: ${d.name}, version: ${d.version} }`).join('\n')}` : '    dependencies: []',
    secrets.length ? `    secrets:\n${secrets.map((s) => `      - { name: ${s} }`).join('\n')}` : '    secrets: []',
    spec.entry ?? '    supported_triggers:\n      - { id: post-login, version: v3 }',
  ].join('\n');
}

/**
 * A throwaway claimkit project: tenant.yaml, actions/<name>.js and a node_modules with the packages
 * tests use (linked from ours) plus any fake packages given.
 */
export function makeProject(
  actions: Record<string, ActionSpec>,
  options: { bindings?: string[]; extraFiles?: Record<string, string>; tenantYaml?: string; linked?: string[] } = {},
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-build-'));
  fs.mkdirSync(path.join(dir, 'actions'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  for (const pkg of options.linked ?? ['yaml', 'fast-check']) fs.symlinkSync(path.join(ROOT, 'node_modules', pkg), path.join(dir, 'node_modules', pkg));
  for (const [name, spec] of Object.entries(actions)) fs.writeFileSync(path.join(dir, 'actions', `${name}.js`), spec.code);
  const bindings = options.bindings ?? Object.keys(actions);
  const yaml =
    options.tenantYaml ??
    `actions:\n${Object.entries(actions).map(([n, s]) => entryYaml(n, s)).join('\n')}\ntriggers:\n  post-login:\n${bindings.map((b) => `    - { action_name: ${b}, display_name: ${b} }`).join('\n')}\n`;
  fs.writeFileSync(path.join(dir, 'tenant.yaml'), yaml);
  for (const [file, text] of Object.entries(options.extraFiles ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
