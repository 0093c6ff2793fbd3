// An auth0-deploy-cli export in its directory format: one folder per resource type, one JSON file per
// resource, code and templates beside them (actions/<name>.json + actions/<name>/code.js, emails/…).
// The layout of each section, as auth0-deploy-cli 8.44 reads it (lib/context/directory/handlers), is
// one row of LAYOUTS; anything else in the folder is reported, not ignored.
import path from 'node:path';
import { isSection, type Section } from '../deploy/resources/registry.ts';
import { isRecord } from '../lib/records.ts';
import { ExportFiles, invalid } from './export-files.ts';
import { note, type PulledTenant } from './model.ts';
import { fromSections } from './sections.ts';

type Item = Record<string, unknown>;

interface Layout {
  section: string;
  /** The folder or file (relative to the export) it is read from: what is then accounted for. */
  entry: string;
  read(files: ExportFiles, at: string): unknown;
}

const jsonFiles = (files: ExportFiles, dir: string) => (files.isDirectory(dir) ? files.list(dir).filter((e) => e.name.endsWith('.json')).map((e) => path.join(dir, e.name)) : []);

function asItem(files: ExportFiles, file: string): Item {
  const value = files.json(file);
  if (!isRecord(value)) throw invalid(file, `${files.relative(file)} must hold one JSON object (one resource).`);
  return value;
}

/** Loads the file `item[field]` names (relative to `base`), in place. */
function load(files: ExportFiles, item: Item, field: string, base: string, what: string, optional = false): void {
  const rel = item[field];
  if (typeof rel !== 'string' || rel === '') return;
  const full = files.resolve(rel, base, what);
  if (optional && !files.exists(full)) return;
  item[field] = files.text(full);
}

/** A folder of JSON files, one item each; `each` loads what an item names. */
const list = (section: string, folder: string, each?: (files: ExportFiles, item: Item, dir: string) => void): Layout => ({
  section,
  entry: folder,
  read(files, dir) {
    return jsonFiles(files, dir).map((f) => {
      const item = asItem(files, f);
      each?.(files, item, dir);
      return item;
    });
  },
});

/** One JSON file holding the section's value. */
const single = (section: string, file: string): Layout => ({ section, entry: file, read: (files, full) => files.json(full) });

const named = (item: Item) => String(item['name'] ?? '');

