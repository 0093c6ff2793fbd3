// One contract for every resource type a deploy understands (what auth0-deploy-cli does well: one
// handler per resource type behind one contract, in a compiler-checked registry — registry.ts). A
// handler maps its tenant.yaml section to Management API resources and back: `parse` reads the section,
// `read` + `toYaml` turn the tenant's resources into the same yaml form (ids become the names
// tenant.yaml uses), `diff` compares the two, and create / update / remove apply a plan through the auth0
// SDK. `claimkit pull` uses the same handlers in reverse (read → toYaml).
import type { ManagementClient } from 'auth0';

/** One item of a tenant.yaml section, as written (after keyword replacement). */
export type YamlItem = Record<string, unknown>;

/** Something in a section that cannot be deployed: where (inside the section) and what to do. */
export interface SectionIssue {
  path: ReadonlyArray<string | number>;
  message: string;
}

/** Ids ↔ the names tenant.yaml refers to clients, connections, Actions and client grants by. */
export interface Names {
  clientName(id: string): string | undefined;
  clientId(name: string): string | undefined;
  connectionName(id: string): string | undefined;
  connectionId(name: string): string | undefined;
  actionName(id: string): string | undefined;
  /** The grant of the client named so (organizations associate grants by client name, as a0deploy does). */
  grantIdOfClient(clientName: string): string | undefined;
  grantClientName(grantId: string): string | undefined;
  /** Records what a create made, so later sections can refer to it by name. */
  remember(kind: 'client' | 'connection' | 'action' | 'grant', id: string, name: string): void;
}

/** A name one item uses from another section (a client grant's client, an organization's connection…). */
export interface Reference {
  /** The sections the name may be found in (connections or databases for an organization's connection). */
  sections: readonly string[];
  name: string;
  /** Where in the section, as SectionIssue paths are. */
  path: ReadonlyArray<string | number>;
}

export interface ReadContext {
  /** The deploy's own client: never compared, changed or deleted by a deploy. */
  ownClientId: string;
  /** The keys tenant.yaml wants, when only those are needed (triggers read only the bindings named). */
  wanted?: readonly string[];
}

export interface ApplyContext extends ReadContext {
  mgmt: ManagementClient;
  names: Names;
  /** The value of an Action's secret (tenant.yaml's `value:`, else the environment); undefined when unset. */
  secretValue(action: string, name: string): string | undefined;
  log(line: string): void;
}

export interface ResourceHandler<Remote = unknown, S extends string = string> {
  /** The tenant.yaml section (auth0-deploy-cli's name). */
  readonly section: S;
  /** How the plan names one item: "client grant", "connection"… */
  readonly label: string;
  /** A section that is one object (tenant settings) rather than a list. */
  readonly singleton: boolean;
  /** Whether items missing from tenant.yaml are deleted (with --allow-delete); false for triggers and tenant settings. */
  readonly deletes: boolean;
  /** Sections whose names this one refers to: read with it so that ids can become names. */
  readonly refersTo: readonly string[];
  /** The section's items; issues for anything that cannot be deployed (each with its path). */
  parse(value: unknown): { items: YamlItem[]; issues: SectionIssue[] };
  /** An item's identity across tenant.yaml and the tenant: name, identifier, "client → audience", trigger id. */
  key(item: YamlItem): string;
  read(mgmt: ManagementClient, ctx: ReadContext): Promise<Remote[]>;
  /** Tenant items a deploy leaves alone (system APIs, the deploy's own client and its grants). */
  ignores(remote: Remote, ctx: ReadContext): boolean;
  idOf(remote: Remote): string;
  /** The tenant's item in tenant.yaml's form: what `pull` writes and what plan compares. */
  toYaml(remote: Remote, names: Names): YamlItem;
  /** The fields of `want` (tenant.yaml) that `have` (the tenant, in yaml form) does not match; empty when unchanged. */
  diff(want: YamlItem, have: YamlItem): string[];
  /** A one-line description of a change, when the field names alone say too little (bindings: "[a] → [b]"). */
  summary?(want: YamlItem, have: YamlItem | undefined): string;
  /** The names the `index`th item refers to in other sections, with where (inside the section): a deploy checks each exists. */
  references?(item: YamlItem, index: number): Reference[];
  create(want: YamlItem, ctx: ApplyContext): Promise<void>;
  update(want: YamlItem, remote: Remote, ctx: ApplyContext): Promise<void>;
  remove(remote: Remote, ctx: ApplyContext): Promise<void>;
}
