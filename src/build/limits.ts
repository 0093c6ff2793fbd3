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
/** A secret's name is at most 128 characters, its value at most 4096 (auth0-facts §2). */
export const MAX_SECRET_NAME_LENGTH = 128;
export const MAX_SECRET_VALUE_LENGTH = 4096;
/** "Each flow can have a maximum of 20 active bound Actions." */
export const MAX_BINDINGS = 20;
/**
 * Every runtime name Auth0 accepts or reports for an Action, and the esbuild target of each. `node18`
 * is what you write and `node18-actions` what the Management API and a0deploy export report for it
 * (GET /actions/triggers lists `runtimes: ["node12", "node16", "node18-actions", "node22"]`); node12 and
 * node16 are end of life (Auth0 docs: "Migrate from Node 12 and 16 to Node 18", "Migrate from Node 18 to Node 22").
 */
export const RUNTIME_TARGETS: Readonly<Record<string, string>> = {
  node12: 'node12',
  node16: 'node16',
  node18: 'node18',
  'node18-actions': 'node18',
  node22: 'node22',
};
/** Runtimes Auth0 no longer runs new Actions on: accepted (old tenants report them) with a warning. */
export const RETIRED_RUNTIMES: readonly string[] = ['node12', 'node16'];
/** The runtime of an Action whose entry names none. */
export const DEFAULT_RUNTIME = 'node22';

/** The esbuild target that satisfies every given runtime: the oldest one's (unknown names are ignored). */
export function commonTarget(runtimes: readonly string[]): string {
  const targets = runtimes.map((r) => RUNTIME_TARGETS[r]).filter((t): t is string => t !== undefined);
  const version = (t: string) => Number(t.replace(/^node/, ''));
  return targets.reduce((oldest, t) => (version(t) < version(oldest) ? t : oldest), RUNTIME_TARGETS[DEFAULT_RUNTIME] as string);
}
/** Where bundles go, relative to tenant.yaml's folder (and what `code:` must point at). */
export const DIST_DIR = 'dist/actions';
/** Secret values shorter than this are not searched for in bundles (too many false alarms). */
export const MIN_SECRET_LENGTH = 6;

/** Two runtime names for the same runtime (`node18` is reported back as `node18-actions`). */
export function sameRuntime(a: string, b: string): boolean {
  return a === b || (Object.hasOwn(RUNTIME_TARGETS, a) && RUNTIME_TARGETS[a] === RUNTIME_TARGETS[b]);
}
