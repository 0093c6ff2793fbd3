// The passthrough fields auth0-deploy-cli's YAML format keeps in files (file-fields.ts), taken out of a
// pulled section into files of their own, the way its export writes them (emailTemplates/<template>.html,
// rules/<name>.js…). File names come from the items' names, made safe and unique.
import { fieldItems, PASSTHROUGH_FILE_FIELDS } from '../deploy/file-fields.ts';
import { safeFileName } from './file-names.ts';

/** `value` (the section `section`) with its file fields replaced by `./<folder>/<file>`; the files go into `assets`. */
export function extractFiles(section: string, value: unknown, assets: Map<string, string>): unknown {
  for (const spec of PASSTHROUGH_FILE_FIELDS.filter((s) => s.section === section)) {
    for (const item of fieldItems(spec, value)) {
      const content = item[spec.field];
      if (typeof content !== 'string' || content === '') continue;
      const base = safeFileName(String(spec.nameOf(item) ?? section));
      let file = `${spec.folder}/${base}${spec.ext}`;
      // Unique even where file systems ignore case (two templates "A" and "a").
      for (let n = 2; [...assets.keys()].some((f) => f.toLowerCase() === file.toLowerCase()); n++) file = `${spec.folder}/${base}-${n}${spec.ext}`;
      assets.set(file, content);
      item[spec.field] = `./${file}`;
    }
  }
  return value;
}
