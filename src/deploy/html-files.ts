// Two HTML fields auth0-deploy-cli's YAML format may give as file names, in folders beside tenant.yaml:
// a client's `custom_login_page` (clients/<name>, read when such a file exists, else the value is the
// page) and a passwordless email connection's `options.email.body` (connections/<name>, always a file).
// It reads them with keywords replaced; `claimkit pull` writes the HTML itself. A deploy reads them the
// same way, so a file name is never sent as the page or the email.
import path from 'node:path';
import type { KeywordMappings } from '../claims/keywords.ts';
import { ClaimkitError } from '../errors.ts';
import { isRecord } from '../lib/records.ts';
import { fileProblem, namedFileText } from './passthrough-files.ts';
import type { YamlItem } from './resources/contract.ts';

/** No spaces, markup or template braces: a file name, not HTML or text. */
const isFileName = (v: unknown): v is string => typeof v === 'string' && v !== '' && !/[\s<>{}]/.test(v);

function read(root: string, rel: string, what: string, mappings: KeywordMappings): string {
  const problem = fileProblem(root, rel);
  if (problem) throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `${what}: ${problem}. auth0-deploy-cli reads this file and sends its content; name a file inside the project, or write the HTML itself there. Nothing was sent.`);
  return namedFileText(root, rel, what, mappings);
}

/** Clients as a deploy sends them: a custom_login_page naming a file in clients/ replaced by its text. */
export function withLoginPages(items: readonly YamlItem[], root: string, mappings: KeywordMappings): YamlItem[] {
  return items.map((c) => {
    const page = c['custom_login_page'];
    if (!isFileName(page) || fileProblem(root, path.join('clients', page)) !== undefined) return c;
    return { ...c, custom_login_page: read(root, path.join('clients', page), `The custom login page of client "${String(c['name'])}"`, mappings) };
  });
}

/** Connections as a deploy sends them: a passwordless email body naming a file in connections/ replaced by its text. */
export function withEmailBodies(items: readonly YamlItem[], root: string, mappings: KeywordMappings): YamlItem[] {
  return items.map((c) => {
    const options = isRecord(c['options']) ? c['options'] : undefined;
    const email = options && isRecord(options['email']) ? options['email'] : undefined;
    if (c['strategy'] !== 'email' || !email || !isFileName(email['body'])) return c;
    const body = read(root, path.join('connections', email['body']), `The email body of connection "${String(c['name'])}"`, mappings);
    return { ...c, options: { ...options, email: { ...email, body } } };
  });
}
