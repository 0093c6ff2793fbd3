// The fields auth0-deploy-cli's YAML format keeps in files of their own, named by a path relative to
// tenant.yaml (its lib/context/yaml/handlers: each `context.loadFile`). A pulled project writes them the
// way its export does; reading an export loads them; a deploy checks them and fingerprints their text. Sections claimkit deploys itself hold their
// contents inline instead (claimkit reads no files for them), which the pull reports where it matters.

export interface FileField {
  section: string;
  /** Where the items are: the section itself (a list), or a list inside it (branding's templates). */
  items: readonly string[];
  field: string;
  /** The item's name, for its file name. */
  nameOf: (item: Readonly<Record<string, unknown>>) => unknown;
  /** The folder (relative to tenant.yaml) and extension of the files a pull writes. */
  folder: string;
  ext: string;
}

const by = (key: string) => (item: Readonly<Record<string, unknown>>) => item[key];

export const PASSTHROUGH_FILE_FIELDS: readonly FileField[] = [
  { section: 'emailTemplates', items: [], field: 'body', nameOf: by('template'), folder: 'emailTemplates', ext: '.html' },
  { section: 'pages', items: [], field: 'html', nameOf: by('name'), folder: 'pages', ext: '.html' },
  { section: 'rules', items: [], field: 'script', nameOf: by('name'), folder: 'rules', ext: '.js' },
  { section: 'hooks', items: [], field: 'script', nameOf: by('name'), folder: 'hooks', ext: '.js' },
  { section: 'actionModules', items: [], field: 'code', nameOf: by('name'), folder: 'action-modules', ext: '.js' },
  { section: 'branding', items: ['templates'], field: 'body', nameOf: by('template'), folder: 'branding_templates', ext: '.html' },
];

/** The items of `value` (one section) that a file field applies to. */
export function fieldItems(spec: FileField, value: unknown): Array<Record<string, unknown>> {
  let node: unknown = value;
  for (const key of spec.items) node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  return Array.isArray(node) ? node.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null && !Array.isArray(i)) : [];
}

/** One file a section names: where in tenant.yaml ([section, index, field…]) and the value written there. */
export interface FileRef {
  path: Array<string | number>;
  file: unknown;
}

/** Every file field that `value` (the section `section` of tenant.yaml) fills in. An empty page html is no file. */
export function fileRefs(section: string, value: unknown): FileRef[] {
  const refs: FileRef[] = [];
  for (const spec of PASSTHROUGH_FILE_FIELDS) {
    if (spec.section !== section) continue;
    const items = fieldItems(spec, value);
    let node: unknown = value;
    for (const key of spec.items) node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    const list = Array.isArray(node) ? node : [];
    for (const item of items) {
      const file = item[spec.field];
      if (file === undefined || (section === 'pages' && file === '')) continue;
      refs.push({ path: [section, ...spec.items, list.indexOf(item), spec.field], file });
    }
  }
  return refs;
}
