// Secrets a tenant returns in its configuration (a social connection's client secret, an API's HS256
// signing secret) never reach a pulled tenant.yaml, which is committed: each becomes a keyword
// placeholder, named after where it is, whose value the deploy takes from AUTH0_KEYWORD_REPLACE_MAPPINGS
// (auth0-deploy-cli's export does the same for log streams' keys: ##LOGSTREAMS_<NAME>_SECRET##).
import type { YamlItem } from '../deploy/resources/contract.ts';
import { isRecord } from '../lib/records.ts';
import { note, type PullNote } from './model.ts';

/** Keys whose string values are secrets. */
const SECRET_KEY = /(secret|password|private_?key|api_?key)$/i;
/** The sections claimkit reads itself whose items can hold them (clients' own secrets are never read). */
export const SECRET_SECTIONS: readonly string[] = ['resourceServers', 'connections', 'databases'];

const keywordPart = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');

/** Replaces secret values in `item` (of `section`) with placeholders; returns the keyword names made. */
export function maskSecrets(section: string, item: YamlItem, notes: PullNote[]): string[] {
  const made: string[] = [];
  const name = String(item['name'] ?? item['identifier'] ?? '');
  const walk = (node: unknown, trail: string[]): void => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...trail, String(i)]));
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && value !== '' && SECRET_KEY.test(key) && !/^##[A-Za-z0-9_]+##$/.test(value)) {
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
