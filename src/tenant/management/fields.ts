import { queryBoolean } from '../http/validate.ts';

// `fields` and `include_fields`, as GET /clients and /users (lists and single items) read them: a comma-separated
// list of top-level fields, to keep (include_fields=true, the default) or to leave out.

export type Projection = (item: Record<string, unknown>) => Record<string, unknown>;

export function fieldsProjection(url: URL): Projection {
  const raw = url.searchParams.get('fields');
  const include = queryBoolean(url, 'include_fields') ?? true;
  if (raw === null || raw.trim() === '') return (item) => item;
  const fields = new Set(raw.split(',').map((f) => f.trim()).filter((f) => f !== ''));
  return (item) => Object.fromEntries(Object.entries(item).filter(([key]) => fields.has(key) === include));
}
