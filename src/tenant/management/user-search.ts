import { queryError } from '../http/errors.ts';

// GET /users?q=… — the part of Auth0's user search query syntax (v3, Lucene) a local tenant answers:
// terms `field:value` or `field:"value"`, joined by whitespace or AND (every term must match), a
// trailing `*` for a prefix. Anything else (OR, NOT, ranges, parentheses…) is refused with a 400:
// ignoring a filter would answer every user, and a script that deletes what a search finds would
// delete them all.

export interface SearchTerm {
  /** `email`, `app_metadata.plan`… */
  path: readonly string[];
  value: string;
  prefix: boolean;
}

const TERM = /^([A-Za-z_][\w.]*):(?:"((?:[^"\\]|\\.)*)"|([^\s"():[\]{}]+))$/;
const MAX_TERMS = 20;

function unsupported(q: string): never {
  throw queryError(`'The local tenant searches users only with terms field:value or field:"value" joined by AND (a trailing * for a prefix); got ${JSON.stringify(q.length > 200 ? `${q.slice(0, 200)}…` : q)}' on property q`);
}

/** The terms of `q` (tokens split on whitespace outside quotes), or a 400. */
export function parseUserQuery(q: string): SearchTerm[] {
  const token = /(?:[^\s"]+|"(?:[^"\\]|\\.)*")+/g;
  const tokens = q.match(token) ?? [];
  const terms = tokens.filter((t) => t !== 'AND');
  if (terms.length === 0 || terms.length > MAX_TERMS || q.replace(token, '').trim() !== '') unsupported(q);
  return terms.map((token) => {
    const m = TERM.exec(token);
    if (!m) unsupported(q);
    const quoted = m[2];
    const raw = quoted === undefined ? (m[3] as string) : quoted.replace(/\\(.)/g, '$1');
    const prefix = quoted === undefined && raw.endsWith('*'); // field:* — any value
    const value = prefix ? raw.slice(0, -1) : raw;
    if (quoted === undefined && value.includes('*')) unsupported(q);
    return { path: (m[1] as string).split('.'), value, prefix };
  });
}

function valueAt(user: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let current: unknown = user;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function termMatches(user: Readonly<Record<string, unknown>>, term: SearchTerm): boolean {
  const found = valueAt(user, term.path);
  const candidates = Array.isArray(found) ? found : [found];
  return candidates.some((v) => {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
    const text = String(v).toLowerCase();
    const wanted = term.value.toLowerCase();
    return term.prefix ? text.startsWith(wanted) : text === wanted;
  });
}

/** Whether a user (as the API shows it) matches every term. */
export function matchesUserQuery(user: Readonly<Record<string, unknown>>, terms: readonly SearchTerm[]): boolean {
  return terms.every((term) => termMatches(user, term));
}
