// A pulled tenant as the files of a claimkit project: tenant.yaml (every section, clean, in one order),
// actions/<name>.js per Action (readable.ts), the files tenant.yaml names (email templates, rules…),
// .env.example with every value a deploy needs but the pull cannot know, and — where the folder has
// none — a tsconfig.json and .gitignore. Whatever cannot be represented is a note, never dropped.
import { parse, stringify } from 'yaml';
import { keywordsIn, replaceKeywords } from '../claims/keywords.ts';
import type { ResourceHandler, YamlItem } from '../deploy/resources/contract.ts';
import { APPLY_ORDER, PASSTHROUGH_SECTIONS, RESOURCE_HANDLERS, type Section } from '../deploy/resources/registry.ts';
import { ClaimkitError } from '../errors.ts';
import { isRecord } from '../lib/records.ts';
import { TRIGGER_SPECS } from '../triggers.ts';
import { actionFiles, type PulledActionFile } from './action-files.ts';
import { canonical, cleanItem } from './clean.ts';
import { envExample, gitignore, npmDependencyTypes, tsconfigFor } from './extra-files.ts';
import { unrepresentableNames } from './file-names.ts';
import { keywordMappings, keywordsInData, keywordsInText as keywordsInTextOf, KeywordUse, type Keyword } from './keywords.ts';
import { note, type PulledTenant, type PullNote } from './model.ts';
import { extractFiles } from './passthrough-files.ts';
import { dropActionSecretValues, maskSecrets, PASSTHROUGH_SECRET_KEY, SECRET_SECTIONS } from './secrets.ts';

