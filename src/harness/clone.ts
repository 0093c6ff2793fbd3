const hasOwn = Object.prototype.hasOwnProperty;

/** A fast deep copy of JSON-like data (plain objects and arrays); other values are shared. */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i] as unknown);
    return out as T;
  }
  // Hot path (every Action gets its own event): plain objects of this realm skip the slower check.
  if (Object.getPrototypeOf(value) !== Object.prototype && !isPlainObject(value)) return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // for…in walks V8's enum cache without allocating a key list; the own-property test skips anything
  // enumerable that was added to Object.prototype.
  for (const key in src) {
    if (!hasOwn.call(src, key)) continue;
    const v = src[key];
    const copy = v === null || typeof v !== 'object' ? v : cloneJson(v);
    if (key === '__proto__') setOwn(out, key, copy);
    else out[key] = copy;
  }
  return out as T;
}

/** Sets an own property, even one named "__proto__" (JSON.parse makes those), without touching prototypes. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A plain object from any realm (an Action in a vm sandbox makes objects with its own Object.prototype). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]');
}

export type DeepPartial<T> = T extends readonly (infer _U)[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * Merges `overrides` onto `base` (neither is modified): plain objects merge key by key, everything else
 * (arrays included) replaces. An override of `undefined` removes the key, so optional parts of an
 * event can be taken away.
 */
export function deepMerge<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return cloneJson(overrides as T);
  const out: Record<string, unknown> = cloneJson(base);
  for (const key of Object.keys(overrides)) {
    const value = overrides[key];
    if (value === undefined) delete out[key];
    else setOwn(out, key, Object.hasOwn(out, key) ? deepMerge(out[key], value) : cloneJson(value));
  }
  return out as T;
}

/**
 * A copy of an event two levels deep: the runners only ever assign at those two levels
 * (`event.request = …`, `event.user.app_metadata = …`), never deeper, so the caller's event stays
 * untouched without another deep copy per execution (each Action gets its own deep copy anyway).
 */
export function copyTwoLevels<T extends object>(event: T): T {
  const out: Record<string, unknown> = { ...(event as Record<string, unknown>) };
  for (const key of Object.keys(out)) {
    const value = out[key];
    // The common case (an object of this realm) first: isPlainObject's full check is slower.
    if (value !== null && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || isPlainObject(value))) out[key] = { ...value };
  }
  return out as T;
}
