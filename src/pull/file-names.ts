// Which Action names can be file names. In a claimkit project an Action's file name IS its name
// (actions/<name>.js), so a name that is not a portable file name — a path (`../x`, `a/b`), a Windows
// device name, characters Windows or macOS refuse, names two file systems would fold into one — cannot
// be represented, and renaming would make a deploy create another Action. Such Actions are reported.

/** Characters no file name may hold on one of Linux, macOS or Windows (and control characters). */
const BAD_CHARACTERS = /[\u0000-\u001f\u007f<>:"/\\|?*]/;
/** Windows device names, with or without an extension (CON, con.txt…). */
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Bytes of a name, leaving room for `.js` and the suffixes tools add under the 255-byte limit. */
const MAX_NAME_BYTES = 200;

/** Why `name` cannot be a file name, or undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  if (name === '' || name.trim() === '') return 'the name is empty';
  if (name === '.' || name === '..') return `"${name}" is a folder, not a file name`;
  const bad = BAD_CHARACTERS.exec(name);
  if (bad) return `it holds ${bad[0] === '/' || bad[0] === '\\' ? `a path separator (${bad[0]})` : `a character file systems refuse (${JSON.stringify(bad[0])})`}`;
  if (DEVICE_NAMES.test(name)) return `"${name}" is a Windows device name`;
  if (/[ .]$/.test(name)) return 'it ends with a space or a dot, which Windows drops from file names';
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return `it is longer than ${MAX_NAME_BYTES} bytes`;
  return undefined;
}

/** How case-insensitive file systems (macOS, Windows) compare names: one file for both. */
const folded = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * The names among `names` that cannot be Action files, each with why: not a file name, or the same file
 * as another name on a case-insensitive file system (every name of such a group: none is "the" one).
 */
export function unrepresentableNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const problem = fileNameProblem(name);
    if (problem !== undefined) out.set(name, problem);
    else groups.set(folded(name), [...(groups.get(folded(name)) ?? []), name]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const name of group) out.set(name, `its file would be the same as ${group.filter((n) => n !== name).map((n) => `"${n}"`).join(', ')}'s on macOS and Windows, whose file systems ignore case`);
  }
  return out;
}

/** A file name for an asset (an email template body, a rule's script): bad characters made `_`, never empty. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(new RegExp(BAD_CHARACTERS.source, 'g'), '_').replace(/[ .]+$/, '').slice(0, MAX_NAME_BYTES);
  const base = cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
  return DEVICE_NAMES.test(base) ? `_${base}` : base;
}
