import path from 'node:path';
import { ClaimkitError } from '../errors.ts';
import { closest } from '../lib/similar.ts';
import { isTriggerId, type TriggerId } from '../types/triggers.ts';
import { INPUT_LIMITS } from './input-limits.ts';
import { locate, locateKey, readYamlFile, type YamlFile } from './yaml-file.ts';

/** One `actions:` entry of tenant.yaml (auth0-deploy-cli's format). */
export interface TenantAction {
  name: string;
  /** As written in tenant.yaml, relative to its folder. */
  code: string;
  runtime: string;
  dependencies: Array<{ name: string; version: string }>;
  secrets: Array<{ name: string; value?: string }>;
  supportedTriggers: Array<{ id: string; version: string }>;
  /** auth0-deploy-cli deploys an Action only when its entry says `deployed: true`. */
  deployed: boolean;
}

export interface TenantBinding {
  actionName: string;
  displayName: string;
}

export interface TenantConfig {
  file: string;
  dir: string;
  actions: TenantAction[];
  /** post-login bindings in order; undefined when tenant.yaml has no triggers.post-login. */
  postLogin: TenantBinding[] | undefined;
  /** Every trigger's bindings in order, for the triggers tenant.yaml names. */
  triggers: Record<string, TenantBinding[]>;
  /** API identifiers declared under resourceServers. */
  audiences: string[];
  /** Client (application) names declared under clients. */
  clients: string[];
  yaml: YamlFile;
}

/** The trigger an Action is declared for (its supported_triggers), when claimkit knows it. */
export function declaredTrigger(action: Pick<TenantAction, 'supportedTriggers'>): TriggerId | undefined {
  return action.supportedTriggers.map((t) => t.id).find(isTriggerId);
}

/** A trigger's bindings in tenant.yaml, in order; undefined when tenant.yaml leaves the trigger alone. */
export function triggerBindings(tenant: Pick<TenantConfig, 'triggers'>, trigger: string): TenantBinding[] | undefined {
  return Object.hasOwn(tenant.triggers, trigger) ? tenant.triggers[trigger] : undefined;
}

function fail(y: YamlFile, at: ReadonlyArray<string | number>, message: string): never {
  throw new ClaimkitError('ERR_TENANT_YAML_INVALID', message, { location: locate(y, at) });
}

function list(y: YamlFile, value: unknown, at: ReadonlyArray<string | number>, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(y, at, `${what} must be a list.`);
  return value;
}

function str(y: YamlFile, obj: Record<string, unknown>, key: string, at: ReadonlyArray<string | number>, fallback?: string): string {
  const v = obj[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || v === '') fail(y, [...at, key], `"${key}" must be a non-empty string.`);
  return v;
}

function record(y: YamlFile, v: unknown, at: ReadonlyArray<string | number>, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(y, at, `${what} must be a mapping.`);
  return v as Record<string, unknown>;
}

/** The fields of an `actions:` entry (auth0-deploy-cli's schema, and the `id` / `status` an export may keep). */
const ACTION_KEYS = ['name', 'code', 'runtime', 'dependencies', 'secrets', 'supported_triggers', 'modules', 'deployed', 'status', 'id'];

const BINDING_KEYS = ['action_name', 'display_name'];