const LAYOUTS: readonly Layout[] = [
  list('actions', 'actions', (files, a) => load(files, a, 'code', files.root, `The code of Action "${named(a)}"`)),
  list('actionModules', 'action-modules', (files, m) => load(files, m, 'code', files.root, `The code of Action module "${named(m)}"`)),
  list('clients', 'clients', (files, c, dir) => load(files, c, 'custom_login_page', dir, `The custom login page of client "${named(c)}"`, true)),
  list('clientGrants', 'grants'),
  list('connections', 'connections', (files, c, dir) => {
    const email = isRecord(c['options']) && isRecord(c['options']['email']) ? c['options']['email'] : undefined;
    if (c['strategy'] === 'email' && email) load(files, email, 'body', dir, `The email body of connection "${named(c)}"`);
  }),
  {
    section: 'databases',
    entry: 'database-connections',
    read(files, dir) {
      if (!files.isDirectory(dir)) return [];
      return files.list(dir).filter((e) => e.isDirectory()).map((e) => {
        const folder = path.join(dir, e.name);
        const db = asItem(files, path.join(folder, 'database.json'));
        const options: Item = isRecord(db['options']) ? { ...db['options'] } : {};
        const scripts = isRecord(db['customScripts']) ? db['customScripts'] : isRecord(options['customScripts']) ? options['customScripts'] : undefined;
        if (scripts) {
          for (const key of Object.keys(scripts)) load(files, scripts, key, folder, `The ${key} script of database "${named(db)}"`);
          options['customScripts'] = scripts;
        }
        const { customScripts: _moved, ...rest } = db;
        return { ...rest, options };
      });
    },
  },
  list('resourceServers', 'resource-servers'),
  list('roles', 'roles'),
  list('organizations', 'organizations'),
  { section: 'triggers', entry: 'triggers', read: (files, dir) => (jsonFiles(files, dir)[0] ? files.json(jsonFiles(files, dir)[0] as string) : undefined) },
  single('tenant', 'tenant.json'),
  list('rules', 'rules', (files, r, dir) => load(files, r, 'script', dir, `The script of rule "${named(r)}"`)),
  list('rulesConfigs', 'rules-configs'),
  list('hooks', 'hooks', (files, h, dir) => load(files, h, 'script', dir, `The script of hook "${named(h)}"`)),
  {
    section: 'pages',
    entry: 'pages',
    read(files, dir) {
      return jsonFiles(files, dir).map((f) => {
        const page = asItem(files, f);
        const html = f.replace(/\.json$/, '.html');
        return files.exists(html) ? { ...page, html: files.text(html) } : page;
      });
    },
  },
  {
    section: 'emailTemplates',
    entry: 'emails',
    read(files, dir) {
      return jsonFiles(files, dir)
        .filter((f) => path.basename(f) !== 'provider.json')
        .map((f) => {
          const t = asItem(files, f);
          const explicit = typeof t['body'] === 'string' && t['body'] !== '' ? files.resolve(t['body'], dir, `The body of email template "${String(t['template'])}"`) : undefined;
          const body = explicit !== undefined && files.exists(explicit) ? explicit : f.replace(/\.json$/, '.html');
          return { ...t, body: files.text(body) };
        });
    },
  },
  single('emailProvider', 'emails/provider.json'),
  list('guardianFactors', 'guardian/factors'),
  list('guardianFactorProviders', 'guardian/providers'),
  list('guardianFactorTemplates', 'guardian/templates'),
  single('guardianPolicies', 'guardian/policies.json'),
  single('guardianPhoneFactorSelectedProvider', 'guardian/phoneFactorSelectedProvider.json'),
  single('guardianPhoneFactorMessageTypes', 'guardian/phoneFactorMessageTypes.json'),
  {
    section: 'branding',
    entry: 'branding',
    read(files, dir) {
      const settings = files.exists(path.join(dir, 'branding.json')) ? files.json(path.join(dir, 'branding.json')) : {};
      const templatesDir = path.join(dir, 'templates');
      const templates = jsonFiles(files, templatesDir).map((f) => {
        const t = asItem(files, f);
        load(files, t, 'body', templatesDir, `The body of branding template "${String(t['template'])}"`);
        return t;
      });
      return { ...(isRecord(settings) ? settings : {}), ...(templates.length > 0 ? { templates } : {}) };
    },
  },
  single('phoneProviders', 'phone-providers/provider.json'),
  list('phoneTemplates', 'phone-templates'),
  {
    section: 'prompts',
    entry: 'prompts',
    read(files, dir) {
      const json = (name: string) => (files.exists(path.join(dir, name)) ? files.json(path.join(dir, name)) : {});
      const partials: Item = {};
      const listed = json('partials.json');
      // { prompt: [{ screen: [{ name, template: <file> }] }] } → { prompt: { screen: { name: <contents> } } }
      for (const [prompt, screens] of Object.entries(isRecord(listed) ? listed : {})) {
        const first = Array.isArray(screens) && isRecord(screens[0]) ? screens[0] : {};
        partials[prompt] = Object.fromEntries(
          Object.entries(first).map(([screen, items]) => [
            screen,
            Object.fromEntries((Array.isArray(items) ? items.filter(isRecord) : []).map((i) => {
              const file = typeof i['template'] === 'string' ? files.resolve(i['template'], dir, `Partial ${prompt}/${screen}`) : undefined;
              return [String(i['name']), file !== undefined && files.exists(file) ? files.text(file).trim() : ''];
            })),
          ]),
        );
      }
      const screenRenderers = jsonFiles(files, path.join(dir, 'screenRenderSettings')).map((f) => files.json(f));
      return { ...asRecordOf(json('prompts.json')), customText: json('custom-text.json'), partials, screenRenderers };
    },
  },
  {
    section: 'attackProtection',
    entry: 'attack-protection',
    read(files, dir) {
      const parts = { botDetection: 'bot-detection', breachedPasswordDetection: 'breached-password-detection', bruteForceProtection: 'brute-force-protection', captcha: 'captcha', suspiciousIpThrottling: 'suspicious-ip-throttling' };
      return Object.fromEntries(Object.entries(parts).filter(([, f]) => files.exists(path.join(dir, `${f}.json`))).map(([k, f]) => [k, files.json(path.join(dir, `${f}.json`))]));
    },
  },
  single('riskAssessment', 'risk-assessment/settings.json'),
  list('logStreams', 'log-streams'),
  single('customDomains', 'custom-domains/custom-domains.json'),
  list('themes', 'themes'),
  list('forms', 'forms'),
  list('flows', 'flows'),
  list('flowVaultConnections', 'flow-vault-connections'),
  list('selfServiceProfiles', 'self-service-profiles'),
  list('networkACLs', 'network-acls'),
  list('userAttributeProfiles', 'user-attribute-profiles'),
  list('connectionProfiles', 'connection-profiles'),
  list('tokenExchangeProfiles', 'token-exchange-profiles'),
  single('supplementalSignals', 'supplemental-signals.json'),
  list('rateLimitPolicies', 'rate-limit-policies'),
  list('eventStreams', 'event-streams'),
];

const asRecordOf = (v: unknown): Item => (isRecord(v) ? v : {});

/** The top-level entries a directory export may hold: the first part of every layout's entry. */
const KNOWN_TOP = new Set(LAYOUTS.map((l) => l.entry.split('/')[0] as string));

/** Whether `dir` looks like a directory export: at least one entry of a known layout. */
export function isDirectoryExport(dir: string): boolean {
  const files = new ExportFiles(dir);
  return files.list(files.root).some((e) => KNOWN_TOP.has(e.name));
}

export function readDirectoryExport(dir: string, origin = `export ${dir}`): PulledTenant {
  const files = new ExportFiles(dir);
  const out: PulledTenant = { origin, sections: {}, passthrough: {}, exclude: {}, notes: [] };
  const modeled: Partial<Record<Section, unknown>> = {};
  for (const layout of LAYOUTS) {
    const at = path.join(files.root, layout.entry);
    if (!files.exists(at)) continue;
    const value = layout.read(files, at);
    if (value === undefined || value === null) continue;
    if (isSection(layout.section)) modeled[layout.section] = value;
    else out.passthrough[layout.section] = value;
  }
  for (const e of files.list(files.root)) {
    if (!KNOWN_TOP.has(e.name)) out.notes.push(note('left-out', e.name, `${e.name} is not part of auth0-deploy-cli's directory format, so it is not in the project.`));
  }
  out.sections = fromSections(modeled, files.root);
  return out;
}
