// Auth0's limits for Actions, in one place. Source: Auth0 docs "Actions Limitations"
// (customize/actions/limitations) and auth0-facts §2.

/** "Each Action should not exceed 100 kB" (bundled npm code counts; declared dependencies do not). */
export const MAX_ACTION_BYTES = 100 * 1024;
/** Warn from this share of MAX_ACTION_BYTES. */
export const WARN_ACTION_SHARE = 0.8;
/** "Each Action can have a maximum of 10 npm modules." */
export const MAX_DEPENDENCIES = 10;
/** "Each Action can have a maximum of 30 secrets." */
export const MAX_SECRETS = 30;
/** "Each flow can have a maximum of 20 active bound Actions." */
export const MAX_BINDINGS = 20;
/** Runtimes Auth0 offers for new Actions, and the esbuild target of each. */
export const RUNTIME_TARGETS: Readonly<Record<string, string>> = { node22: 'node22', node18: 'node18' };
/** The only trigger claimkit builds for. */
export const TRIGGER = { id: 'post-login', version: 'v3' } as const;
/** Where bundles go, relative to tenant.yaml's folder (and what `code:` must point at). */
export const DIST_DIR = 'dist/actions';
/** Secret values shorter than this are not searched for in bundles (too many false alarms). */
export const MIN_SECRET_LENGTH = 6;
