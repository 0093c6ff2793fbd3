import { isObject, type JsonObject } from '../../http/body.ts';
import { badRequest, payloadError } from '../../http/errors.ts';
import type { BodySchema } from '../../http/validate.ts';
import type { ActionDependency, ActionTriggerRef, StoredSecret } from '../../store/model.ts';
import { MAX_DEPENDENCIES, MAX_SECRET_NAME_LENGTH, MAX_SECRET_VALUE_LENGTH, MAX_SECRETS } from '../../../build/limits.ts';
import { RUNTIME_NAMES, TRIGGERS } from './catalog.ts';

// Reading the fields of an Action create or update body into stored form.

const FIELDS = {
  name: 'string',
  supported_triggers: 'object[]',
  code: 'string',
  dependencies: 'object[]',
  runtime: 'string',
  secrets: 'object[]',
  modules: 'array',
  deploy: 'boolean',
} as const;

export const CREATE_SCHEMA: BodySchema = { required: ['name', 'supported_triggers'], fields: FIELDS };
export const UPDATE_SCHEMA: BodySchema = { fields: FIELDS, nonEmpty: ['name'] };

export function triggersOf(value: unknown): ActionTriggerRef[] {
  const list = value as JsonObject[];
  if (list.length === 0) throw payloadError(`'Array is too short (0), minimum 1' on property supported_triggers`);
  return list.map((t, i) => {
    const id = t['id'];
    const known = TRIGGERS.filter((k) => k.id === id);
    if (typeof id !== 'string' || known.length === 0) throw payloadError(`'No enum match for: ${JSON.stringify(id)}' on property supported_triggers[${i}].id`);
    const version = typeof t['version'] === 'string' ? t['version'] : known.find((k) => k.status === 'CURRENT')?.version;
    if (!known.some((k) => k.version === version)) throw badRequest(`The trigger ${id} has no version ${String(version)}.`);
    return { id, version: version as string };
  });
}

export function dependenciesOf(value: unknown): ActionDependency[] {
  const list = value as JsonObject[];
  if (list.length > MAX_DEPENDENCIES) throw payloadError(`'Array is too long (${list.length}), maximum ${MAX_DEPENDENCIES}' on property dependencies`);
  return list.map((d, i) => {
    if (typeof d['name'] !== 'string' || typeof d['version'] !== 'string') {
      throw payloadError(`'Missing required property: ${typeof d['name'] !== 'string' ? 'name' : 'version'}' on property dependencies[${i}]`);
    }
    return { name: d['name'], version: d['version'], ...(typeof d['registry_url'] === 'string' ? { registry_url: d['registry_url'] } : {}) };
  });
}

export function runtimeOf(value: unknown): string {
  if (typeof value !== 'string' || !RUNTIME_NAMES.includes(value)) {
    throw badRequest(`Invalid runtime ${JSON.stringify(value)}: use one of ${RUNTIME_NAMES.join(', ')}.`);
  }
  return value;
}

/**
 * Secrets given replace the list. A secret named without a value keeps the value it had (Auth0 never
 * returns values, so an exported tenant.yaml re-imports without wiping them).
 */
export function secretsOf(value: unknown, existing: readonly StoredSecret[], now: string): StoredSecret[] {
  const list = value as JsonObject[];
  if (list.length > MAX_SECRETS) throw payloadError(`'Array is too long (${list.length}), maximum ${MAX_SECRETS}' on property secrets`);
  const seen = new Set<string>();
  return list.map((s, i) => {
    if (typeof s['name'] !== 'string' || s['name'] === '') throw payloadError(`'Missing required property: name' on property secrets[${i}]`);
    if (s['name'].length > MAX_SECRET_NAME_LENGTH) throw payloadError(`'String is too long (${s['name'].length} chars), maximum ${MAX_SECRET_NAME_LENGTH}' on property secrets[${i}].name`);
    if (s['value'] !== undefined && typeof s['value'] !== 'string') throw payloadError(`'Expected type string but found type ${s['value'] === null ? 'null' : Array.isArray(s['value']) ? 'array' : typeof s['value']}' on property secrets[${i}].value`);
    if (typeof s['value'] === 'string' && s['value'].length > MAX_SECRET_VALUE_LENGTH) {
      throw payloadError(`'String is too long (${s['value'].length} chars), maximum ${MAX_SECRET_VALUE_LENGTH}' on property secrets[${i}].value`);
    }
    if (seen.has(s['name'])) throw payloadError(`'Duplicate secret name ${JSON.stringify(s['name'])}' on property secrets[${i}].name`);
    seen.add(s['name']);
    const before = existing.find((e) => e.name === s['name']);
    if (typeof s['value'] === 'string') return { name: s['name'], value: s['value'], updated_at: before?.value === s['value'] ? before.updated_at : now };
    return before ?? { name: s['name'], value: '', updated_at: now };
  });
}

export const modulesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value.filter(isObject) : []);
