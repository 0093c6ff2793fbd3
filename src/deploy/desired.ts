// What tenant.yaml asks for, as auth0-deploy-cli will send it: keywords replaced in the yaml and in
// every Action's code, the code being our built bundles.
import { parse } from 'yaml';
import { MAX_YAML_ALIASES } from '../project/input-limits.ts';
import type { BuiltAction } from '../build/build.ts';
import { replaceKeywords, type KeywordMappings } from '../claims/keywords.ts';
import { depKeys } from './snapshot.ts';
import { asRecord } from '../lib/records.ts';

export interface DesiredAction {
  name: string;
  code: string;
  runtime: string;
  dependencies: string[];
  secretNames: string[];
  /** The raw yaml entry (narrowed deploys write it back). */
  entry: Record<string, unknown>;
}

export interface DesiredTenant {
  actions: DesiredAction[];
  /** post-login binding names in order; undefined when tenant.yaml leaves the trigger alone. */
  bindings: string[] | undefined;
  roles: Array<Record<string, unknown>>;
  resourceServers: Array<Record<string, unknown>>;
  clients: Array<Record<string, unknown>>;
  /** The whole yaml document after keyword replacement. */
  document: Record<string, unknown>;
}

const rec = asRecord;
const list = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? v.map(rec) : []);

export function desiredTenant(yamlText: string, built: readonly BuiltAction[], mappings: KeywordMappings): DesiredTenant {
  // The build step has already read this file within the input limits; the same alias limit applies here.
  const document = rec(parse(replaceKeywords(yamlText, mappings), { maxAliasCount: MAX_YAML_ALIASES, prettyErrors: false }));
  const code = new Map(built.map((b) => [b.name, replaceKeywords(b.code, mappings)]));
  const actions = list(document['actions']).map((entry) => {
    const name = String(entry['name']);
    return {
      name,
      code: code.get(name) ?? '',
      runtime: typeof entry['runtime'] === 'string' ? entry['runtime'] : 'node22',
      dependencies: depKeys(entry['dependencies']),
      secretNames: list(entry['secrets']).map((s) => String(s['name'])).sort(),
      entry,
    };
  });
  const postLogin = rec(document['triggers'])['post-login'];
  return {
    actions,
    bindings: Array.isArray(postLogin) ? list(postLogin).map((b) => String(b['action_name'])) : undefined,
    roles: list(document['roles']),
    resourceServers: list(document['resourceServers']),
    clients: list(document['clients']),
    document,
  };
}
