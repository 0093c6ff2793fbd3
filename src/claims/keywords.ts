// auth0-deploy-cli keyword replacement (auth0-facts §4): `##KEY##` is replaced literally and `@@KEY@@`
// by the JSON of the value, in tenant.yaml and in every Action's code, at deploy time.
import { ClaimkitError } from '../errors.ts';
import { describeShapeProblem, shapeProblem } from '../project/input-shape.ts';

export type KeywordMappings = Readonly<Record<string, unknown>>;

const KEYWORD = /##([A-Za-z0-9_]+)##|@@([A-Za-z0-9_]+)@@/g;
/** As a0deploy matches array keywords: `@@KEY@@` with or without the quotes around it, which the JSON replaces too. */
const REPLACED = /##([A-Za-z0-9_]+)##|'@@([A-Za-z0-9_]+)@@'|"@@([A-Za-z0-9_]+)@@"|@@([A-Za-z0-9_]+)@@/g;

/** The keyword names a text uses. */
export function keywordsIn(text: string): string[] {
  return [...text.matchAll(KEYWORD)].map((m) => (m[1] ?? m[2]) as string);
}

/** Replaces keywords the way a0deploy does; keywords without a mapping are left as they are. */
export function replaceKeywords(text: string, mappings: KeywordMappings): string {
  return text.replace(REPLACED, (whole, literal: string | undefined, single: string | undefined, double: string | undefined, bare: string | undefined) => {
    const json = single ?? double ?? bare;
    const name = (literal ?? json) as string;
    if (!Object.prototype.hasOwnProperty.call(mappings, name)) return whole;
    const value = mappings[name];
    return literal !== undefined ? String(value) : JSON.stringify(value);
  });
}

const WHOLE_JSON_KEYWORD = /^@@([A-Za-z0-9_]+)@@$/;

/**
 * Keywords replaced in every string of a value (object keys included), as a0deploy's replacement of the
 * bundle's text treats the JSON embedded in it: a string that is exactly `@@KEY@@` becomes the value
 * itself (its quotes are replaced too), any other keyword is replaced within the string.
 */
export function replaceKeywordsDeep(v: unknown, mappings: KeywordMappings): unknown {
  if (typeof v === 'string') {
    const whole = WHOLE_JSON_KEYWORD.exec(v)?.[1];
    return whole !== undefined && Object.prototype.hasOwnProperty.call(mappings, whole) ? mappings[whole] : replaceKeywords(v, mappings);
  }
  if (Array.isArray(v)) return v.map((x) => replaceKeywordsDeep(x, mappings));
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) Object.defineProperty(out, replaceKeywords(k, mappings), { value: replaceKeywordsDeep(x, mappings), enumerable: true, writable: true, configurable: true });
  return out;
}

/** AUTH0_KEYWORD_REPLACE_MAPPINGS from the environment (a JSON object), as a0deploy reads it. */
export function envKeywordMappings(env: Readonly<Record<string, string | undefined>>): KeywordMappings {
  const raw = env['AUTH0_KEYWORD_REPLACE_MAPPINGS'];
  if (raw === undefined || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw) as unknown;
  } catch (cause) {
    throw new ClaimkitError('ERR_CONFIG_INVALID', 'AUTH0_KEYWORD_REPLACE_MAPPINGS is not valid JSON. Set it to a JSON object such as {"CLAIM_NAMESPACE":"https://claims.example.com/"}.', { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ClaimkitError('ERR_CONFIG_INVALID', 'AUTH0_KEYWORD_REPLACE_MAPPINGS must be a JSON object of keyword → value.');
  }
  // Its values go into tenant.yaml and the bundles: bounded as every other input is.
  const problem = shapeProblem(parsed);
  if (problem) {
    throw new ClaimkitError(problem.kind === 'too-deep' ? 'ERR_INPUT_TOO_LARGE' : 'ERR_INPUT_UNSAFE_KEY', `AUTH0_KEYWORD_REPLACE_MAPPINGS: ${describeShapeProblem(problem)}`);
  }
  return parsed as KeywordMappings;
}
