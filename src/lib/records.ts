// Narrowing `unknown` (parsed YAML, JSON, API answers) to plain records. No Node APIs: Actions bundle it.

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `v` when it is a record, else an empty one: for reading optional fields of an answer. */
export function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}
