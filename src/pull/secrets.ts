// Secrets a tenant returns in its configuration (a social connection's client secret, an API's HS256
// signing secret) never reach a pulled tenant.yaml, which is committed: each becomes a keyword
// placeholder, named after where it is, whose value the deploy takes from AUTH0_KEYWORD_REPLACE_MAPPINGS
// (auth0-deploy-cli's export does the same for log streams' keys: ##LOGSTREAMS_<NAME>_SECRET##).
import type { YamlItem } from '../deploy/resources/contract.ts';
import { isRecord } from '../lib/records.ts';
import { secretEnvName } from '../project/secrets.ts';
import { note, type PullNote } from './model.ts';

/** Keys whose string values are secrets. */
const SECRET_KEY = /(secret|password|private_?key|api_?key)$/i;
/** The sections claimkit reads itself whose items can hold them (clients' own secrets are never read). */
export const SECRET_SECTIONS: readonly string[] = ['resourceServers', 'connections', 'databases'];

const keywordPart = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');

/**
 * The sections passed to auth0-deploy-cli that hold credentials: an email provider's (`smtp_pass`,
 * `api_key`, `secretAccessKey`, `clientSecret`, `connectionString`) and log streams' sinks (`splunkToken`,
 * `httpAuthorization`, `datadogApiKey`…). A tenant keeps them to itself, but an export written by hand,
 * or a local tenant that holds what was imported, returns them.
 */
export const PASSTHROUGH_SECRET_KEY: Readonly<Record<string, RegExp>> = {
  emailProvider: /(secret|password|pass|private_?key|api_?key|secret_?access_?key|connection_?string)$/i,
  logStreams: /(secret|password|pass|private_?key|api_?key|token|authorization)$/i,
};

/** Replaces secret values in `item` (of `section`) with placeholders; returns the keyword names made. */
export function maskSecrets(section: string, item: YamlItem, notes: PullNote[], secretKey: RegExp = SECRET_KEY): string[] {
  const made: string[] = [];
  const name = String(item['name'] ?? item['identifier'] ?? '');
  const walk = (node: unknown, trail: string[]): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...trail, String(i)]));
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && value !== '' && secretKey.test(key) && !/^##[A-Za-z0-9_]+##$/.test(value)) {
        const keyword = [section, name, ...trail, key].map(keywordPart).filter(Boolean).join('_');
        node[key] = `##${keyword}##`;
        made.push(keyword);
        notes.push(note('attention', `${section} ${name}`, `${[...trail, key].join('.')} is a secret: tenant.yaml holds ##${keyword}## instead. Give its value in AUTH0_KEYWORD_REPLACE_MAPPINGS before you deploy (.env.example lists it).`));
      } else walk(value, [...trail, key]);
    }
  };
  walk(item, []);
  return made;
}

/** A keyword placeholder (`##NAME##`, `@@NAME@@`): text a deploy replaces, not a secret itself. */
const PLACEHOLDER = /^(##[A-Za-z0-9_]+##|@@[A-Za-z0-9_]+@@)$/;

/**
 * An Action's secret values (an export can hold them: Auth0 never returns them, but a hand-kept export
 * does) are left out of tenant.yaml, names kept; the deploy takes each from `<ACTION>__<NAME>` in the
 * environment or .env, which .env.example lists. A keyword placeholder stays as it is.
 */
export function dropActionSecretValues(item: YamlItem, notes: PullNote[]): void {
  const name = String(item['name'] ?? '');
  const secrets = item['secrets'];
  if (!Array.isArray(secrets)) return;
  for (const s of secrets) {
    if (!isRecord(s) || !('value' in s) || (typeof s['value'] === 'string' && PLACEHOLDER.test(s['value']))) continue;
    delete s['value'];
    const secret = String(s['name'] ?? '');
    notes.push(note('attention', `action ${name}`, `the export holds the value of its secret ${secret}: tenant.yaml keeps the name only, as it is committed. Give the value as ${secretEnvName(name, secret)} in .env or the environment before you deploy (.env.example lists it).`));
  }
}
