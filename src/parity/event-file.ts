// A generated login as an event file for `claimkit run --event`: only what differs from the default
// event, `null` where the login lacks an optional part the default has.
import { isPlainObject } from '../harness/clone.ts';
import { makeEvent } from '../harness/event.ts';
import type { PostLoginEvent } from '../types/event.ts';

const SAME = Symbol('same');

function diff(base: unknown, value: unknown): unknown {
  if (JSON.stringify(base) === JSON.stringify(value)) return SAME;
  if (!isPlainObject(base) || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const d = diff(base[k], value[k]);
    if (d !== SAME) out[k] = d;
  }
  for (const k of Object.keys(base)) if (!Object.hasOwn(value, k)) out[k] = null;
  return out;
}

/** The event's overrides of makeEvent(), as an event file holds them. */
export function eventOverrides(event: PostLoginEvent): Record<string, unknown> {
  const d = diff(makeEvent(), event);
  return d === SAME ? {} : (d as Record<string, unknown>);
}