function parseAction(y: YamlFile, raw: unknown, i: number): TenantAction {
  const at = ['actions', i];
  const a = record(y, raw, at, 'Each action');
  // A misspelt field (`secret:`) would be dropped silently: the Action would deploy without its secrets.
  const unknown = Object.keys(a).find((k) => !ACTION_KEYS.includes(k));
  if (unknown !== undefined) {
    const hint = closest(unknown, ACTION_KEYS);
    throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `"${unknown}" is not a field of an Action${hint ? ` (did you mean "${hint}"?)` : ''}; a deploy would ignore it. The fields are ${ACTION_KEYS.slice(0, 8).join(', ')}.`, { location: locateKey(y, [...at, unknown]) });
  }
  const dependencies = list(y, a['dependencies'], [...at, 'dependencies'], '"dependencies"').map((d, j) => {
    const dep = record(y, d, [...at, 'dependencies', j], 'A dependency');
    return { name: str(y, dep, 'name', [...at, 'dependencies', j]), version: str(y, dep, 'version', [...at, 'dependencies', j]) };
  });
  const secrets = list(y, a['secrets'], [...at, 'secrets'], '"secrets"').map((s, j) => {
    const sec = record(y, s, [...at, 'secrets', j], 'A secret');
    const value = sec['value'];
    // The Management API takes a secret's value as a string only; a number here would be refused mid-deploy.
    if (value !== undefined && value !== null && typeof value !== 'string') fail(y, [...at, 'secrets', j, 'value'], `A secret's "value" must be a string${typeof value === 'number' || typeof value === 'boolean' ? `: quote it ('${String(value)}')` : ''}.`);
    return { name: str(y, sec, 'name', [...at, 'secrets', j]), ...(typeof value === 'string' ? { value } : {}) };
  });
  const supportedTriggers = list(y, a['supported_triggers'], [...at, 'supported_triggers'], '"supported_triggers"').map((t, j) => {
    const tr = record(y, t, [...at, 'supported_triggers', j], 'A supported trigger');
    return { id: str(y, tr, 'id', [...at, 'supported_triggers', j]), version: str(y, tr, 'version', [...at, 'supported_triggers', j]) };
  });
  return {
    name: str(y, a, 'name', at),
    code: str(y, a, 'code', at),
    runtime: str(y, a, 'runtime', at, 'node22'),
    dependencies,
    secrets,
    supportedTriggers,
    deployed: a['deployed'] === true,
  };
}

/** Reads tenant.yaml: its Actions, each trigger's bindings in order, and the declared API audiences. */
export function readTenantYaml(file: string): TenantConfig {
  const y = readYamlFile(file, 'ERR_TENANT_YAML_INVALID', INPUT_LIMITS.tenantYaml);
  const root = y.data;
  const top = root === null || root === undefined ? {} : record(y, root, [], 'tenant.yaml');
  const actions = list(y, top['actions'], ['actions'], '"actions"').map((raw, i) => parseAction(y, raw, i));
  const triggersRaw = top['triggers'] === undefined || top['triggers'] === null ? {} : record(y, top['triggers'], ['triggers'], '"triggers"');
  const triggers: Record<string, TenantBinding[]> = {};
  for (const [trigger, bindingsRaw] of Object.entries(triggersRaw)) {
    triggers[trigger] = list(y, bindingsRaw, ['triggers', trigger], `triggers.${trigger}`).map((b, i) => {
      const at = ['triggers', trigger, i];
      const binding = record(y, b, at, 'A binding');
      // A misspelt display_name would silently become the Action's name.
      const unknown = Object.keys(binding).find((k) => !BINDING_KEYS.includes(k));
      if (unknown !== undefined) {
        const hint = closest(unknown, BINDING_KEYS);
        throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `"${unknown}" is not a field of a binding${hint ? ` (did you mean "${hint}"?)` : ''}: a binding has action_name and display_name.`, { location: locateKey(y, [...at, unknown]) });
      }
      const actionName = str(y, binding, 'action_name', at);
      return { actionName, displayName: str(y, binding, 'display_name', at, actionName) };
    });
  }
  const postLogin = triggers['post-login'];
  const audiences = list(y, top['resourceServers'], ['resourceServers'], '"resourceServers"').map((r, i) =>
    str(y, record(y, r, ['resourceServers', i], 'A resource server'), 'identifier', ['resourceServers', i]),
  );
  // Names only (machine_claims conditions name clients); the clients handler reports a bad entry at its line.
  const clients = list(y, top['clients'], ['clients'], '"clients"').flatMap((c) => {
    const name = typeof c === 'object' && c !== null ? (c as Record<string, unknown>)['name'] : undefined;
    return typeof name === 'string' && name !== '' ? [name] : [];
  });
  return { file, dir: path.dirname(path.resolve(file)), actions, postLogin, triggers, audiences, clients, yaml: y };
}
