// Event files (`claimkit run --event`, `--continue`): bounded JSON, validated against the post-login
// event's schema table, every problem reported at once at file:line:column with its JSON path.
import { ClaimkitError, formatIssue, type Issue } from '../errors.ts';
import { deepMerge, isPlainObject } from '../harness/clone.ts';
import type { EventOverrides } from '../harness/event.ts';
import { POST_LOGIN_EVENT } from '../types/event-schema.ts';
import type { PostLoginEvent } from '../types/event.ts';
import { INPUT_LIMITS } from './input-limits.ts';
import { validateComplete, validateOverrides, type EventIssue } from './event-validate.ts';
import { jsonLocator, readJsonFile, type JsonFile } from './json-file.ts';
import { NO_OVERRIDES, secretOverrides, type SecretOverrides } from './secrets.ts';

/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED = 20;

export interface EventFile {
  json: JsonFile;
  /** The overrides to merge onto the default event, `null`s for optional parts turned into removals. */
  overrides: EventOverrides;
  /** The file's "secrets": values shared by every Action, or per Action under its name. */
  secrets: SecretOverrides;
}

function fail(json: JsonFile, what: string, issues: readonly EventIssue[], after = ''): never {
  const locate = jsonLocator(json);
  const listed: Issue[] = issues.slice(0, MAX_LISTED).map((i) => ({ location: locate(i.path, i.atKey), message: i.message }));
  const more = issues.length > MAX_LISTED ? `\n  …and ${issues.length - MAX_LISTED} more.` : '';
  const n = issues.length;
  throw new ClaimkitError(
    'ERR_EVENT_INVALID',
    `${what} ${json.file} is not a valid post-login event${after} (${n} problem${n === 1 ? '' : 's'}):\n${listed.map((i) => `  ${formatIssue(i)}`).join('\n')}${more}`,
    { issues: listed },
  );
}

/** Reads and validates an event file: a deep-partial post-login event. */
export function readEventFile(file: string, what = 'The event file'): EventFile {
  const json = readJsonFile(file, { ...INPUT_LIMITS.eventJson, what });
  // "secrets" is read apart: besides event.secrets' { NAME: value }, it may give values per Action.
  let rest = json.value;
  let secrets: SecretOverrides = NO_OVERRIDES;
  if (isPlainObject(json.value) && Object.hasOwn(json.value, 'secrets')) {
    const { secrets: given, ...others } = json.value;
    secrets = secretOverrides(given, file);
    rest = others;
  }
  const { value, issues } = validateOverrides(POST_LOGIN_EVENT, rest);
  if (issues.length > 0) fail(json, what, issues);
  return { json, overrides: value as EventOverrides, secrets };
}

/**
 * `base` with an event file's overrides merged in; a part the file adds (or a list it replaces) must be
 * complete, since there is no default to fill it in.
 */
export function mergeEventFile(base: PostLoginEvent, file: EventFile, what = 'The event file'): PostLoginEvent {
  const event = deepMerge(base, file.overrides);
  const issues = validateComplete(POST_LOGIN_EVENT, event);
  if (issues.length > 0) fail(file.json, what, issues, ' once merged onto the default event');
  return event;
}
