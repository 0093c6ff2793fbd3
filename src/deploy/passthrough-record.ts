// What claimkit last sent to a tenant of the sections it passes to auth0-deploy-cli. It cannot compare
// them with the tenant (only auth0-deploy-cli's ~20 s export could read them), so without a record every
// deploy of a tenant.yaml with branding, prompts or email templates starts auth0-deploy-cli and rewrites
// them all. A section is skipped when its fingerprint — its value as sent, keywords replaced, and the
// text of every file it names — is the one recorded for this tenant by the last deploy that sent it (or
// the pull that read it from there). The record lives in the project's `.claimkit/` (never committed):
// a fresh clone, or CI, has none and sends everything, and `--resend-passthrough` sends everything too.
// It is kept per tenant — its domain and its global client, which a new tenant (or a local tenant after
// `claimkit tenant reset`) has another of — so that an emptied tenant is sent everything again.
import { createHash } from 'node:crypto';
import type { ManagementClient } from 'auth0';
import fs from 'node:fs';
import path from 'node:path';
import { keywordsIn, type KeywordMappings } from '../claims/keywords.ts';
import { isClaimkitError } from '../errors.ts';
import { isRecord } from '../lib/records.ts';
import { fileRefs } from './file-fields.ts';
import { fileProblem, namedFileText } from './passthrough-files.ts';

/** A named file's text, keywords replaced; undefined past the limit a deploy reads such files within. */
function fileText(root: string, file: string, mappings: KeywordMappings): string | undefined {
  try {
    return namedFileText(root, file, 'A file tenant.yaml names', mappings);
  } catch (err) {
    if (isClaimkitError(err)) return undefined;
    throw err;
  }
}

/** Per section, the fingerprint of what was sent. */
export type Fingerprints = Record<string, string>;

const RECORD_LIMIT = 1024 * 1024;

export const recordFile = (root: string) => path.join(root, '.claimkit', 'deploy', 'passthrough-sent.json');

/**
 * The fingerprint of each passed-through section that can have one: a section naming a file that cannot
 * be read has none (and is always sent). With `allReplaced` (a pull, which sent nothing), neither has a
 * section still holding a keyword no mapping replaces: the tenant holds its real value, not the keyword.
 */
export function passthroughFingerprints(passthrough: Readonly<Record<string, unknown>>, root: string, mappings: KeywordMappings, options: { allReplaced?: boolean } = {}): Fingerprints {
  const out: Fingerprints = {};
  for (const [section, value] of Object.entries(passthrough)) {
    const fingerprint = sectionFingerprint(section, value, root, mappings, options.allReplaced === true);
    if (fingerprint !== undefined) out[section] = fingerprint;
  }
  return out;
}

function sectionFingerprint(section: string, value: unknown, root: string, mappings: KeywordMappings, allReplaced: boolean): string | undefined {
  const unreplaced = (text: string) => allReplaced && keywordsIn(text).length > 0;
  const json = JSON.stringify(value) ?? 'null';
  if (unreplaced(json)) return undefined;
  const hash = createHash('sha256').update(section).update('\0').update(json);
  for (const ref of fileRefs(section, value)) {
    if (typeof ref.file !== 'string' || fileProblem(root, ref.file) !== undefined) return undefined;
    const text = fileText(root, ref.file, mappings);
    if (text === undefined || unreplaced(text)) return undefined;
    hash.update('\0').update(ref.file).update('\0').update(text);
  }
  return hash.digest('base64url');
}

/**
 * Which tenant this is, for the record: its domain and the id of its global client ("All Applications",
 * made with the tenant, never deleted). Undefined when that cannot be read: then nothing is skipped.
 */
export async function tenantKey(mgmt: ManagementClient, domain: string): Promise<string | undefined> {
  try {
    const page = await mgmt.clients.list({ is_global: true });
    for await (const c of page) if (c.global === true && typeof c.client_id === 'string') return `${domain} ${c.client_id}`;
  } catch {
    // no read:clients, or the tenant did not answer: the sections are sent, which is always right
  }
  return undefined;
}

/** The record's tenants; none when it is missing, too large or not ours (everything is then sent, which is always right). */
function recordedTenants(root: string): Record<string, unknown> {
  try {
    const file = recordFile(root);
    if (fs.statSync(file).size > RECORD_LIMIT) return {};
    const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return isRecord(data) && isRecord(data['tenants']) ? { ...data['tenants'] } : {};
  } catch {
    return {};
  }
}

/** The fingerprints recorded for the tenant `key` (tenantKey). */
export function sentBefore(root: string, key: string): Fingerprints {
  const tenants = recordedTenants(root);
  const mine = Object.hasOwn(tenants, key) ? tenants[key] : undefined;
  if (!isRecord(mine)) return {};
  return Object.fromEntries(Object.entries(mine).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Records `sent` (merged over what was recorded) for the tenant `key`: written aside, then renamed; 0600. */
export function recordSent(root: string, key: string, sent: Fingerprints): void {
  const file = recordFile(root);
  const tenants = recordedTenants(root);
  const next = JSON.stringify({ tenants: { ...tenants, [key]: { ...sentBefore(root, key), ...sent } } }, null, 2);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${next}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The sections of `planned` whose fingerprint is the one last sent: they need not be sent again. */
export function unchangedSince(planned: readonly string[], now: Fingerprints, before: Fingerprints): string[] {
  return planned.filter((s) => now[s] !== undefined && before[s] === now[s]);
}
