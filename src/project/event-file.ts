// Event files (`claimkit run --event`, `--continue`): bounded JSON, validated against the event's schema
// table (post-login, or credentials-exchange), every problem reported at once at file:line:column with
// its JSON path.
import { ClaimkitError, formatIssue, type Issue } from '../errors.ts';
import { deepMerge, isPlainObject, type DeepPartial } from '../harness/clone.ts';
import type { Schema } from '../lib/schema.ts';
import { CREDENTIALS_EXCHANGE_EVENT } from '../types/credentials-exchange/event-schema.ts';
import type { CredentialsExchangeEvent } from '../types/credentials-exchange/event.ts';
import { POST_LOGIN_EVENT } from '../types/event-schema.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { INPUT_LIMITS } from './input-limits.ts';
import { validateComplete, validateOverrides, type EventIssue } from './event-validate.ts';
import { jsonLocator, readJsonFile, type JsonFile } from './json-file.ts';
import { NO_OVERRIDES, secretOverrides, type SecretOverrides } from './secrets.ts';

/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED = 20;

/** Which event a file overrides: its schema table and its name in messages. */
export interface EventKind<E> {
  schema: Schema<E>;
  name: string;
}

export const POST_LOGIN: EventKind<PostLoginEvent> = { schema: POST_LOGIN_EVENT, name: 'post-login event' };
export const CREDENTIALS_EXCHANGE: EventKind<CredentialsExchangeEvent> = { schema: CREDENTIALS_EXCHANGE_EVENT, name: 'credentials-exchange event' };

export interface EventFile<E = PostLoginEvent> {
  json: JsonFile;
  /** The overrides to merge onto the default event, `null`s for optional parts turned into removals. */
  overrides: DeepPartial<E>;
  /** The file's "secrets": values shared by every Action, or per Action under its name. */
  secrets: SecretOverrides;
}

function fail(json: JsonFile, what: string, kind: EventKind<unknown>, issues: readonly EventIssue[], after = ''): never {
  const locate = jsonLocator(json);
  const listed: Issue[] = issues.slice(0, MAX_LISTED).map((i) => ({ location: locate(i.path, i.atKey), message: i.message }));
  const more = issues.length > MAX_LISTED ? `\n  …and ${issues.length - MAX_LISTED} more.` : '';
  const n = issues.length;
  throw new ClaimkitError(
    'ERR_EVENT_INVALID',
    `${what} ${json.file} is not a valid ${kind.name}${after} (${n} problem${n === 1 ? '' : 's'}):\n${listed.map((i) => `  ${formatIssue(i)}`).join('\n')}${more}`,
    { issues: listed },
  );
}

/** Reads and validates an event file: a deep-partial event of `kind` (post-login by default). */
export function readEventFile(file: string, what?: string): EventFile<PostLoginEvent>;
export function readEventFile<E>(file: string, what: string, kind: EventKind<E>): EventFile<E>;
export function readEventFile(file: string, what = 'The event file', kind: EventKind<unknown> = POST_LOGIN): EventFile<unknown> {
  const json = readJsonFile(file, { ...INPUT_LIMITS.eventJson, what });
  // "secrets" is read apart: besides event.secrets' { NAME: value }, it may give values per Action.
  let rest = json.value;
  let secrets: SecretOverrides = NO_OVERRIDES;
  if (isPlainObject(json.value) && Object.hasOwn(json.value, 'secrets')) {
    const { secrets: given, ...others } = json.value;
    secrets = secretOverrides(given, file);
    rest = others;
  }
  const { value, issues } = validateOverrides(kind.schema, rest);
  if (issues.length > 0) fail(json, what, kind, issues);
  return { json, overrides: value, secrets };
}

/**
 * `base` with an event file's overrides merged in; a part the file adds (or a list it replaces) must be
 * complete, since there is no default to fill it in.
 */
export function mergeEventFile(base: PostLoginEvent, file: EventFile<PostLoginEvent>, what?: string): PostLoginEvent;
export function mergeEventFile<E>(base: E, file: EventFile<E>, what: string, kind: EventKind<E>): E;
export function mergeEventFile(base: unknown, file: EventFile<unknown>, what = 'The event file', kind: EventKind<unknown> = POST_LOGIN): unknown {
  const event = deepMerge(base, file.overrides);
  const issues = validateComplete(kind.schema, event);
  if (issues.length > 0) fail(file.json, what, kind, issues, ' once merged onto the default event');
  return event;
}
