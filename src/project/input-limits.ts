// Limits on the files claimkit reads, in one place. Every input may come from a stranger: these bound
// the memory and time a careless or hostile file can cost, far above what a real project needs.

export interface InputLimit {
  /** What the file is, for messages ("tenant.yaml", "The event file"). */
  what: string;
  /** Largest accepted file, in bytes. */
  maxBytes: number;
}

const MB = 1024 * 1024;

export const INPUT_LIMITS = {
  /** auth0-deploy-cli's format; a large tenant with many clients and APIs stays well under this. */
  tenantYaml: { what: 'tenant.yaml', maxBytes: 4 * MB },
  /** claims.yaml is embedded into an Action bundle, which Auth0 caps at 100 kB. */
  claimsYaml: { what: 'claims.yaml', maxBytes: 1 * MB },
  /** `claimkit run --event` / `--continue`: a deep-partial event (metadata included). */
  eventJson: { what: 'The event file', maxBytes: 4 * MB },
  /** `.env`, `.env.<name>`. */
  dotenv: { what: 'The .env file', maxBytes: 1 * MB },
  /** An Action's source or bundle (`claimkit run FILE`); Auth0 takes 100 kB of bundle, comments and all. */
  actionFile: { what: 'The Action file', maxBytes: 4 * MB },
} as const satisfies Record<string, InputLimit>;

/** Deepest nesting of objects/arrays accepted in a YAML or JSON input (the event itself is ~5 deep). */
export const MAX_INPUT_DEPTH = 64;

/** YAML aliases (`*a`) a document may expand in total; more is a "billion laughs" alias bomb. */
export const MAX_YAML_ALIASES = 100;

/** Keys that reach an object's prototype when copied with assignment: never accepted in inputs. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
