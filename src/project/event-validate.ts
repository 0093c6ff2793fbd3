// Validates an event (post-login, credentials-exchange), or a deep-partial override of one, against a schema table
// (src/types/event-schema.ts). Pure: returns the cleaned value and every issue with its JSON path.
//
// Overrides are merged onto makeEvent()'s defaults (objects key by key, arrays replace), so at object
// and record level every key may be left out, while a list's elements must be complete. `null` for an
// optional part removes it (JSON has no `undefined`); `null` for a part Auth0 always sends is an error.
import { setOwn } from '../harness/clone.ts';
import { isOptional, type Field, type Schema } from '../lib/schema.ts';
import { closest } from '../lib/similar.ts';
import { formatPath, type ValuePath } from './input-shape.ts';

export interface EventIssue {
  path: ValuePath;
  /** The issue is with the key itself (an unknown key), not its value. */
  atKey: boolean;
  message: string;
}

type Mode = 'partial' | 'complete';

/** A value removed by `null`: kept as `undefined` so the merge deletes the key. */
const REMOVED = undefined;

function resolve(schema: Schema<unknown>): Schema<unknown> {
  let s = schema;
  while (s.kind === 'lazy' && s.resolve) s = s.resolve();
  return s;
}

function schemaOf(field: Field): Schema<unknown> {
  return resolve(isOptional(field) ? field.optional : field);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requiredKeys(s: Schema<unknown>): string[] {
  return Object.entries(s.fields ?? {})
    .filter(([, f]) => !isOptional(f))
    .map(([k]) => k);
}

/** What a value must be, in words. */
export function expected(schema: Schema<unknown>): string {
  const s = resolve(schema);
  if (s.kind !== 'object') return s.describe;
  const req = requiredKeys(s);
  return `${s.describe} (an object${req.length > 0 ? ` with ${req.join(', ')}` : ''})`;
}

function got(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function acceptsNull(schema: Schema<unknown>): boolean {
  const s = resolve(schema);
  return s.kind === 'json' || s.kind === 'null' || (s.kind === 'union' && (s.options ?? []).some(acceptsNull));
}

class Validator {
  readonly issues: EventIssue[] = [];

  add(path: ValuePath, message: string, atKey = false): void {
    this.issues.push({ path, atKey, message });
  }

  wrongType(schema: Schema<unknown>, v: unknown, path: ValuePath): undefined {
    const s = resolve(schema);
    if (path.length === 0) {
      this.add(path, `$: must be a JSON object (a deep-partial ${s.describe.replace(/^the /, '')}: its keys override the default event's), got ${got(v)}.`);
    } else {
      this.add(path, `${formatPath(path)}: expected ${expected(schema)}, got ${got(v)}. Fix the value, or leave the key out to keep the default.`);
    }
    return undefined;
  }

  value(schema: Schema<unknown>, v: unknown, path: ValuePath, mode: Mode): unknown {
    const s = resolve(schema);
    switch (s.kind) {
      case 'json':
        return v;
      case 'string':
        if (typeof v !== 'string' || (s.values !== undefined && !s.values.includes(v))) return this.wrongType(s, v, path);
        return v;
      case 'number':
        return typeof v === 'number' ? v : this.wrongType(s, v, path);
      case 'boolean':
        return typeof v === 'boolean' ? v : this.wrongType(s, v, path);
      case 'null':
        return v === null ? v : this.wrongType(s, v, path);
      case 'union': {
        for (const option of s.options ?? []) {
          const trial = new Validator();
          const out = trial.value(option, v, path, mode);
          if (trial.issues.length === 0) return out;
        }
        return this.wrongType(s, v, path);
      }
      case 'array':
        if (!Array.isArray(v)) return this.wrongType(s, v, path);
        // Lists replace the default's whole list: each element must be complete.
        return v.map((item, i) => this.value(s.items as Schema<unknown>, item, [...path, i], 'complete'));
      case 'record':
        return isObject(v) ? this.entries(v, path, mode, () => s.items as Schema<unknown>, s) : this.wrongType(s, v, path);
      case 'object':
        return isObject(v) ? this.object(s, v, path, mode) : this.wrongType(s, v, path);
      default:
        return this.wrongType(s, v, path);
    }
  }

  /** The keys of an object or record; `fieldOf` gives each key's schema (undefined: an unknown key). */
  entries(v: Record<string, unknown>, path: ValuePath, mode: Mode, fieldOf: (key: string) => Field | undefined, parent: Schema<unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      const field = fieldOf(key);
      const at = [...path, key];
      if (field === undefined) {
        const known = Object.keys(parent.fields ?? {});
        const hint = closest(key, known);
        this.add(at, `${formatPath(at)}: unknown key "${key}" in ${parent.describe}.${hint ? ` Did you mean "${hint}"?` : ''} Known keys: ${known.join(', ')}.`, true);
        continue;
      }
      const schema = schemaOf(field);
      const item = v[key];
      if (item === null && !acceptsNull(schema)) {
        if (isOptional(field) || parent.kind === 'record') {
          // null removes an optional part (and a record's entry): JSON has no `undefined`.
          if (mode === 'partial') setOwn(out, key, REMOVED);
          continue;
        }
        this.add(at, `${formatPath(at)}: null cannot remove ${schema.kind === 'object' ? schema.describe : `"${key}"`}: Auth0 always sends it. Leave the key out to keep the default, or give ${expected(schema)}.`);
        continue;
      }
      setOwn(out, key, this.value(schema, item, at, mode));
    }
    return out;
  }

  object(s: Schema<unknown>, v: Record<string, unknown>, path: ValuePath, mode: Mode): Record<string, unknown> {
    const fields = s.fields ?? {};
    const out = this.entries(v, path, mode, (key) => (Object.hasOwn(fields, key) ? fields[key] : s.rest), s);
    if (mode === 'complete') this.missing(s, v, path);
    return out;
  }

  missing(s: Schema<unknown>, v: Record<string, unknown>, path: ValuePath): void {
    const req = requiredKeys(s);
    const absent = req.filter((key) => v[key] === undefined);
    if (absent.length === 0) return;
    this.add(
      path,
      `${formatPath(path)}: ${s.describe} lacks ${absent.map((k) => `"${k}"`).join(', ')}. A part the default event does not have (or a list element) must be complete: give all of ${req.join(', ')}.`,
    );
  }
}

/** Validates a deep-partial event override (an event file): the cleaned overrides, or the issues. */
export function validateOverrides(schema: Schema<unknown>, value: unknown): { value: unknown; issues: EventIssue[] } {
  const v = new Validator();
  const out = v.value(schema, value, [], 'partial');
  return { value: out, issues: v.issues };
}

/** Checks a complete event (after the merge): every required part present, with the right types. */
export function validateComplete(schema: Schema<unknown>, value: unknown): EventIssue[] {
  const v = new Validator();
  completeWalk(v, resolve(schema), value, []);
  return v.issues;
}

// After the merge only missing keys are new (types were checked in the file): walk objects for them.
function completeWalk(v: Validator, s: Schema<unknown>, value: unknown, path: ValuePath): void {
  if (s.kind === 'object' && isObject(value)) {
    v.missing(s, value, path);
    for (const [key, field] of Object.entries(s.fields ?? {})) {
      const item = value[key];
      if (item !== undefined) completeWalk(v, schemaOf(field), item, [...path, key]);
    }
  } else if (s.kind === 'array' && Array.isArray(value)) {
    value.forEach((item, i) => completeWalk(v, resolve(s.items as Schema<unknown>), item, [...path, i]));
  }
}
