// What `claimkit pull` reads, whatever it reads it from (a tenant, an auth0-deploy-cli export in YAML or
// directory format): one tenant in tenant.yaml's form, before it is written out as a project.
import type { YamlItem } from '../deploy/resources/contract.ts';
import type { Section } from '../deploy/resources/registry.ts';

export interface PulledTenant {
  /** Where it came from, for the report: "tenant 127.0.0.1:4433", "export ./tenant-export". */
  origin: string;
  /**
   * The sections claimkit deploys, in tenant.yaml form (clients by name, ids left out). Actions carry
   * their code (the code the tenant runs) in `code`; the project writes it to actions/<name>.js.
   */
  sections: Partial<Record<Section, YamlItem[]>>;
  /** auth0-deploy-cli's other sections, with the contents of their files inline (email template bodies…). */
  passthrough: Record<string, unknown>;
  /** tenant.yaml's `exclude:` (item names per section that deploys leave alone). */
  exclude: Record<string, string[]>;
  /** Everything that could not be pulled as it is, or needs the user's attention. */
  notes: PullNote[];
}

export interface PullNote {
  /** What it is about: "action ../x", "logStreams Datadog", "tenant.yaml". */
  subject: string;
  message: string;
  /** `left-out`: not in the project (reported, never silently dropped); `attention`: in it, but look. */
  kind: 'left-out' | 'attention';
}

export const note = (kind: PullNote['kind'], subject: string, message: string): PullNote => ({ kind, subject, message });
