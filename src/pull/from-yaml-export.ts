// An auth0-deploy-cli export in its YAML format: tenant.yaml, with the files it names beside it (Action
// code under actions/<name>/code.js, email templates, rules' scripts…). Read as auth0-deploy-cli reads
// it (its lib/context/yaml), keyword placeholders kept, every named file loaded from inside the export.
import path from 'node:path';
import { FILTER_SECTIONS, isSection, PASSTHROUGH_SECTIONS, type Section } from '../deploy/resources/registry.ts';
import { isRecord } from '../lib/records.ts';
import { INPUT_LIMITS } from '../project/input-limits.ts';
import { parseYamlText } from '../project/yaml-file.ts';
import { ExportFiles, invalid, quoteListKeywords } from './export-files.ts';
import { fieldItems, PASSTHROUGH_FILE_FIELDS } from '../deploy/file-fields.ts';
import { note, type PulledTenant } from './model.ts';
import { fromSections } from './sections.ts';

/** Loads the file a field names, in place. */
function load(files: ExportFiles, item: Record<string, unknown>, field: string, base: string, what: string): void {
  const rel = item[field];
  if (typeof rel !== 'string' || rel === '') return;
  item[field] = files.text(files.resolve(rel, base, what));
}

/** The files claimkit's own sections name in this format: Action code, custom database scripts, two optional HTML files. */
function loadModeled(files: ExportFiles, section: Section, value: unknown): void {
  const list = Array.isArray(value) ? value.filter(isRecord) : [];
  for (const item of list) {
    const name = String(item['name'] ?? '');
    if (section === 'actions') load(files, item, 'code', files.root, `The code of Action "${name}"`);
    const options = isRecord(item['options']) ? item['options'] : undefined;
    if (section === 'databases' && options && isRecord(options['customScripts'])) {
      const scripts = options['customScripts'];
      for (const key of Object.keys(scripts)) load(files, scripts, key, files.root, `The ${key} script of database "${name}"`);
    }
    // Both are file names only when such a file exists (else the value itself), as auth0-deploy-cli reads them.
    if (section === 'clients' && typeof item['custom_login_page'] === 'string') {
      const file = path.join(files.root, 'clients', item['custom_login_page']);
      if (!item['custom_login_page'].includes('\n') && files.exists(file)) load(files, item, 'custom_login_page', path.join(files.root, 'clients'), `The custom login page of client "${name}"`);
    }
    const email = options && isRecord(options['email']) ? options['email'] : undefined;
    if (section === 'connections' && item['strategy'] === 'email' && email) load(files, email, 'body', path.join(files.root, 'connections'), `The email body of connection "${name}"`);
  }
}

/** Reads the export whose tenant.yaml is `file`. */
export function readYamlExport(file: string, origin = `export ${file}`): PulledTenant {
  const files = new ExportFiles(path.dirname(file));
  const full = files.resolve(path.basename(file), files.root, 'tenant.yaml');
  const text = files.text(full);
  const data = parseYamlText(quoteListKeywords(text), full, 'ERR_EXPORT_INVALID', INPUT_LIMITS.tenantYaml).data;
  if (data !== null && data !== undefined && !isRecord(data)) throw invalid(full, 'An auth0-deploy-cli tenant.yaml is a mapping of sections (clients:, actions:…); this one is not.');
  const document = isRecord(data) ? data : {};
  const out: PulledTenant = { origin, sections: {}, passthrough: {}, exclude: {}, notes: [] };
  const modeled: Partial<Record<Section, unknown>> = {};
  for (const [key, value] of Object.entries(document)) {
    if (value === null || value === undefined) continue;
    if (isSection(key)) {
      loadModeled(files, key, value);
      modeled[key] = value;
    } else if (PASSTHROUGH_SECTIONS.includes(key)) {
      for (const spec of PASSTHROUGH_FILE_FIELDS.filter((s) => s.section === key)) {
        for (const item of fieldItems(spec, value)) load(files, item, spec.field, files.root, `The ${spec.field} of ${key} "${String(spec.nameOf(item) ?? '')}"`);
      }
      out.passthrough[key] = value;
    } else if (FILTER_SECTIONS.includes(key)) {
      if (key === 'exclude' && isRecord(value)) for (const [s, names] of Object.entries(value)) if (Array.isArray(names)) out.exclude[s] = names.filter((n): n is string => typeof n === 'string');
      if (key === 'include' && isRecord(value) && Object.values(value).some((v) => Array.isArray(v) && v.length > 0)) {
        out.notes.push(note('left-out', 'include:', 'tenant.yaml keeps deploys to the names under include:; the pulled project holds everything the export does, without that list.'));
      }
    } else {
      out.notes.push(note('left-out', key, `"${key}" is not a section auth0-deploy-cli 8 imports, so it is not in the project.`));
    }
  }
  out.sections = fromSections(modeled, full);
  return out;
}

