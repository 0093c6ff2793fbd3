import { triggerSpec } from '../../src/triggers.ts';
import { TRIGGER_IDS, TRIGGERS } from '../../src/types/triggers.ts';

// src/triggers.ts lists every Auth0 trigger (what check, build and deploy take); src/types/triggers.ts
// the ones claimkit also types and runs. Where both speak of a trigger, they must agree.
test.each(TRIGGER_IDS)('the %s trigger claimkit runs has the version and handlers of Auth0\'s table', (id) => {
  const spec = triggerSpec(id);
  expect(spec).toBeDefined();
  expect([spec?.version, spec?.handler]).toEqual([TRIGGERS[id].version, TRIGGERS[id].handler]);
  expect(spec?.continueHandler === undefined ? [] : [spec.continueHandler]).toEqual([...TRIGGERS[id].optional]);
});
