// `--keyword NAME=value`: the value becomes auth0-deploy-cli's placeholder wherever the pulled project
// holds it, so that tenant.yaml and the Actions stop naming one tenant. A text value becomes `##NAME##`
// inside tenant.yaml's strings, the Actions' string literals and the other files; a JSON list or object
// (`--keyword CALLBACKS='["https://a/cb"]'`) becomes `@@NAME@@` where tenant.yaml holds exactly that
// value. A deploy puts the values back (AUTH0_KEYWORD_REPLACE_MAPPINGS), and the pull checks it would.
import * as acorn from 'acorn';
import { ClaimkitError } from '../errors.ts';
import { isRecord } from '../lib/records.ts';

export interface Keyword {
  name: string;
  /** The text, or (for `@@NAME@@`) the JSON value. */
  value: unknown;
  structured: boolean;
}

const NAME = /^[A-Za-z0-9_]+$/;

/** `NAME=value` arguments, checked: a valid keyword name, a value, no name twice. */
export function parseKeywords(args: readonly string[]): Keyword[] {
  const out: Keyword[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const raw = eq === -1 ? '' : arg.slice(eq + 1);
    const bad = (why: string): never => {
      throw new ClaimkitError('ERR_PULL_KEYWORD', `--keyword ${JSON.stringify(arg)}: ${why} Write --keyword NAME=value, for example --keyword CLAIM_NAMESPACE=https://claims.example.com/.`);
    };
    if (!NAME.test(name)) bad('the name must be letters, digits and _ only (auth0-deploy-cli replaces ##NAME## and @@NAME@@ with such names).');
    if (raw === '') bad('the value is empty.');
    if (out.some((k) => k.name === name)) bad(`${name} is given twice.`);
    let value: unknown = raw;
    let structured = false;
    if (/^\s*[[{]/.test(raw)) {
      try {
        value = JSON.parse(raw) as unknown;
        structured = true;
      } catch {
        bad('the value starts like JSON but is not valid JSON (a list or object value must be JSON).');
      }
    }
    out.push({ name, value, structured });
  }
  // Longer values first, so that a value holding another one is replaced whole.
  return out.sort((a, b) => String(b.value).length - String(a.value).length);
}

/** What a deploy maps the keywords to (AUTH0_KEYWORD_REPLACE_MAPPINGS). */
export const keywordMappings = (keywords: readonly Keyword[]): Record<string, unknown> => Object.fromEntries(keywords.map((k) => [k.name, k.value]));

/** Counts replacements per keyword, and where (for the report). */
export class KeywordUse {
  readonly counts = new Map<string, number>();
  add(name: string, n: number): void {
    if (n > 0) this.counts.set(name, (this.counts.get(name) ?? 0) + n);
  }
}

function replaceText(text: string, keywords: readonly Keyword[], use: KeywordUse): string {
  let out = text;
  for (const k of keywords) {
    if (k.structured || typeof k.value !== 'string') continue;
    const parts = out.split(k.value);
    use.add(k.name, parts.length - 1);
    out = parts.join(`##${k.name}##`);
  }
  return out;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** tenant.yaml data with the keywords put in: strings anywhere in values, structured values where equal. */
export function keywordsInData(value: unknown, keywords: readonly Keyword[], use: KeywordUse): unknown {
  const structured = keywords.find((k) => k.structured && sameJson(k.value, value));
  if (structured) {
    use.add(structured.name, 1);
    return `@@${structured.name}@@`;
  }
  if (typeof value === 'string') return replaceText(value, keywords, use);
  if (Array.isArray(value)) return value.map((v) => keywordsInData(v, keywords, use));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keywordsInData(v, keywords, use)]));
  return value;
}

/** A whole text file (an email template, a rule's script): auth0-deploy-cli replaces keywords anywhere in it. */
export const keywordsInText = replaceText;

/**
 * Action code with the keywords put into its string literals and template texts only: anywhere else a
 * `##NAME##` would not be JavaScript (the file must still parse, type-check and run before a deploy
 * replaces it). Code that does not tokenize is left as it is (and reported by the caller).
 */
export function keywordsInCode(code: string, keywords: readonly Keyword[], use: KeywordUse): { code: string; ok: boolean } {
  if (!keywords.some((k) => !k.structured)) return { code, ok: true };
  const spans: Array<[number, number]> = [];
  try {
    for (const token of acorn.tokenizer(code, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true })) {
      if (token.type === acorn.tokTypes.string || token.type === acorn.tokTypes.template) spans.push([token.start, token.end]);
    }
  } catch {
    return { code, ok: false };
  }
  let out = '';
  let last = 0;
  for (const [start, end] of spans) {
    out += code.slice(last, start) + replaceText(code.slice(start, end), keywords, use);
    last = end;
  }
  return { code: out + code.slice(last), ok: true };
}
