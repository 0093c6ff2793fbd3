import { payloadError, queryError } from './errors.ts';
import type { JsonObject } from './body.ts';

// A small body checker with the wording of Auth0's validation errors, e.g.
// "Payload validation error: 'Missing required property: name'." Enough for the fields we store.

export type FieldType = 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object' | 'string[]' | 'object[]' | 'object|null' | 'boolean|null' | 'string[]|null';

export interface BodySchema {
  required?: readonly string[];
  fields: Readonly<Record<string, FieldType>>;
  /** Accept properties not listed in `fields` (stored as given). */
  additional?: boolean;
  /** String fields that may be left out but not given empty (a name on update); required ones never may. */
  nonEmpty?: readonly string[];
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function fits(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
    case 'boolean':
    case 'object':
      return typeName(value) === type;
    case 'object|null':
      return value === null || typeName(value) === 'object';
    case 'boolean|null':
      return value === null || typeof value === 'boolean';
    case 'string[]|null':
      return value === null || fits(value, 'string[]');
    case 'integer':
      return typeName(value) === 'integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object[]':
      return Array.isArray(value) && value.every((v) => typeName(v) === 'object');
  }
}

export function validateBody(body: JsonObject, schema: BodySchema): void {
  for (const name of schema.required ?? []) {
    if (body[name] === undefined) throw payloadError(`'Missing required property: ${name}'`);
  }
  const extra = Object.keys(body).filter((k) => !Object.hasOwn(schema.fields, k));
  if (!schema.additional && extra.length > 0) throw payloadError(`'Additional properties not allowed: ${extra.join(',')}'`);
  for (const [name, type] of Object.entries(schema.fields)) {
    const value = body[name];
    if (value === undefined) continue;
    if (!fits(value, type)) {
      const expected = type.endsWith('[]') || type === 'string[]|null' ? 'array' : type.replace('|null', '');
      const found = type.endsWith('[]') && Array.isArray(value) ? `array with an item of another type` : typeName(value);
      throw payloadError(`'Expected type ${expected} but found type ${found}' on property ${name}`);
    }
    if (type === 'string' && (value as string).length === 0 && ((schema.required ?? []).includes(name) || (schema.nonEmpty ?? []).includes(name))) {
      throw payloadError(`'String is too short (0 chars), minimum 1' on property ${name}`);
    }
  }
}

/** A boolean query parameter ("true"/"false"), or undefined when absent. */
export function queryBoolean(url: URL, name: string): boolean | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw queryError(`'Expected type boolean but found type string' on property ${name}`);
}
