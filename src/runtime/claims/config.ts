// The validated form of claims.yaml, as it is embedded into the generic Action at build time.
// Pure data: it crosses from the build into the bundle as JSON.

export type TokenTarget = 'id_token' | 'access_token';
export type Shape = 'list' | 'value' | 'has_role';
export type OnOversize = 'drop' | 'deny';

/** Where a claim's value comes from. */
export type ClaimSource =
  | { kind: 'roles' }
  | { kind: 'app_metadata' | 'user_metadata'; path: string[] }
  | { kind: 'user'; field: string }
  | { kind: 'organization'; field: 'id' | 'name' | 'display_name' }
  | { kind: 'organization_metadata'; key: string }
  | { kind: 'client_metadata'; key: string }
  | { kind: 'static'; value: unknown };

export interface ClaimConditions {
  clients?: string[];
  audiences?: string[];
  /** Every one of these scopes must have been requested. */
  scopes?: string[];
  /** true: only inside an organization; false: only outside one. */
  organization?: boolean;
}

export interface RoleFilter {
  prefix?: string;
  pattern?: string;
}

export interface RoleRename {
  strip_prefix?: string;
  map?: Record<string, string>;
}

export interface ClaimRule {
  /** The final claim key (namespace applied), as it appears in the token. */
  key: string;
  source: ClaimSource;
  tokens: TokenTarget[];
  shape: Shape;
  /** has_role: true when the user has any of these roles. */
  roles?: string[];
  filter?: RoleFilter;
  rename?: RoleRename;
  /** Used when the source is missing; without it the claim is left out. */
  default?: unknown;
  when?: ClaimConditions;
  on_oversize: OnOversize;
}

/** Where a machine claim's value comes from: the client (its metadata or name), the organization, or a static value. */
export type MachineClaimSource =
  | { kind: 'client_metadata'; key: string }
  | { kind: 'client'; field: 'name' }
  | { kind: 'organization'; field: 'id' | 'name' | 'display_name' }
  | { kind: 'organization_metadata'; key: string }
  | { kind: 'static'; value: unknown };

/**
 * One claim of a machine's access token (client-credentials grant), applied by the generic
 * credentials-exchange Action. Conditions: `clients` by client id or name, `audiences` the requested API,
 * `scopes` the scopes the token is issued with, `organization` whether the request named one.
 */
export interface MachineClaimRule {
  key: string;
  source: MachineClaimSource;
  shape: 'list' | 'value';
  default?: unknown;
  when?: ClaimConditions;
  on_oversize: OnOversize;
}

export interface ClaimsConfig {
  namespace: string;
  /** Budget for the custom claims this configuration puts into one token (Auth0: 100 KB). */
  max_token_bytes: number;
  claims: ClaimRule[];
  /** Claims of machine-to-machine access tokens (claims.yaml `machine_claims:`); absent when none are declared. */
  machine_claims?: MachineClaimRule[];
}
