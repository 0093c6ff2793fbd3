import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { isClaimkitError, type ClaimkitError } from '../../src/errors.ts';
import { arbitraryEvent } from '../../src/harness/arbitrary.ts';
import { makeCredentialsExchangeEvent } from '../../src/harness/credentials-exchange/event.ts';
import { makeEvent } from '../../src/harness/event.ts';
import { CREDENTIALS_EXCHANGE, mergeEventFile, readEventFile } from '../../src/project/event-file.ts';
import { validateComplete, validateOverrides } from '../../src/project/event-validate.ts';
import type { PostLoginEvent } from '../../src/types/event.ts';
import { CREDENTIALS_EXCHANGE_EVENT } from '../../src/types/credentials-exchange/event-schema.ts';
import { POST_LOGIN_EVENT } from '../../src/types/event-schema.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-event-'));
const FIXTURES = path.resolve(__dirname, '../fixtures/events');
let n = 0;
function file(value: unknown): string {
  const f = path.join(dir, `${n++}.json`);
  fs.writeFileSync(f, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return f;
}

/** The event a run gets from an event file. */
function eventFrom(value: unknown): PostLoginEvent {
  return mergeEventFile(makeEvent(), readEventFile(file(value)));
}

function thrown(fn: () => unknown): ClaimkitError {
  try {
    fn();
  } catch (err) {
    if (isClaimkitError(err)) return err;
    throw err;
  }
  throw new Error('expected a ClaimkitError');
}

const problems = (value: unknown) => thrown(() => eventFrom(value)).issues.map((i) => i.message);

describe('event files are validated against the post-login event', () => {
  test('{"request":null}: request is always sent, so null is an error naming the path and the fix', () => {
    const f = file('{\n  "request": null\n}\n');
    const err = thrown(() => readEventFile(f));
    expect(err.code).toBe('ERR_EVENT_INVALID');
    expect(err.issues).toEqual([{ location: { file: f, line: 2, column: 14 }, message: expect.stringMatching(/^\$\.request: null cannot remove .*Leave the key out to keep the default/) }]);
  });

  test('{"user":"bob"}: the wrong type, with what was expected', () => {
    expect(problems({ user: 'bob' })).toEqual([expect.stringMatching(/^\$\.user: expected the user \(an object with user_id, .*\), got the string "bob"/)]);
  });

  test('unknown keys, at the top and inside, with "did you mean"', () => {
    expect(problems({ usr: {}, client: { clientId: 'x' } })).toEqual([
      expect.stringMatching(/^\$\.usr: unknown key "usr" in the post-login event\. Did you mean "user"\? Known keys: secrets, /),
      expect.stringMatching(/^\$\.client\.clientId: unknown key "clientId" in the application\. Did you mean "client_id"\?/),
    ]);
  });

  test('objects Auth0 leaves open (user, geoip, organization…) accept keys of their own', () => {
    expect(eventFrom({ user: { favourite_colour: 'green' }, request: { geoip: { postalCode: '98004' } } }).user['favourite_colour']).toBe('green');
  });

  test('every problem at once, each at its line', () => {
    const f = file({ authorization: { roles: ['admin', 7] }, transaction: { protocol: 'carrier-pigeon' }, stats: { logins_count: '3' } });
    const err = thrown(() => readEventFile(f));
    expect(err.issues.map((i) => [i.location.line, i.message.split(':')[0]])).toEqual([
      [5, '$.authorization.roles[1]'],
      [9, '$.transaction.protocol'],
      [12, '$.stats.logins_count'],
    ]);
    expect(err.message).toMatch(/expected one of "oidc-basic-profile", .*got the string "carrier-pigeon"/);
  });

  test.each(['organization', 'resource_server', 'authorization', 'refresh_token', 'session', 'transaction', 'authentication', 'prompt', 'custom_domain'])(
    'null removes the optional part %s',
    (key) => {
      // Every part is present first (the defaults, or added here), so removing it is visible.
      const base = {
        organization: { id: 'org_1', name: 'acme', display_name: 'Acme', metadata: {} },
        resource_server: { identifier: 'https://api.example.com' },
        refresh_token: { id: 'rt_1', created_at: '2026-11-24T10:00:00.000Z' },
        prompt: { id: 'consent' },
        custom_domain: { domain: 'login.example.com', domain_metadata: {} },
      };
      expect(Object.hasOwn(eventFrom(base), key)).toBe(true);
      const f = file(base);
      const withPart = mergeEventFile(makeEvent(), readEventFile(f));
      const event = mergeEventFile(withPart, readEventFile(file({ [key]: null })));
      expect(Object.hasOwn(event, key)).toBe(false);
      expect(event.user).toEqual(withPart.user);
    },
  );

  test('null removes optional parts inside objects too, and a record entry; the rest stays', () => {
    const event = eventFrom({ user: { email: null, app_metadata: { plan: null } }, request: { geoip: { cityName: null } }, client: { metadata: { tier: null } } });
    expect(Object.hasOwn(event.user, 'email')).toBe(false);
    expect(event.user.name).toBe(makeEvent().user.name);
    expect(event.user.app_metadata).toEqual({ plan: null }); // metadata values are data: null stays null
    expect(Object.hasOwn(event.request.geoip, 'cityName')).toBe(false);
    expect(event.client.metadata).toEqual({});
  });

  test('null for a required part inside an object is an error', () => {
    expect(problems({ user: { user_id: null }, tenant: { id: null } })).toEqual([
      expect.stringMatching(/^\$\.user\.user_id: null cannot remove "user_id": Auth0 always sends it/),
      expect.stringMatching(/^\$\.tenant\.id: null cannot remove/),
    ]);
  });

  test('a part the default event lacks must be complete once added', () => {
    expect(problems({ organization: { id: 'org_1' } })).toEqual([
      expect.stringMatching(/^\$\.organization: the organization lacks "name", "display_name", "metadata"\. .*give all of id, name, display_name, metadata/),
    ]);
    expect(eventFrom({ organization: { id: 'org_1', name: 'acme', display_name: 'Acme', metadata: { tier: 'gold' } } }).organization?.metadata).toEqual({ tier: 'gold' });
  });

  test('list elements replace the default list, so each must be complete', () => {
    expect(problems({ authentication: { methods: [{ name: 'pwd' }] } })).toEqual([expect.stringMatching(/^\$\.authentication\.methods\[0\]: an authentication method lacks "timestamp"/)]);
    expect(eventFrom({ authentication: { methods: [{ name: 'mfa', timestamp: '2026-11-24T10:00:00.000Z' }] } }).authentication?.methods).toHaveLength(1);
  });

  test('a file that is not an object', () => {
    expect(problems([1])).toEqual([expect.stringMatching(/^\$: must be a JSON object/)]);
  });

  test('prototype keys are refused before validation', () => {
    expect(thrown(() => readEventFile(file('{"user":{"app_metadata":{"__proto__":{"admin":true}}}}'))).code).toBe('ERR_INPUT_UNSAFE_KEY');
    expect(thrown(() => readEventFile(file('{"constructor":{"prototype":{"admin":true}}}'))).code).toBe('ERR_INPUT_UNSAFE_KEY');
  });

  test("the project's event fixtures are valid (m2m-*.json: credentials-exchange events)", () => {
    for (const name of fs.readdirSync(FIXTURES).filter((f) => f !== 'invalid.json' && f !== 'm2m-invalid.json')) {
      const file = path.join(FIXTURES, name);
      if (name.startsWith('m2m-')) expect(() => mergeEventFile(makeCredentialsExchangeEvent(), readEventFile(file, 'The event file', CREDENTIALS_EXCHANGE), 'The event file', CREDENTIALS_EXCHANGE)).not.toThrow();
      else expect(() => mergeEventFile(makeEvent(), readEventFile(file))).not.toThrow();
    }
  });
});

describe('the schema table matches the events the harness makes', () => {
  test('makeCredentialsExchangeEvent() is a complete, valid credentials-exchange event, and not a post-login one', () => {
    expect(validateOverrides(CREDENTIALS_EXCHANGE_EVENT, makeCredentialsExchangeEvent()).issues).toEqual([]);
    expect(validateComplete(CREDENTIALS_EXCHANGE_EVENT, makeCredentialsExchangeEvent())).toEqual([]);
    expect(validateComplete(POST_LOGIN_EVENT, makeCredentialsExchangeEvent()).length).toBeGreaterThan(0);
  });

  test('makeEvent() is a complete, valid event', () => {
    expect(validateOverrides(POST_LOGIN_EVENT, makeEvent()).issues).toEqual([]);
    expect(validateComplete(POST_LOGIN_EVENT, makeEvent())).toEqual([]);
  });

  test('every generated realistic event, written as an event file, is valid', () => {
    fc.assert(
      fc.property(arbitraryEvent(), (event) => {
        const asJson: unknown = JSON.parse(JSON.stringify(event));
        expect(validateOverrides(POST_LOGIN_EVENT, asJson).issues).toEqual([]);
        expect(validateComplete(POST_LOGIN_EVENT, asJson)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
