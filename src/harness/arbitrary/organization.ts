import fc from 'fast-check';
import type { Organization } from '../../types/event.ts';
import { stringMetadata } from './metadata.ts';
import { freeText } from './strings.ts';

/**
 * An Auth0 organization: names are lowercase letters, digits, "-" and "_" (at most 50); display names
 * are free text (at most 255); metadata holds at most 25 string values.
 */
export const organizationArbitrary: fc.Arbitrary<Organization> = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9]{16}$/).map((s) => `org_${s}`),
  name: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,49}$/),
  display_name: freeText(255),
  metadata: stringMetadata(25),
});
