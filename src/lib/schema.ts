// A small structural schema kit for JSON inputs whose TypeScript types we already have. A schema is
// typed with the type it describes, and `obj<T>()` demands exactly the keys of T with the right
// optionality and field schemas, so the compiler keeps a schema table and its type in step.
// No Node APIs.

export type Kind = 'string' | 'number' | 'boolean' | 'null' | 'json' | 'array' | 'record' | 'object' | 'union' | 'lazy';

export interface Schema<T> {
  readonly kind: Kind;
  /** What a value must be, for messages ("a string", "one of low, medium"). */
  readonly describe: string;
  /** Strings: the allowed values, when the type is a union of literals. */
  readonly values?: readonly string[];
  /** Arrays and records: the schema of each element. */
  readonly items?: Schema<unknown>;
  /** Objects: the known keys. */
  readonly fields?: Readonly<Record<string, Field>>;
  /** Objects with an index signature: the schema of any other key. */
  readonly rest?: Schema<unknown>;
  readonly options?: ReadonlyArray<Schema<unknown>>;
  readonly resolve?: () => Schema<unknown>;
  /** Never set: ties the schema to the type it describes (covariant). */
  readonly __type?: T;
}

/** A key that may be absent (`key?:` in the type). */
export interface Optional<T> {
  readonly optional: Schema<T>;
}

export type Field = Schema<unknown> | Optional<unknown>;

type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 };
type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;

/** Every known key of T, each with its schema; optional keys wrapped in `opt()`. */
export type Fields<T> = {
  readonly [K in KnownKeys<T> & keyof T]-?: IsOptional<T, K> extends true ? Optional<Exclude<T[K], undefined>> : Schema<T[K]>;
};

type Rest<T> = string extends keyof T ? [rest: Schema<T[string & keyof T]>] : [];

export const str: Schema<string> = { kind: 'string', describe: 'a string' };
export const num: Schema<number> = { kind: 'number', describe: 'a number' };
export const bool: Schema<boolean> = { kind: 'boolean', describe: 'true or false' };
export const nul: Schema<null> = { kind: 'null', describe: 'null' };
/** Any JSON value (`unknown` in the type). */
export const json: Schema<unknown> = { kind: 'json', describe: 'any JSON value' };

export function oneOf<const V extends string>(...values: V[]): Schema<V> {
  return { kind: 'string', values, describe: `one of ${values.map((v) => JSON.stringify(v)).join(', ')}` };
}

export function arr<T>(items: Schema<T>): Schema<T[]> {
  return { kind: 'array', items, describe: `a list of ${plural(items.describe)}` };
}

export function rec<T>(items: Schema<T>): Schema<Record<string, T>> {
  return { kind: 'record', items, describe: items.kind === 'json' ? 'an object' : `an object whose values are ${plural(items.describe)}` };
}

export function union<T>(...options: Array<Schema<T>>): Schema<T> {
  return { kind: 'union', options, describe: options.map((o) => o.describe).join(' or ') };
}

export function lazy<T>(describe: string, resolve: () => Schema<T>): Schema<T> {
  return { kind: 'lazy', describe, resolve };
}

export function opt<T>(schema: Schema<T>): Optional<T> {
  return { optional: schema };
}

/** An object of type T: `describe` says what it is ("the login's HTTP request"). */
export function obj<T>(describe: string, fields: Fields<T>, ...rest: Rest<T>): Schema<T> {
  return { kind: 'object', describe, fields: fields as Readonly<Record<string, Field>>, ...(rest[0] ? { rest: rest[0] as Schema<unknown> } : {}) };
}

export function isOptional(field: Field): field is Optional<unknown> {
  return 'optional' in field;
}

function plural(describe: string): string {
  return describe.replace(/^an? /, '').replace(/^(string|number|object)\b/, '$1s');
}
