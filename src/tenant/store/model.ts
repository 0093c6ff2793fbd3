// The tenant's data as it is kept on disk (state.json). Records keep Auth0's field names so views are
// thin; values that Auth0 never returns (secret values, password hashes) live beside them.

export interface ActionTriggerRef {
  id: string;
  version?: string;
  [key: string]: unknown;
}

export interface ActionDependency {
  name: string;
  version: string;
  registry_url?: string;
}

export interface StoredSecret {
  name: string;
  value: string;
  updated_at: string;
}

export interface BuildError {
  id: string;
  msg: string;
}

/** A build in progress or done. The status is derived from the clock (see management/actions/build.ts). */
export interface StoredBuild {
  started_at: number;
  ready_at: number;
  outcome: 'built' | 'failed';
  errors: BuildError[];
}

export interface StoredAction {
  id: string;
  name: string;
  supported_triggers: ActionTriggerRef[];
  code: string;
  dependencies: ActionDependency[];
  runtime: string;
  secrets: StoredSecret[];
  modules?: unknown[];
  created_at: string;
  updated_at: string;
  build: StoredBuild;
  /** Version id currently deployed, if any. */
  deployed_version_id: string | null;
  /** True while the draft equals the deployed version. */
  all_changes_deployed: boolean;
}

export interface StoredVersion {
  id: string;
  action_id: string;
  number: number;
  code: string;
  dependencies: ActionDependency[];
  runtime: string;
  secrets: StoredSecret[];
  supported_triggers: ActionTriggerRef[];
  created_at: string;
  built_at: string;
}

export interface StoredBinding {
  id: string;
  trigger_id: string;
  action_id: string;
  display_name: string;
  created_at: string;
  updated_at: string;
}

export interface StoredPermission {
  resource_server_identifier: string;
  permission_name: string;
}

export interface StoredRole {
  id: string;
  name: string;
  description?: string;
  permissions: StoredPermission[];
}

export interface StoredResourceServer {
  id: string;
  identifier: string;
  name: string;
  [field: string]: unknown;
}

export interface StoredClient {
  client_id: string;
  client_secret: string;
  name: string;
  [field: string]: unknown;
}

/** A client grant: `client_id` may call `audience` with `scope` (client credentials). Other fields as Auth0 names them. */
export interface StoredGrant {
  id: string;
  client_id: string;
  audience: string;
  scope: string[];
  organization_usage?: 'deny' | 'allow' | 'require';
  allow_any_organization?: boolean;
  subject_type?: 'client' | 'user';
  [field: string]: unknown;
}

export interface StoredUser {
  user_id: string;
  connection: string;
  email: string;
  password_hash: string | null;
  roles: string[];
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

/** A connection (Auth0's shape). `enabled_clients` lists the client ids that may log in through it. */
export interface StoredConnection {
  id: string;
  name: string;
  strategy: string;
  enabled_clients: string[];
  options: Record<string, unknown>;
  [field: string]: unknown;
}

/** A connection enabled for an organization, with its settings there (show_as_button, is_signup_enabled…). */
export interface StoredOrganizationConnection {
  connection_id: string;
  assign_membership_on_login: boolean;
  [field: string]: unknown;
}

/** An organization with its members (user ids), their roles in it, and its enabled connections. */
export interface StoredOrganization {
  id: string;
  name: string;
  display_name?: string;
  metadata: Record<string, string>;
  members: string[];
  /** user id → role ids within the organization. */
  member_roles: Record<string, string[]>;
  connections: StoredOrganizationConnection[];
  /** Ids of the client grants associated with the organization (`/organizations/{id}/client-grants`). */
  client_grants?: string[];
  [field: string]: unknown;
}

/** An item of one of the tenant's other collections (log streams, hooks, custom domains…; see management/documents/). */
export interface StoredItem {
  id: string;
  [field: string]: unknown;
}

/**
 * The settings and collections a local tenant keeps without modelling them (branding, prompts, attack
 * protection, log streams…): what a client wrote, by path, so a deploy or an export reads it back.
 */
export interface StoredDocuments {
  /** Singleton settings by their path under /api/v2 (`branding`, `attack-protection/captcha`…). */
  settings: Record<string, unknown>;
  /** Collections by their path under /api/v2 (`log-streams`, `hooks`…). */
  collections: Record<string, StoredItem[]>;
}

export interface TenantData {
  format: 1;
  /** The client `claimkit tenant start` prints: client-credentials access to the Management API. */
  bootstrapClientId: string;
  actions: StoredAction[];
  versions: StoredVersion[];
  bindings: Record<string, StoredBinding[]>;
  roles: StoredRole[];
  resourceServers: StoredResourceServer[];
  clients: StoredClient[];
  grants: StoredGrant[];
  users: StoredUser[];
  connections: StoredConnection[];
  organizations: StoredOrganization[];
  /** `GET/PATCH /api/v2/tenants/settings` (friendly_name, flags, session lifetimes…). */
  tenantSettings: Record<string, unknown>;
  documents: StoredDocuments;
}

/** The audience placeholder stored in grants for the Management API, whose URL follows the port. */
export const MANAGEMENT_AUDIENCE = 'urn:claimkit:management-api';
