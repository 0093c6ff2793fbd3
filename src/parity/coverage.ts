// Which parts of the event space a parity run covered: how many generated logins had each feature.
import type { FlowResult } from '../harness/result.ts';
import type { PostLoginEvent } from '../types/event.ts';
import type { RuleLiterals } from './literals.ts';

/** Feature → number of logins that had it, grouped by what the feature is about. */
export type Coverage = Record<string, Record<string, number>>;

function bucket(n: number): string {
  if (n === 0) return '0 roles';
  if (n <= 3) return '1-3 roles';
  if (n <= 20) return '4-20 roles';
  return 'more than 20 roles';
}

export class CoverageCounter {
  readonly counts: Coverage = {};
  constructor(private readonly literals: RuleLiterals) {}

  private add(group: string, feature: string): void {
    const g = (this.counts[group] ??= {});
    g[feature] = (g[feature] ?? 0) + 1;
  }

  count(event: PostLoginEvent, ruleOutcome: FlowResult['outcome']): void {
    const roles = event.authorization?.roles;
    this.add('roles', roles === undefined ? 'no event.authorization' : bucket(roles.length));
    for (const w of this.literals.words) if (roles?.includes(w)) this.add('roles', `has "${w}"`);
    this.add('audience', event.resource_server?.identifier ?? 'none (opaque access token)');
    this.add('client', event.client.client_id);
    if (this.literals.names.includes(event.client.name)) this.add('client', `named "${event.client.name}"`);
    const connection = event.connection;
    this.add('connection', this.literals.names.includes(connection.name) ? `named "${connection.name}"` : connection.name);
    if (this.literals.names.includes(connection.strategy)) this.add('connection', `strategy "${connection.strategy}"`);
    this.add('protocol', event.transaction?.protocol ?? 'no transaction');
    this.add('organization', event.organization ? (this.literals.words.includes(event.organization.name) ? `named "${event.organization.name}"` : 'yes') : 'none');
    const email = event.user.email;
    this.add('email', email === undefined ? 'absent' : event.user.email_verified ? 'verified' : 'not verified');
    for (const d of this.literals.emailDomains) if (email?.toLowerCase().endsWith(`@${d}`)) this.add('email', `@${d}`);
    const md = event.user.app_metadata;
    this.add('app_metadata', Object.keys(md).length === 0 ? 'empty' : 'not empty');
    for (const k of this.literals.metadataKeys) if (Object.hasOwn(md, k)) this.add('app_metadata', `has ${k}`);
    this.add('mfa', (event.authentication?.methods ?? []).some((m) => m.name === 'mfa') ? 'already done' : 'not done');
    this.add('the Rule', ruleOutcome === 'success' ? 'succeeded' : ruleOutcome === 'denied' ? 'denied' : 'failed');
  }
}