export interface ProjectFiles {
  /** Relative path → contents: written (and compared with what the folder holds). */
  files: Map<string, string>;
  /** Written only where the folder has no such file (tsconfig.json, .gitignore). */
  ifAbsent: Map<string, string>;
  actions: PulledActionFile[];
  notes: PullNote[];
  /** Keyword → how many values it replaced (the --keyword ones). */
  keywordUse: Record<string, number>;
  /** The Actions in the project, as pulled (their code the code the tenant runs). */
  pulledActions: YamlItem[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Leaves out Actions whose names cannot be file names, and the bindings of triggers that bind any Action left out. */
function representable(t: PulledTenant, notes: PullNote[]): { actions: YamlItem[]; triggers: YamlItem[]; excluded: string[] } {
  const all = t.sections.actions ?? [];
  const bad = unrepresentableNames(all.map((a) => str(a['name'])));
  for (const [name, why] of bad) notes.push(note('left-out', `action ${name}`, `cannot be actions/<name>.js: ${why}. Left under exclude.actions, so deploys leave it as it is; rename it in the Dashboard and pull again to bring it in.`));
  const excluded = [...(t.exclude['actions'] ?? []), ...bad.keys()];
  const triggers = (t.sections.triggers ?? []).filter((trig) => {
    const bindings = Array.isArray(trig['bindings']) ? trig['bindings'].filter(isRecord) : [];
    const missing = bindings.map((b) => str(b['action_name'])).filter((n) => excluded.includes(n));
    if (missing.length === 0) return true;
    notes.push(note('left-out', `triggers.${str(trig['trigger'])}`, `binds ${missing.join(', ')}, which the project does not hold: this trigger's bindings are left out of tenant.yaml, so deploys leave them as they are on the tenant.`));
    return false;
  });
  const kept = all.filter((a) => !bad.has(str(a['name']))).sort((a, b) => (str(a['name']) < str(b['name']) ? -1 : str(a['name']) > str(b['name']) ? 1 : 0));
  return { actions: kept, triggers, excluded };
}

/** One section's items as tenant.yaml writes them: clean, sorted by key; triggers as a map; tenant as one object. */
function sectionValue(section: Section, items: readonly YamlItem[]): unknown {
  const handler = RESOURCE_HANDLERS[section] as ResourceHandler;
  const cleaned = items.map((i) => cleanItem(section, i)).sort((a, b) => (handler.key(a) < handler.key(b) ? -1 : handler.key(a) > handler.key(b) ? 1 : 0));
  if (section === 'tenant') return cleaned[0];
  if (section !== 'triggers') return cleaned;
  const order = TRIGGER_SPECS.map((s) => s.id);
  const byId = [...cleaned].sort((a, b) => order.indexOf(str(a['trigger'])) - order.indexOf(str(b['trigger'])));
  return Object.fromEntries(byId.map((t) => [str(t['trigger']), t['bindings']]));
}

const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);

const HEADER = `# Pulled by claimkit pull: the tenant in auth0-deploy-cli's format. Ids, read-only fields and values equal
# to Auth0's defaults are left out (a deploy compares only what this file sets). Action code: actions/.
`;

export async function projectFiles(t: PulledTenant, keywords: readonly Keyword[], out: string): Promise<ProjectFiles> {
  const notes: PullNote[] = [...t.notes];
  const { actions, triggers, excluded } = representable(t, notes);
  const needed = new Set<string>();
  const document: Record<string, unknown> = {};
  for (const section of APPLY_ORDER) {
    const items = section === 'actions' ? actions : section === 'triggers' ? triggers : t.sections[section];
    if (items === undefined || (items.length === 0 && section !== 'actions')) continue;
    const copies = items.map((i) => JSON.parse(JSON.stringify(i)) as YamlItem);
    if (SECRET_SECTIONS.includes(section)) for (const i of copies) maskSecrets(section, i, notes).forEach((k) => needed.add(k));
    if (section === 'actions') for (const i of copies) dropActionSecretValues(i, notes);
    document[section] = sectionValue(section, section === 'actions' ? copies.map((a) => ({ ...a, code: `./dist/actions/${str(a['name'])}.js` })) : copies);
  }
  const assets = new Map<string, string>();
  for (const name of PASSTHROUGH_SECTIONS) {
    const value = t.passthrough[name];
    if (isEmpty(value)) continue;
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    const secretKey = PASSTHROUGH_SECRET_KEY[name];
    if (secretKey) for (const i of (Array.isArray(copy) ? copy : [copy]).filter(isRecord)) maskSecrets(name, i, notes, secretKey).forEach((k) => needed.add(k));
    document[name] = canonical(extractFiles(name, copy, assets));
  }
  const exclude = { ...t.exclude, ...(excluded.length > 0 ? { actions: [...new Set(excluded)].sort() } : {}) };
  if (Object.keys(exclude).length > 0) document['exclude'] = exclude;

  const use = new KeywordUse();
  const withKeywords = keywordsInData(document, keywords, use) as Record<string, unknown>;
  const mappings = keywordMappings(keywords);
  const yamlOf = (doc: unknown) => `${HEADER}${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
  const text = yamlOf(withKeywords);
  // A deploy must read back what the tenant holds: the same values once the keywords are replaced.
  if (JSON.stringify(parse(replaceKeywords(text, mappings))) !== JSON.stringify(parse(replaceKeywords(yamlOf(document), mappings)))) {
    throw new ClaimkitError('ERR_PULL_KEYWORD', `The tenant's configuration already holds text like ##NAME## or @@NAME@@ for one of ${keywords.map((k) => k.name).join(', ')}, so the keywords could not be replaced back faithfully. Choose other keyword names; nothing was written.`);
  }
  const files = new Map<string, string>([['tenant.yaml', text]]);
  for (const [file, content] of assets) files.set(file, keywordsInTextFile(content, keywords, use, mappings, file));
  const pulled = await actionFiles(actions, keywords, use, notes);
  for (const a of pulled) files.set(a.file, a.code);
  const deps = npmDependencyTypes(actions);
  if (deps !== undefined) files.set('actions/npm-dependencies.d.ts', deps);
  for (const k of keywords) if (!use.counts.has(k.name)) notes.push(note('attention', `--keyword ${k.name}`, 'its value is nowhere in the tenant, so nothing was replaced.'));
  const given = new Set(keywords.map((k) => k.name));
  const unknown = new Map<string, string[]>();
  for (const [file, content] of files) for (const k of keywordsIn(content)) if (!given.has(k) && !unknown.get(k)?.includes(file)) unknown.set(k, [...(unknown.get(k) ?? []), file]);
  for (const [k, where] of [...unknown].sort()) {
    if (!needed.has(k)) notes.push(note('attention', `##${k}##`, `${where.join(', ')} hold${where.length === 1 ? 's' : ''} this keyword, whose value the pull cannot know (a placeholder an export kept, or auth0-deploy-cli's for a secret the tenant never returns). Give it in AUTH0_KEYWORD_REPLACE_MAPPINGS before you deploy, or the placeholder itself is deployed.`));
  }
  files.set('.env.example', envExample({ actions, keywords, needed: [...needed], texts: [...files.values()] }));
  return { files, ifAbsent: new Map([['tsconfig.json', tsconfigFor(out)], ['.gitignore', gitignore()]]), actions: pulled, notes, keywordUse: Object.fromEntries(use.counts), pulledActions: actions };
}

/** A file tenant.yaml names (an email template, a rule's script): keywords anywhere, checked to replace back. */
function keywordsInTextFile(content: string, keywords: readonly Keyword[], use: KeywordUse, mappings: Record<string, unknown>, file: string): string {
  const out = keywordsInTextOf(content, keywords, use);
  if (replaceKeywords(out, mappings) !== replaceKeywords(content, mappings)) throw new ClaimkitError('ERR_PULL_KEYWORD', `${file} already holds ##NAME## or @@NAME@@ text for one of the --keyword names, so they could not be replaced back faithfully. Choose other keyword names; nothing was written.`);
  return out;
}
