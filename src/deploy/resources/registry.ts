// The registry of resource handlers: every tenant.yaml section claimkit deploys itself, in the order a
// deploy applies them (what a section refers to by name is applied before it: clients before their
// grants and connections, Actions before their bindings), and the auth0-deploy-cli sections it passes
// through as written. A section in neither list is refused by `claimkit check`. The compiler holds the
// registry complete: each handler's `section` is the key it is registered under, and APPLY_ORDER lists
// every key exactly once (see the checks below).
import { actions } from './actions.ts';
import { clientGrants } from './client-grants.ts';
import { clients } from './clients.ts';
import { connections, databases } from './connections.ts';
import type { ResourceHandler } from './contract.ts';
import { organizations } from './organizations.ts';
import { resourceServers } from './resource-servers.ts';
import { roles } from './roles.ts';
import { tenant } from './tenant.ts';
import { triggers } from './triggers.ts';

const HANDLERS = { resourceServers, clients, databases, connections, clientGrants, roles, actions, organizations, triggers, tenant } as const;

export type Section = keyof typeof HANDLERS;

/** Each handler is registered under its own section: one registered under another key does not compile. */
export const RESOURCE_HANDLERS: { readonly [K in Section]: ResourceHandler<unknown, K> } = HANDLERS;

/** Apply order. Typed so that a section missing from it, or listed twice, is a compile error. */
export const APPLY_ORDER = ['resourceServers', 'clients', 'databases', 'connections', 'clientGrants', 'roles', 'actions', 'organizations', 'triggers', 'tenant'] as const satisfies readonly Section[];
type Missing = Exclude<Section, (typeof APPLY_ORDER)[number]>;
const complete: [Missing] extends [never] ? true : { missing: Missing } = true;
void complete;

/**
 * The other sections auth0-deploy-cli 8 imports (its schema's top-level keys). claimkit does not
 * compare them; a deploy hands them to auth0-deploy-cli as written, and the plan says so.
 */
export const PASSTHROUGH_SECTIONS: readonly string[] = [
  'rules', 'rulesConfigs', 'hooks', 'pages', 'emailProvider', 'emailTemplates', 'guardianFactors', 'guardianFactorProviders',
  'guardianFactorTemplates', 'guardianPolicies', 'guardianPhoneFactorSelectedProvider', 'guardianPhoneFactorMessageTypes',
  'branding', 'phoneProviders', 'phoneTemplates', 'prompts', 'actionModules', 'attackProtection', 'riskAssessment', 'logStreams',
  'customDomains', 'themes', 'forms', 'flows', 'flowVaultConnections', 'selfServiceProfiles', 'networkACLs',
  'userAttributeProfiles', 'connectionProfiles', 'tokenExchangeProfiles', 'supplementalSignals', 'rateLimitPolicies',
  'eventStreams', 'clientAuthCredentials', 'clientAuthCredentialsPre',
];

/** a0deploy's `exclude` / `include` lists: item names per section that a deploy leaves alone / keeps to. */
export const FILTER_SECTIONS: readonly string[] = ['exclude', 'include'];

export const isSection = (name: string): name is Section => Object.hasOwn(HANDLERS, name);
