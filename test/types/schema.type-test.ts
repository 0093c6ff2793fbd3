// Type-level tests of the schema kit (src/lib/schema.ts) that keeps src/types/event-schema.ts in step
// with src/types/event.ts: each @ts-expect-error must meet a real error, so a kit that stopped checking
// keys, optionality or field types fails `npm test`.
import { arr, bool, num, obj, oneOf, opt, str, type Schema } from '../../src/lib/schema.ts';

interface Sample {
  id: string;
  count?: number;
  mode: 'a' | 'b';
  tags: string[];
}

export const good: Schema<Sample> = obj<Sample>('a sample', { id: str, count: opt(num), mode: oneOf('a', 'b'), tags: arr(str) });

// @ts-expect-error: a key of the type is missing from the schema
export const missingKey = obj<Sample>('a sample', { id: str, count: opt(num), mode: oneOf('a', 'b') });

// @ts-expect-error: a key the type does not have
export const extraKey = obj<Sample>('a sample', { id: str, count: opt(num), mode: oneOf('a', 'b'), tags: arr(str), other: str });

// @ts-expect-error: a required key marked optional
export const requiredAsOptional = obj<Sample>('a sample', { id: opt(str), count: opt(num), mode: oneOf('a', 'b'), tags: arr(str) });

// @ts-expect-error: an optional key not marked optional
export const optionalAsRequired = obj<Sample>('a sample', { id: str, count: num, mode: oneOf('a', 'b'), tags: arr(str) });

// @ts-expect-error: the wrong field type
export const wrongType = obj<Sample>('a sample', { id: bool, count: opt(num), mode: oneOf('a', 'b'), tags: arr(str) });

// @ts-expect-error: any string where the type allows only some
export const looseEnum = obj<Sample>('a sample', { id: str, count: opt(num), mode: str, tags: arr(str) });

// @ts-expect-error: a list of the wrong element type
export const wrongItems = obj<Sample>('a sample', { id: str, count: opt(num), mode: oneOf('a', 'b'), tags: arr(num) });
