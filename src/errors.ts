// One error type for claimkit, with a stable code per case (tests assert codes, not messages).
// Messages say what is wrong, where, and what to do.

export type ClaimkitErrorCode =
  | 'ERR_USAGE'
  | 'ERR_FILE_NOT_FOUND'
  | 'ERR_JSON_INVALID'
  | 'ERR_YAML_INVALID'
  | 'ERR_INPUT_TOO_LARGE'
  | 'ERR_INPUT_UNSAFE_KEY'
  | 'ERR_EVENT_INVALID'
  | 'ERR_TENANT_YAML_INVALID'
  | 'ERR_CONFIG_INVALID'
  | 'ERR_ACTION_LOAD'
  | 'ERR_ACTION_NO_HANDLER'
  | 'ERR_ACTION_NOT_ASYNC'
  | 'ERR_ACTION_THREW'
  | 'ERR_CLAIM_SCOPE'
  | 'ERR_TOKEN_TOO_LARGE'
  | 'ERR_API_INVALID_ARGUMENT'
  | 'ERR_API_NOT_ALLOWED'
  | 'ERR_REDIRECT_TOKEN_INVALID'
  | 'ERR_BUNDLE_TOO_LARGE'
  | 'ERR_DEPENDENCY_UNDECLARED'
  | 'ERR_DEPENDENCY_UNUSED'
  | 'ERR_DEPENDENCY_INVALID'
  | 'ERR_DEPENDENCY_INSTALL'
  | 'ERR_TYPES_ONLY_MODULE'
  | 'ERR_SECRET_MISSING'
  | 'ERR_HTTP_FIXTURES_INVALID'
  | 'ERR_HTTP_UNSTUBBED'
  | 'ERR_NATIVE_MODULE'
  | 'ERR_TOO_MANY_DEPENDENCIES'
  | 'ERR_TOO_MANY_SECRETS'
  | 'ERR_KEYWORD_IN_BUNDLE'
  | 'ERR_SECRET_IN_BUNDLE'
  | 'ERR_ACTION_NOT_IN_TENANT'
  | 'ERR_ACTION_FILE_MISSING'
  | 'ERR_BINDING_UNKNOWN_ACTION'
  | 'ERR_BINDING_WRONG_TRIGGER'
  | 'ERR_TOO_MANY_BINDINGS'
  | 'ERR_TRIGGER_UNSUPPORTED'
  | 'ERR_RUNTIME_RETIRED'
  | 'ERR_CODE_PATH'
  | 'ERR_ACTION_NOT_DEPLOYED'
  | 'ERR_BUILD_FAILED'
  | 'ERR_DEPLOY_TARGET'
  | 'ERR_DEPLOY_AUTH'
  | 'ERR_DEPLOY_UNREACHABLE'
  | 'ERR_DEPLOY_API'
  | 'ERR_DEPLOY_APPLY_FAILED'
  | 'ERR_DEPLOY_VERIFY_FAILED'
  | 'ERR_TENANT_CONFIG_INVALID'
  | 'ERR_TENANT_FAULT_SPEC'
  | 'ERR_TENANT_STATE_INVALID'
  | 'ERR_TENANT_WRITE_FAILED'
  | 'ERR_TENANT_NOT_RUNNING'
  | 'ERR_TENANT_START_FAILED'
  | 'ERR_ENGINE'
  | 'ERR_RULE_LOAD'
  | 'ERR_RULE_NOT_FOUND'
  | 'ERR_MIGRATE_PARSE'
  | 'ERR_OUTPUT_EXISTS'
  | 'ERR_TOKEN_HTTP'
  | 'ERR_TOKEN_INVALID'
  | 'ERR_LOGIN_FAILED'

  | 'ERR_PULL_OVERWRITE'
  | 'ERR_PULL_KEYWORD'
  | 'ERR_EXPORT_INVALID';

export interface Location {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(loc: Location): string {
  if (loc.line === undefined) return loc.file;
  return loc.column === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.column}`;
}

/** One problem found in a file; an error can carry several so that all are reported at once. */
export interface Issue {
  location: Location;
  message: string;
}

export function formatIssue(issue: Issue): string {
  return `${formatLocation(issue.location)}: ${issue.message}`;
}

export class ClaimkitError extends Error {
  readonly code: ClaimkitErrorCode;
  readonly location: Location | undefined;
  readonly issues: readonly Issue[];
  /** The message without its location prefix (`message` is "file:line:column: detail"). */
  readonly detail: string;

  constructor(code: ClaimkitErrorCode, message: string, options: { cause?: unknown; location?: Location; issues?: readonly Issue[] } = {}) {
    super(options.location ? `${formatLocation(options.location)}: ${message}` : message, { cause: options.cause });
    this.name = 'ClaimkitError';
    this.code = code;
    this.detail = message;
    this.location = options.location;
    this.issues = options.issues ?? [];
  }
}

/** The runtime's own argument errors: Auth0 throws plain Errors / TypeErrors from its api wrappers. */
export function isClaimkitError(err: unknown, code?: ClaimkitErrorCode): err is ClaimkitError {
  return err instanceof ClaimkitError && (code === undefined || err.code === code);
}

/** The message of anything thrown, including Errors from another realm (an Action's vm sandbox). */
export function errorMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}
