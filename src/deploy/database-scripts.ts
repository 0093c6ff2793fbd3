// A database connection's custom scripts (`options.customScripts`). In auth0-deploy-cli's YAML format
// each is the path of a file (`login: ./databases/Username-Password-Authentication/login.js`), which it
// reads, replaces keywords in, and sends as the script; `claimkit pull` writes the scripts themselves
// into tenant.yaml. A value that is a path is read as auth0-deploy-cli reads it — never deployed as the
// script's text, which would break every login on that connection — and must be a regular file inside
// tenant.yaml's folder (see passthrough-files.ts).
import type { KeywordMappings } from '../claims/keywords.ts';
import { ClaimkitError } from '../errors.ts';
import { isRecord } from '../lib/records.ts';
import { fileProblem, namedFileText, type FileProblem } from './passthrough-files.ts';
import type { YamlItem } from './resources/contract.ts';

/** One line, no spaces or code punctuation, a script's extension: a file name, not JavaScript. */
const SCRIPT_PATH = /^[^\s(){};=]+\.js$/;

type ScriptRef = { path: Array<string | number>; file: string };

function scriptRefs(databases: unknown): ScriptRef[] {
  if (!Array.isArray(databases)) return [];
  return databases.flatMap((db, i) => {
    const options = isRecord(db) && isRecord(db['options']) ? db['options'] : undefined;
    const scripts = options && isRecord(options['customScripts']) ? options['customScripts'] : {};
    return Object.entries(scripts).flatMap(([name, v]) => (typeof v === 'string' && SCRIPT_PATH.test(v.trim()) ? [{ path: ['databases', i, 'options', 'customScripts', name], file: v.trim() }] : []));
  });
}

const explain = (problem: string) => `${problem}: a custom script given as a path is read from that file, as auth0-deploy-cli reads it. Name a file inside the project, or write the script itself here.`;

/** `claimkit check`: the script files `databases` names (before keywords are replaced; paths holding one are left to the deploy). */
export function databaseScriptProblems(databases: unknown, root: string): FileProblem[] {
  return scriptRefs(databases).flatMap((ref) => {
    if (/##|@@/.test(ref.file)) return [];
    const problem = fileProblem(root, ref.file);
    return problem ? [{ path: ref.path, message: explain(problem) }] : [];
  });
}

/** The databases as a deploy sends them: each script named by a path replaced by its file's text (keywords replaced). */
export function withDatabaseScripts(items: readonly YamlItem[], root: string, mappings: KeywordMappings): YamlItem[] {
  const refs = scriptRefs(items);
  if (refs.length === 0) return [...items];
  const problems = refs.flatMap((ref) => {
    const problem = fileProblem(root, ref.file);
    return problem ? [`  - ${ref.path.join('.')}: ${explain(problem)}`] : [];
  });
  if (problems.length > 0) throw new ClaimkitError('ERR_TENANT_YAML_INVALID', `tenant.yaml names custom database scripts that cannot be read, so nothing was sent:\n${problems.join('\n')}`);
  const out = [...items];
  for (const ref of refs) {
    const [, i, , , name] = ref.path as [string, number, string, string, string];
    const db = out[i] as YamlItem;
    const options = db['options'] as YamlItem;
    const text = namedFileText(root, ref.file, `The ${name} script of database "${String(db['name'])}"`, mappings);
    out[i] = { ...db, options: { ...options, customScripts: { ...(options['customScripts'] as YamlItem), [name]: text } } };
  }
  return out;
}
