import fc from 'fast-check';
import { freeText, longString } from './strings.ts';

// Auth0 metadata field names must not contain "." or "$" (docs: manage-users/user-accounts/metadata/
// metadata-fields-data, "Accepted characters"); values are any JSON.
const fieldName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('roles', 'tenant_id', 'plan', 'permissions', 'groups', 'org_id', 'features', 'customer_id', 'locale') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 24 }).filter((k) => !k.includes('.') && !k.includes('$')) },
);

/** Values of unexpected shapes: nulls, numbers where strings are expected, nested objects, arrays, big strings. */
export const metadataValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: freeText(255) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER)) },
  { weight: 1, arbitrary: fc.array(freeText(64), { maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom({}, [], '', [null], { roles: null }, { nested: { deeper: { deepest: [1, 'two', { three: 3 }] } } }) },
  // Big enough that copying it into a token overflows Auth0's 100 KB budget.
  { weight: 1, arbitrary: longString(1024, 120 * 1024, 'grapheme-ascii') },
);

/** app_metadata / user_metadata: an object (always, in Actions) whose keys may be missing and values odd. */
export const userMetadata: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 4, arbitrary: fc.dictionary(fieldName, metadataValue, { maxKeys: 8, noNullPrototype: true }) },
);

/**
 * Client and organization metadata: string values only. Client metadata holds at most 10 keys and
 * values of at most 255 characters (docs: get-started/applications/configure-application-metadata);
 * organizations allow 25.
 */
export function stringMetadata(maxKeys: number): fc.Arbitrary<Record<string, string>> {
  const key = fc.oneof(fc.constantFrom('tier', 'region', 'SKIP_VERIFICATION', 'home_url', 'tenant_id'), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,31}$/));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.dictionary(key, freeText(255), { maxKeys, noNullPrototype: true }) },
  );
}
